"""The norms pages and API: sets with versions, a set by process with its in-growth path in
words, the forms (a weak regional norm answered in Dutch with 400), adopting, what changed
nationally (a notice and a page), and the read-only API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.test import APIClient

from oranje.core.models import User
from oranje.organisation.tests.factories import World
from oranje.quality import selectors
from oranje.quality.models import Norm, NormSet
from oranje.quality.services import norms as service
from oranje.quality.tests.norms_helpers import adopt_national_v2, monitor, national_norm, norm_input

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _norm_form(norm: Norm, **changes: str) -> dict[str, str]:
    data = {
        "code": norm.code,
        "title": norm.title,
        "text": norm.text,
        "process": norm.process,
        "measure": norm.measure,
        "indicator": norm.indicator,
        "function": str(norm.function_id or ""),
        "question": norm.question,
        "waterlijn": str(norm.waterlijn).replace(".", ","),
        "bandbreedte": str(norm.bandbreedte).replace(".", ","),
        "valid_from": norm.valid_from.isoformat(),
        "valid_until": "",
        "source": norm.source,
        "sort_order": "10",
    }
    return {**data, **changes}


def test_everyone_in_the_region_reads_the_sets_and_the_growth_path_in_words(
    world: World,
) -> None:
    client = _client(world.viewer)
    page = client.get("/kwaliteit/normen/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Prestatie-eisen bevolkingszorg (2014)" in text
    assert "Veiligheidsberaad" in text
    assert "Nieuwe conceptversie maken" not in text
    national = selectors.current_set(None)
    assert national is not None
    page = client.get(f"/kwaliteit/normen/{national.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Crisiscommunicatie" in text or "crisiscommunicatie" in text
    assert "tot 1-1-2025: 85%, tot 1-1-2026: 90%, daarna 95%" in text
    assert "BZOO 2.0 p.45" in text
    # A viewer writes nothing.
    assert client.post("/kwaliteit/normen/regio/concept/").status_code == 403
    cpg = Norm.objects.get(norm_set=national, code="ORG-CPG")
    assert client.get(f"/kwaliteit/normen/norm/{cpg.pk}/").status_code == 403


def test_another_regions_set_is_not_found(world: World) -> None:
    other_set = NormSet.objects.create(
        region=world.other_region, version=1, title="Normen Utrecht", status="draft"
    )
    client = _client(world.viewer)
    assert client.get(f"/kwaliteit/normen/{other_set.pk}/").status_code == 404
    assert APIClient().get("/api/v1/quality/norm-sets/").status_code in (401, 403)
    api = APIClient()
    api.force_authenticate(world.viewer)
    assert api.get(f"/api/v1/quality/norm-sets/{other_set.pk}/").status_code == 404
    listed = api.get("/api/v1/quality/norm-sets/").json()
    assert other_set.pk not in [s["id"] for s in listed]
    assert api.get("/api/v1/quality/regions/VR09/norms/").status_code == 404


def test_a_monitor_makes_a_draft_tightens_a_norm_and_adopts_it(world: World) -> None:
    user = monitor(world.region)
    client = _client(user)
    response = client.post("/kwaliteit/normen/regio/concept/")
    assert response.status_code == 302
    draft = NormSet.objects.get(region=world.region, status="draft")
    assert response["Location"] == f"/kwaliteit/normen/{draft.pk}/"
    cpg = national_norm("ORG-CPG")
    add = f"/kwaliteit/normen/{draft.pk}/nieuw/"
    assert client.get(add).status_code == 200
    weak = client.post(add, _norm_form(cpg, national_norm=str(cpg.pk), waterlijn="90"))
    assert weak.status_code == 400
    text = weak.content.decode()
    assert "waterlijn: 90% is lager dan de landelijke norm ORG-CPG (95%)" in text
    bad = client.post(add, _norm_form(cpg, code="X-1", bandbreedte="-3"))
    assert bad.status_code == 400
    assert "bandbreedte: -3 is lager dan nul" in bad.content.decode()
    ok = client.post(add, _norm_form(cpg, national_norm=str(cpg.pk), waterlijn="97,5"))
    assert ok.status_code == 302
    mine = Norm.objects.get(norm_set=draft, code="ORG-CPG")
    assert mine.waterlijn == Decimal("97.5") and mine.national_norm == cpg

    steps = f"/kwaliteit/normen/norm/{mine.pk}/groeipad/"
    assert client.get(steps).status_code == 200
    falling = client.post(
        steps,
        {
            "due_on_0": "2025-01-01",
            "waterlijn_0": "90",
            "due_on_1": "2026-01-01",
            "waterlijn_1": "80",
        },
    )
    assert falling.status_code == 400
    assert "de stappen moeten stijgen" in falling.content.decode()
    rising = client.post(
        steps,
        {
            "due_on_0": "2025-01-01",
            "waterlijn_0": "90",
            "due_on_1": "2026-01-01",
            "waterlijn_1": "95",
        },
    )
    assert rising.status_code == 302
    page = client.get(f"/kwaliteit/normen/{draft.pk}/").content.decode()
    assert "tot 1-1-2025: 90%, tot 1-1-2026: 95%, daarna 97,5%" in page

    adopt = f"/kwaliteit/normen/{draft.pk}/vaststellen/"
    assert client.get(adopt).status_code == 200
    empty = client.post(adopt, {"title": draft.title, "adopted_by_body": "", "adopted_on": ""})
    assert empty.status_code == 400
    done = client.post(
        adopt,
        {"title": "Normen Kennemerland 2026", "adopted_by_body": "AB", "adopted_on": "2026-01-15"},
    )
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "adopted" and draft.title == "Normen Kennemerland 2026"
    # An adopted set's norm: the form is refused.
    refused = client.post(f"/kwaliteit/normen/norm/{mine.pk}/", _norm_form(mine))
    assert refused.status_code == 400
    assert "is vastgesteld en kan niet meer veranderen" in refused.content.decode()
    assert client.post(f"/kwaliteit/normen/norm/{mine.pk}/verwijderen/").status_code == 400

    api = APIClient()
    api.force_authenticate(world.viewer)
    effective = api.get("/api/v1/quality/regions/VR12/norms/").json()
    row = next(r for r in effective if r["code"] == "ORG-CPG")
    assert row["waterlijn"] == "97.5" and row["national_norm"] == "ORG-CPG"
    assert row["set_id"] == draft.pk
    detail = api.get(f"/api/v1/quality/norm-sets/{draft.pk}/").json()
    assert detail["status"] == "adopted" and detail["current"] is True
    assert [s["waterlijn"] for s in detail["norms"][0]["growth_steps"]] == ["90.0", "95.0"]
    listed = api.get("/api/v1/quality/norm-sets/").json()
    assert {s["region"] for s in listed} == {None, "VR12"}


def test_the_region_sees_what_changed_nationally_and_what_to_adapt(world: World) -> None:
    user = monitor(world.region)
    draft, _created = service.norm_set_draft_create(actor=user, region=world.region)
    cpg = national_norm("ORG-CPG")
    service.norm_save(
        actor=user,
        norm_set=draft,
        data=norm_input(cpg, national_norm_id=cpg.pk, waterlijn=Decimal(96)),
    )
    service.norm_set_adopt(actor=user, norm_set=draft, body="AB", adopted_on=dt.date(2025, 1, 1))
    client = _client(world.viewer)
    assert (
        "De landelijke normenset is veranderd"
        not in client.get("/kwaliteit/normen/").content.decode()
    )
    adopt_national_v2(world.admin)
    notice = client.get("/kwaliteit/normen/").content.decode()
    assert "De landelijke normenset is veranderd" in notice
    assert "Regionale normen om aan te passen: 1." in notice
    page = client.get("/kwaliteit/normen/wijzigingen/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "CC-OGA" in text and "OPK-OEF" in text
    assert "95%" in text and "98%" in text
    assert "waterlijn: 96% is lager dan de landelijke norm ORG-CPG (98%)" in text
    # Only the national staff make a national draft.
    assert _client(user).post("/kwaliteit/normen/landelijk/concept/").status_code == 403
    assert _client(world.admin).post("/kwaliteit/normen/landelijk/concept/").status_code == 302
