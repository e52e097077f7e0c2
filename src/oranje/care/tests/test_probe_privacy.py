"""The care room under a privacy officer's eye: no page or API answer that holds guests or
people with reduced self-reliance stays in a shared tablet's cache or a proxy, and the other
things the security probe of issue 12 checked."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from oranje.care.models import Case
from oranje.care.services import vulnerable as services
from oranje.care.tests.factories import check_in, location, open_shelter
from oranje.care.tests.vulnerable_factories import (
    OUTSIDE,
    VulnerableWorld,
    build_vulnerable,
    deliver,
    row,
)
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def vw(world: World) -> VulnerableWorld:
    return build_vulnerable(world)


def test_no_care_page_or_answer_with_names_may_be_stored(vw: VulnerableWorld) -> None:
    deliver(vw, [row("C1", "Truus de Wit"), row("C2", "Henk Bos", OUTSIDE)])
    services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)
    case = Case.objects.get()
    shelter = open_shelter(vw.cw.incident, location(vw.cw.world.haarlem))
    home = check_in(vw.cw, shelter, "Anna Jansen")
    s, i = vw.supplier.pk, vw.cw.incident.pk
    client = Client()
    client.force_login(vw.coordinator)
    pages = [
        "/opvang/zelfredzaamheid/",
        f"/opvang/zelfredzaamheid/{s}/",
        f"/opvang/zelfredzaamheid/{s}/lijst/",
        f"/incidenten/{i}/opvang/",
        f"/incidenten/{i}/opvang/zelfredzaamheid/",
        f"/incidenten/{i}/opvang/zelfredzaamheid/afdrukken/",
        f"/incidenten/{i}/opvang/zelfredzaamheid/{case.pk}/",
    ]
    token = Token.objects.create(user=vw.coordinator)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    answers = [
        f"/api/v1/care/suppliers/{s}/residents/",
        f"/api/v1/incidents/{i}/care/worklist/",
        f"/api/v1/care/worklist/{case.pk}/",
        f"/api/v1/households/{home.pk}/",  # type: ignore[attr-defined]
    ]
    for url, response in [
        *((url, client.get(url)) for url in pages),
        *((url, api.get(url)) for url in answers),
    ]:
        assert response.status_code == 200, url
        assert "no-store" in response.get("Cache-Control", ""), url


def test_the_residents_csv_runs_no_formula_but_keeps_numbers(vw: VulnerableWorld) -> None:
    """A cell starting with = + - @ is a formula to a spreadsheet even when a digit follows
    ("-2+3+cmd|…" is the classic payload): only plain numbers (a negative coordinate, an
    international phone number) stay as they are."""
    import csv
    import io

    from oranje.care.models import Resident

    Resident.objects.create(
        supplier=vw.supplier,
        ref="=1+1",
        name="-2+3+cmd|' /C calc'!A0",
        city="@SUM(1+1)",
        latitude=52.4,
        longitude=-4.5,
        need_note="+1+cmd|' /C calc'!A0",
        contact="\t=1",
        phone="+31612345678",
    )
    client = Client()
    client.force_login(vw.coordinator)
    export = client.get(f"/opvang/zelfredzaamheid/{vw.supplier.pk}/lijst.csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    [cells] = rows
    for value in cells.values():
        assert not value or value[0] not in "=+-@\t\r" or value in ("-4.5", "+31612345678"), value
    assert cells["naam"] == "'-2+3+cmd|' /C calc'!A0"


def test_the_audit_of_temporary_housing_holds_no_address_and_no_note(
    vw: VulnerableWorld,
) -> None:
    """Where a household lives and what its notes say are for the care roles: the audit log
    (read by the region's managers) says that they changed, not what."""
    from oranje.care.services.housing import housing_mark_needed, housing_place
    from oranje.core.audit_actions import AuditAction
    from oranje.core.models import AuditEntry

    shelter = open_shelter(vw.cw.incident, location(vw.cw.world.haarlem))
    home = check_in(vw.cw, shelter, "Anna Jansen")
    housing = housing_mark_needed(household=home, actor=vw.coordinator)  # type: ignore[arg-type]
    housing = housing_place(
        housing=housing,
        actor=vw.coordinator,
        address="Kleverparkweg 3, Haarlem",
        note="Mevrouw Jansen slaapt slecht",
    )
    housing_place(
        housing=housing,
        actor=vw.coordinator,
        address="Zijlweg 9, Haarlem",
        note="Mevrouw Jansen heeft een rolstoel",
    )
    entries = AuditEntry.objects.filter(action=AuditAction.HOUSING_SAVE)
    assert entries.count() == 3
    for entry in entries:
        text = f"{entry.object_repr} {entry.changes} {entry.note}"
        assert "Jansen" not in text and "weg" not in text, text
    assert "note" in entries.order_by("pk").last().changes  # type: ignore[union-attr]


def test_every_read_of_the_housing_list_is_audited_without_names(vw: VulnerableWorld) -> None:
    """The housing list names households and where they are placed: each read (page, API
    list, API record) is a guests read in the audit log, as the desk's pages are."""
    from django.urls import reverse

    from oranje.care.services.housing import housing_mark_needed
    from oranje.core.audit_actions import AuditAction
    from oranje.core.models import AuditEntry

    shelter = open_shelter(vw.cw.incident, location(vw.cw.world.haarlem))
    home = check_in(vw.cw, shelter, "Anna Jansen")
    housing = housing_mark_needed(household=home, actor=vw.coordinator)  # type: ignore[arg-type]
    AuditEntry.objects.filter(action=AuditAction.GUESTS_READ).delete()
    client = Client()
    client.force_login(vw.coordinator)
    page = client.get(reverse("care:housing", args=[vw.cw.incident.pk]))
    assert "Jansen" in page.content.decode()
    token = Token.objects.create(user=vw.coordinator)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(f"/api/v1/incidents/{vw.cw.incident.pk}/care/housing/").status_code == 200
    assert api.get(f"/api/v1/care/housing/{housing.pk}/").status_code == 200
    reads = AuditEntry.objects.filter(action=AuditAction.GUESTS_READ).order_by("pk")
    assert [(e.changes["page"], e.changes["rows"]) for e in reads] == [
        ("housing", 1),
        ("api housing", 1),
        ("api housing", 1),
    ]
    assert all("Jansen" not in f"{e.object_repr} {e.changes}" for e in reads)
    # Who has no care role sees the counts only, and reads no names.
    viewer = Client()
    viewer.force_login(vw.registry)
    assert (
        "Jansen"
        not in viewer.get(reverse("care:housing", args=[vw.cw.incident.pk])).content.decode()
    )
    assert reads.count() == 3


def test_care_posts_without_a_csrf_token_are_refused(vw: VulnerableWorld) -> None:
    """The desk's check-in, its offline sync (JSON from the tablet's own page) and a worklist
    step all need the session's CSRF token: a page of another site cannot post them."""
    import json

    from oranje.care.models import Household

    deliver(vw, [row("C1", "Truus de Wit")])
    services.worklist_refresh(incident=vw.cw.incident, actor=vw.coordinator)
    case = Case.objects.get()
    shelter = open_shelter(vw.cw.incident, location(vw.cw.world.haarlem))
    i = vw.cw.incident.pk
    client = Client(enforce_csrf_checks=True)
    client.force_login(vw.coordinator)
    fields = {"persons": "1", "p1-given_names": "Eva", "p1-surname": "Smit"}
    desk = f"/incidenten/{i}/opvang/{shelter.pk}/balie/"
    assert client.post(desk, fields).status_code == 403
    sync = client.post(
        f"{desk}verzenden/",
        json.dumps({"items": [{"client_key": "a" * 32, "fields": fields}]}),
        content_type="application/json",
    )
    assert sync.status_code == 403
    step = client.post(f"/incidenten/{i}/opvang/zelfredzaamheid/{case.pk}/", {"state": "contacted"})
    assert step.status_code == 403
    assert not Household.objects.exists()
    case.refresh_from_db()
    assert case.state != "contacted"
