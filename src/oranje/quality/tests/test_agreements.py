"""Agreements with municipalities (checks of pools, functions, periods, budget shares,
lines), the inhabitants import (bad rows, all or nothing, re-import) and their pages and API."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry, Municipality, User
from oranje.organisation.constants import PoolKind
from oranje.organisation.models import Pool
from oranje.organisation.tests.factories import World
from oranje.quality import imports
from oranje.quality.models import Inhabitants, MunicipalAgreement
from oranje.quality.services import agreements as services
from oranje.quality.tests.assessment_helpers import haarlem_monitor, monitor

__all__ = ["haarlem_monitor", "monitor"]

pytestmark = pytest.mark.django_db


def _data(world: World, **kw: object) -> services.AgreementIn:
    values: dict = {
        "municipality_id": world.haarlem.pk,
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2029, 12, 31),
        "budget_share": Decimal("30.0"),
        "lines": [services.LineIn(world.cpg.pk, world.cpg_haarlem.pk, 4)],
        **kw,
    }
    return services.AgreementIn(**values)


def _save(world: World, user: User, **kw: object) -> MunicipalAgreement:
    return services.agreement_save(actor=user, region=world.region, data=_data(world, **kw))


def _problems(world: World, user: User, **kw: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        _save(world, user, **kw)
    return exc.value.message_dict


def test_save_and_change_with_lines(world, monitor) -> None:
    saved = _save(world, monitor)
    assert [(line.function_id, line.people) for line in saved.lines.all()] == [(world.cpg.pk, 4)]
    services.agreement_save(
        actor=monitor,
        region=world.region,
        agreement=saved,
        data=_data(
            world,
            lines=[
                services.LineIn(world.ovd.pk, world.ovd_pool.pk, 2),
                services.LineIn(world.cpg.pk, None, 1),
            ],
        ),
    )
    assert saved.lines.count() == 2
    entries = AuditEntry.objects.filter(action="municipal_agreement.save")
    assert entries.count() == 2
    assert "lines" in entries.order_by("pk").last().changes


def test_only_the_regions_monitors_write(world, monitor, haarlem_monitor) -> None:
    for user in (world.haarlem_coordinator, haarlem_monitor, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            _save(world, user)
    saved = _save(world, monitor)
    with pytest.raises(Http404):  # an agreement of this region saved "in" another region
        services.agreement_save(
            actor=world.admin, region=world.other_region, agreement=saved, data=_data(world)
        )


def test_cross_object_checks(world, monitor) -> None:
    utrecht = Municipality.objects.current().filter(region=world.other_region).first()
    assert "municipality" in _problems(world, monitor, municipality_id=utrecht.pk)
    lines = _problems(
        world,
        monitor,
        lines=[
            services.LineIn(world.cpg.pk, world.other_pool.pk, 1),  # pool of another region
            services.LineIn(999_999, None, 1),  # not a function of the catalogue
            services.LineIn(world.cpg.pk, None, 0),  # no people
        ],
    )["lines"]
    assert len(lines) == 3
    assert "regel 1" in lines[0] and "regel 2" in lines[1] and "regel 3" in lines[2]
    # a municipal pool that serves Haarlem, not Velsen
    problems = _problems(world, monitor, municipality_id=world.velsen.pk)
    assert "CPG Haarlem" in problems["lines"][0]
    # a regional pool serves every municipality
    _save(
        world,
        monitor,
        municipality_id=world.velsen.pk,
        lines=[services.LineIn(world.ovd.pk, world.ovd_pool.pk, 1)],
    )
    assert "lines" in _problems(world, monitor, lines=[services.LineIn(world.cpg.pk, None, 1)] * 31)


def test_period_checks(world, monitor) -> None:
    assert "ends_on" in _problems(world, monitor, ends_on=dt.date(2025, 1, 1))
    assert "starts_on" in _problems(world, monitor, starts_on=dt.date(2009, 1, 1))
    assert "ends_on" in _problems(world, monitor, ends_on=dt.date(2101, 1, 1))
    assert "signed_on" in _problems(world, monitor, signed_on=dt.date(1999, 1, 1))
    assert "budget_share" in _problems(world, monitor, budget_share=Decimal("100.5"))
    assert "budget_share" in _problems(world, monitor, budget_share=Decimal("NaN"))


def test_budget_shares_overlapping_a_day_add_up_to_100_at_most(world, monitor) -> None:
    _save(world, monitor, budget_share=Decimal("60"))
    velsen = {"municipality_id": world.velsen.pk, "lines": []}
    # overlapping from 2029 on: 60 + 50 = 110
    problems = _problems(
        world,
        monitor,
        starts_on=dt.date(2029, 6, 1),
        ends_on=dt.date(2031, 1, 1),
        budget_share=Decimal("50"),
        **velsen,
    )
    assert "110" in problems["budget_share"][0] and "aandeel" in problems["budget_share"][0]
    # after Haarlem's agreement ended it fits
    second = _save(
        world,
        monitor,
        starts_on=dt.date(2030, 1, 1),
        ends_on=dt.date(2031, 1, 1),
        budget_share=Decimal("50"),
        **velsen,
    )
    # a third that starts inside the first and overlaps both on no single day above 100
    _save(
        world,
        monitor,
        starts_on=dt.date(2029, 1, 1),
        ends_on=dt.date(2031, 12, 31),
        budget_share=Decimal("40"),
        municipality_id=world.velsen.pk,
        lines=[],
    )
    # changing the second one to 61 would make 101 in 2030
    with pytest.raises(ValidationError):
        services.agreement_save(
            actor=monitor,
            region=world.region,
            agreement=second,
            data=_data(
                world,
                starts_on=dt.date(2030, 1, 1),
                ends_on=dt.date(2031, 1, 1),
                budget_share=Decimal("61"),
                **velsen,
            ),
        )


def _csv(text: str, encoding: str = "utf-8") -> list:
    return imports.read_table(io.BytesIO(text.encode(encoding)), "inwoners.csv")


def test_import_reports_every_bad_row_and_keeps_nothing(world, monitor) -> None:
    utrecht = Municipality.objects.current().filter(region=world.other_region).first()
    rows = _csv(
        "gemeente;jaar;inwoners\n"
        "GM0392;2026;162.000\n"
        "Velsen;2026;68000\n"
        f"{utrecht.cbs_code};2026;360000\n"
        "Atlantis;2026;10\n"
        "GM0392;1800;5\n"
        "GM0453;2025;veel\n"
        "GM0392;2026;1\n"
    )
    report = imports.inhabitants_import(actor=monitor, region=world.region, rows=rows)
    assert not report.ok
    found = [(e.line, e.field) for e in report.errors]
    assert found == [
        (4, "gemeente"),
        (5, "gemeente"),
        (6, "jaar"),
        (7, "inwoners"),
        (8, "gemeente"),
    ]
    assert "Atlantis" in report.errors[1].message
    assert not Inhabitants.objects.exists()


def test_import_windows_1252_comma_and_reimport_updates(world, monitor) -> None:
    rows = _csv("Gemeente,Jaar,Inwoners\nHaarlem,2026,162000\ngm0453,2026,68000\n", "cp1252")
    report = imports.inhabitants_import(actor=monitor, region=world.region, rows=rows)
    assert report.ok and report.created == 2
    rows = _csv(
        "gemeente;jaar;inwoners\nGM0392;2026;163000\nGM0453;2026;68000\nGM0392;2025;160000\n"
    )
    report = imports.inhabitants_import(actor=monitor, region=world.region, rows=rows)
    assert (report.created, report.updated, report.skipped) == (1, 1, 1)
    assert Inhabitants.objects.get(municipality=world.haarlem, year=2026).count == 163000
    assert AuditEntry.objects.filter(action="inhabitants.import").count() == 2
    with pytest.raises(PermissionDenied):
        imports.inhabitants_import(actor=world.haarlem_coordinator, region=world.region, rows=rows)


def test_import_file_problems() -> None:
    with pytest.raises(ValidationError):
        imports.read_table(io.BytesIO(b"naam;aantal\nHaarlem;5\n"), "x.csv")
    with pytest.raises(ValidationError):
        imports.read_table(io.BytesIO(b"%PDF-1.4\x00\x01"), "x.csv")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages(world, monitor, haarlem_monitor) -> None:
    client = _client(monitor)
    assert client.get(reverse("quality:agreements")).status_code == 200
    assert client.get(reverse("quality:agreement_new")).status_code == 200
    post = {
        "municipality": world.haarlem.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "cpg_hard_on_call": "on",
        "budget_share": "12.5",
        "signed_on": "",
        "text": "",
        "note": "",
        "line-TOTAL_FORMS": "3",
        "line-INITIAL_FORMS": "0",
        "line-MIN_NUM_FORMS": "0",
        "line-MAX_NUM_FORMS": "30",
        "line-0-function": world.cpg.pk,
        "line-0-pool": world.cpg_haarlem.pk,
        "line-0-people": "3",
        "line-1-function": "",
        "line-1-pool": "",
        "line-1-people": "",
        "line-2-function": "",
        "line-2-pool": "",
        "line-2-people": "",
    }
    response = client.post(reverse("quality:agreement_new"), post)
    assert response.status_code == 302
    saved = MunicipalAgreement.objects.get()
    assert saved.lines.get().people == 3
    assert (
        client.post(reverse("quality:agreement_new"), {**post, "budget_share": "90"}).status_code
        == 400
    )
    assert (
        client.post(
            reverse("quality:agreement_new"), {**post, "line-TOTAL_FORMS": "31"}
        ).status_code
        == 400
    )
    own = _client(haarlem_monitor)
    page = own.get(reverse("quality:agreements"))
    assert "Haarlem" in page.content.decode()
    assert own.get(reverse("quality:agreement", args=[saved.pk])).status_code == 200
    assert own.post(reverse("quality:agreement", args=[saved.pk]), post).status_code == 403
    assert own.get(reverse("quality:inhabitants")).status_code == 403
    assert (
        _client(world.outsider).get(reverse("quality:agreement", args=[saved.pk])).status_code
        == 404
    )
    upload = io.BytesIO(b"gemeente;jaar;inwoners\nGM0392;2026;162000\nXX;2026;1\n")
    upload.name = "inwoners.csv"
    response = client.post(reverse("quality:inhabitants"), {"file": upload})
    assert response.status_code == 400 and "XX" in response.content.decode()
    upload = io.BytesIO(b"gemeente;jaar;inwoners\nGM0392;2026;162000\n")
    upload.name = "inwoners.csv"
    assert client.post(reverse("quality:inhabitants"), {"file": upload}).status_code == 302
    assert "162000" in client.get(reverse("quality:inhabitants")).content.decode()


def test_api(world, monitor, haarlem_monitor) -> None:
    api = APIClient()
    api.force_login(monitor)
    body = {
        "municipality": world.haarlem.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "budget_share": "20.0",
        "lines": [{"function": world.cpg.pk, "pool": world.cpg_haarlem.pk, "people": 2}],
    }
    response = api.post("/api/v1/quality/regions/VR12/agreements/", body, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert (
        api.post(
            "/api/v1/quality/regions/VR12/agreements/",
            {**body, "budget_share": "NaN"},
            format="json",
        ).status_code
        == 400
    )
    assert (
        api.post(
            "/api/v1/quality/regions/VR12/agreements/",
            {**body, "lines": [{"function": world.cpg.pk, "people": 1}] * 31},
            format="json",
        ).status_code
        == 400
    )
    assert (
        api.put(
            f"/api/v1/quality/agreements/{pk}/", {**body, "budget_share": "85"}, format="json"
        ).status_code
        == 200
    )
    assert (
        api.put(
            f"/api/v1/quality/agreements/{pk}/", {**body, "ends_on": "2025-01-01"}, format="json"
        ).status_code
        == 400
    )
    own = APIClient()
    own.force_login(haarlem_monitor)
    assert [a["id"] for a in own.get("/api/v1/quality/regions/VR12/agreements/").json()] == [pk]
    assert own.put(f"/api/v1/quality/agreements/{pk}/", body, format="json").status_code == 403
    other = APIClient()
    other.force_login(world.outsider)
    assert other.get(f"/api/v1/quality/agreements/{pk}/").status_code == 404
    assert (
        other.post("/api/v1/quality/regions/VR12/agreements/", body, format="json").status_code
        == 404
    )
    Pool.objects.filter(pk=world.cpg_haarlem.pk).update(kind=PoolKind.MUNICIPAL)
