"""Work sessions: created and changed by those who evaluate for the host region (the host
always takes part), read by every member, refused with Dutch messages naming the field; the
session's page groups its entries by theme and kind and links to a new entry; the impression
report is a PDF with every entry, its status and region, and is audited; an entry refined at
the session by a new version shows there too, marked with what changed; the API the same."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oranje.core.models import AuditEntry
from oranje.learning.models import WorkSession
from oranje.learning.services import dossier as dossier_services
from oranje.learning.services import sessions as services
from oranje.learning.tests.network_helpers import client_for, pdf_text, session_entries
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import monitor

pytestmark = pytest.mark.django_db

DAY = dt.date(2015, 11, 12)


def _session(world: World, **extra: object) -> WorkSession:
    fields: dict[str, object] = {
        "title": "Interregionale werksessie 2015",
        "held_on": DAY,
        "host_region": world.region,
        "regions": [world.other_region],
        "place": "Haarlem",
    }
    fields.update(extra)
    return services.work_session_create(actor=world.coordinator, **fields)  # type: ignore[arg-type]


def test_create_takes_the_host_along_and_is_audited(world: World) -> None:
    session = _session(world)
    assert set(session.regions.all()) == {world.region, world.other_region}
    entry = AuditEntry.objects.get(action="work_session.save")
    assert entry.region == world.region and entry.object_id == str(session.pk)


def test_bad_input_names_the_field_in_dutch(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _session(world, title="  ", held_on=dt.date(1999, 1, 1), place="x" * 200)
    errors = caught.value.message_dict
    assert errors["title"] == ["titel: geef de werksessie een titel."]
    assert errors["held_on"] == ["datum: kies een dag van 2000 tot en met 2100."]
    assert errors["place"] == ["plaats: hoogstens 120 tekens."]
    assert not WorkSession.objects.exists()


def test_only_those_who_evaluate_for_the_host_write(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.work_session_create(
            actor=world.viewer, title="x", held_on=DAY, host_region=world.region
        )
    with pytest.raises(PermissionDenied):  # another region's coordinator
        services.work_session_create(
            actor=world.outsider, title="x", held_on=DAY, host_region=world.region
        )
    with pytest.raises(PermissionDenied):  # a national session: national people only
        services.work_session_create(
            actor=world.coordinator, title="x", held_on=DAY, host_region=None
        )
    session = _session(world)
    with pytest.raises(PermissionDenied):
        services.work_session_update(
            actor=world.outsider,
            session=session,
            title="Overgenomen",
            held_on=DAY,
            host_region=world.other_region,
        )
    # Moving the session to a region the user does not evaluate for is refused too.
    with pytest.raises(PermissionDenied):
        services.work_session_update(
            actor=world.coordinator,
            session=session,
            title="x",
            held_on=DAY,
            host_region=world.other_region,
        )


def test_update_records_what_changed(world: World) -> None:
    session = _session(world)
    services.work_session_update(
        actor=world.coordinator,
        session=session,
        title="Werksessie piket",
        held_on=DAY,
        host_region=world.region,
        regions=[],
        place="Haarlem",
    )
    session.refresh_from_db()
    assert session.title == "Werksessie piket"
    assert list(session.regions.all()) == [world.region]
    change = AuditEntry.objects.filter(action="work_session.save").order_by("pk").last()
    assert change is not None
    assert change.changes["title"] == ["Interregionale werksessie 2015", "Werksessie piket"]
    assert change.changes["regions"][1] == [world.region.code]


def test_pages_list_group_and_link_to_a_new_entry(world: World) -> None:
    session = _session(world)
    session_entries(session, world.region)
    viewer = client_for(world.viewer)  # every member reads
    listing = viewer.get("/leren/werksessies/").content.decode()
    assert "Interregionale werksessie 2015" in listing and "Nieuwe werksessie" not in listing
    page = viewer.get(f"/leren/werksessies/{session.pk}/").content.decode()
    assert "Bijdragen uit deze werksessie: 4" in page
    # The dossier's order of themes: pools, on-call, competence.
    assert page.index('id="theme-pools"') < page.index('id="theme-on_call"')
    assert page.index('id="theme-on_call"') < page.index('id="theme-competence"')
    assert "Goede praktijk (1)" in page and "Goede vraag (1)" in page
    assert "Bijdrage toevoegen" not in page  # a viewer does not write
    coordinator = client_for(world.coordinator)
    page = coordinator.get(f"/leren/werksessies/{session.pk}/").content.decode()
    assert f"?werksessie={session.pk}" in page and "Bijdrage toevoegen" in page
    # Filters: a bad value is ignored, a region that did not take part shows nothing.
    assert coordinator.get("/leren/werksessies/", {"jaar": "x" * 30}).status_code == 200
    other = coordinator.get("/leren/werksessies/", {"jaar": "2015"}).content.decode()
    assert "Interregionale werksessie 2015" in other


def test_the_form_refuses_with_the_field_named(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post("/leren/werksessies/nieuw/", {"title": "", "held_on": "2015-13-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and 'id="id_title"' in page
    assert "Titel: vul dit in." in page and "Datum: vul een geldige datum in." in page
    assert "Dit veld is vereist." not in page
    response = client.post(
        "/leren/werksessies/nieuw/",
        {"title": "Werksessie", "held_on": "2015-11-12", "host_region": world.other_region.pk},
    )
    assert response.status_code == 400  # not a region this coordinator evaluates for
    assert "Gastregio: kies er een uit de lijst." in response.content.decode()
    response = client.post(
        "/leren/werksessies/nieuw/",
        {
            "title": "Werksessie",
            "held_on": "2015-11-12",
            "host_region": world.region.pk,
            "regions": [world.other_region.pk],
        },
    )
    assert response.status_code == 302
    assert WorkSession.objects.get().regions.count() == 2


def test_the_impression_reports_title_is_left_aligned(world: World) -> None:
    title = "Interregionale werksessie over zachte piketten en regionale pools " * 2
    session = _session(world, title=title[:150])
    response = client_for(world.viewer).get(f"/leren/werksessies/{session.pk}/impressieverslag.pdf")
    text = pdf_text(response.content)
    assert "Interregionale werksessie" in text
    spacings = [float(w) for w in re.findall(r"(-?\d+(?:\.\d+)?) Tw", text)]
    assert not [w for w in spacings if w != 0]  # justified lines stretch their spaces


def test_the_impression_report_holds_every_entry_and_is_audited(world: World) -> None:
    session = _session(world)
    session_entries(session, world.region)
    response = client_for(world.viewer).get(f"/leren/werksessies/{session.pk}/impressieverslag.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for words in (
        "Interregionale werksessie 2015",
        "Impressieverslag van een werksessie",
        "Haarlem",
        "Van harde naar zachte piket",
        "Drie hoofdpools",
        "Goed voorstel",
        "Status: beproefd",
    ):
        assert words in text, words
    assert AuditEntry.objects.filter(
        action="work_session.report", object_id=str(session.pk)
    ).exists()


def test_api_create_read_and_change(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(
        "/api/v1/learning/work-sessions/",
        {
            "title": "API-sessie",
            "held_on": "2015-11-12",
            "host_region": "vr12",
            "regions": ["VR09"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["host_region"] == world.region.code and body["entries"] == []
    pk = body["id"]
    bad = client.post(
        "/api/v1/learning/work-sessions/",
        {"title": "", "held_on": "1900-01-01", "regions": ["XX"]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"title", "held_on"} <= set(bad.json())
    unknown = client.post(
        "/api/v1/learning/work-sessions/",
        {"title": "x", "held_on": "2015-11-12", "host_region": "VR99"},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "host_region" in unknown.json()
    patched = client.patch(
        f"/api/v1/learning/work-sessions/{pk}/",
        {"place": "Velsen"},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["place"] == "Velsen"
    listing = client_for(world.viewer).get("/api/v1/learning/work-sessions/", {"year": 2015})
    assert [r["title"] for r in listing.json()["results"]] == ["API-sessie"]
    assert client.get("/api/v1/learning/work-sessions/", {"year": "3000"}).status_code == 400
    refused = client_for(world.outsider).patch(
        f"/api/v1/learning/work-sessions/{pk}/",
        {"place": "Utrecht"},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_an_entry_refined_at_the_session_shows_on_its_page_and_report(world: World) -> None:
    session = _session(world)  # Kennemerland hosts, Utrecht takes part
    earlier = _session(world, title="Werksessie 2014", held_on=dt.date(2014, 11, 1))
    kennemerland = monitor(world.region)
    entry = dossier_services.entry_create(
        actor=kennemerland,
        region=world.region,
        theme="on_call",
        kind="practice",
        title="Onaangekondigde oproep",
        text="Bel onaangekondigd.",
        work_session=earlier,
    )
    untouched = dossier_services.entry_create(
        actor=kennemerland,
        region=world.region,
        theme="pools",
        kind="proposal",
        title="Drie hoofdpools",
        text="Een pool per hoofdtaak.",
        work_session=earlier,
    )
    dossier_services.entry_revise(
        actor=monitor(world.other_region, username="utrecht"),
        entry=entry,
        region=world.other_region,
        title=entry.title,
        text="Bel onaangekondigd, met een taak van een uur.",
        status="tried",
        note="Taak van een uur toegevoegd",
        work_session=session,
    )
    viewer = client_for(world.viewer)
    page = viewer.get(f"/leren/werksessies/{session.pk}/").content.decode()
    assert "Bijdragen uit deze werksessie: 1" in page
    assert "Onaangekondigde oproep" in page and untouched.title not in page
    assert "herzien in deze werksessie" in page
    assert "versie 2, Utrecht: Taak van een uur toegevoegd" in page
    # The session it was written at still lists it, without the mark.
    first = viewer.get(f"/leren/werksessies/{earlier.pk}/").content.decode()
    assert "Bijdragen uit deze werksessie: 2" in first and "herzien in deze" not in first
    listing = viewer.get("/leren/werksessies/").content.decode()
    row = listing.split("Interregionale werksessie 2015", 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td>" in row
    text = pdf_text(viewer.get(f"/leren/werksessies/{session.pk}/impressieverslag.pdf").content)
    assert "Onaangekondigde oproep" in text and "Drie hoofdpools" not in text
    assert "Herzien in deze werksessie: versie 2, Utrecht - Taak van een uur toegevoegd" in text
    body = viewer.get(f"/api/v1/learning/work-sessions/{session.pk}/").json()
    assert [e["title"] for e in body["entries"]] == ["Onaangekondigde oproep"]
    assert body["entries"][0]["revisions"][0]["note"] == "Taak van een uur toegevoegd"
    assert body["entries"][0]["revisions"][0]["region"] == world.other_region.code
