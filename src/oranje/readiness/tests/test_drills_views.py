"""The one-hour drill's pages: sending from the form, the answer page behind the link, the
assessment, the list's filter, and the passport."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import make_shift
from oranje.readiness.models import Drill
from oranje.readiness.services import drills as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(world):
    return make_shift(
        world.ovd_pool, world.ovd, world.officers[0], timezone.now() - dt.timedelta(hours=1)
    )


@pytest.fixture
def coordinator(world) -> Client:
    client = Client()
    client.force_login(world.coordinator)
    return client


def _drill(world, shift, **kw) -> Drill:
    return service.drill_start(
        actor=world.coordinator,
        region=world.region,
        person=shift.person,
        function=shift.function,
        assignment=kw.get("text", "Je hebt een uur om 30 veldbedden te regelen."),
        minutes=kw.get("minutes", 60),
        shift=shift,
    )


def test_the_form_offers_whoever_is_on_call_now_and_sends_the_drill(world, shift, coordinator):
    page = coordinator.get("/oefeningen/uuropdracht/nieuw/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "OVD-BZ — Test Visser" in html and 'value="60"' in html
    response = coordinator.post(
        "/oefeningen/uuropdracht/nieuw/",
        {"shift": shift.pk, "assignment": "Regel 30 veldbedden.", "minutes": "45"},
    )
    drill = Drill.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/oefeningen/uuropdracht/{drill.pk}/"
    assert drill.person == world.officers[0] and drill.shift == shift
    assert round((drill.deadline - drill.created_at).total_seconds() / 60) == 45


def test_the_form_says_which_field_is_wrong_in_dutch(world, shift, coordinator):
    response = coordinator.post(
        "/oefeningen/uuropdracht/nieuw/", {"shift": shift.pk, "assignment": "", "minutes": "5"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deadline: kies een deadline tussen 15 minuten en 24 uur." in html
    assert "Opdracht: schrijf op wat de persoon moet regelen." in html
    response = coordinator.post(
        "/oefeningen/uuropdracht/nieuw/", {"assignment": "Regel iets", "minutes": "60"}
    )
    assert "Wie: kies iemand die nu dienst heeft, of een sleutelfunctionaris." in (
        response.content.decode()
    )
    response = coordinator.post(
        "/oefeningen/uuropdracht/nieuw/", {"shift": "abc", "assignment": "x", "minutes": "zestig"}
    )
    assert response.status_code == 200
    assert not Drill.objects.exists()


def test_the_form_refuses_a_drill_without_a_deadline_in_dutch(world, shift, coordinator):
    message = "Deadline: kies een deadline tussen 15 minuten en 24 uur."
    for minutes in ({"minutes": ""}, {"minutes": "  "}, {}):
        response = coordinator.post(
            "/oefeningen/uuropdracht/nieuw/",
            {"shift": shift.pk, "assignment": "Regel 30 veldbedden.", **minutes},
        )
        assert response.status_code == 200, minutes
        assert response.context["form"].errors["minutes"] == [message]
        assert message in response.content.decode()
    assert not Drill.objects.exists()


def test_a_key_function_holder_off_roster_can_be_chosen(world, coordinator):
    response = coordinator.post(
        "/oefeningen/uuropdracht/nieuw/",
        {"person": world.officers[2].pk, "assignment": "Regel iets", "minutes": "60"},
    )
    assert response.status_code == 302
    drill = Drill.objects.get()
    assert drill.person == world.officers[2] and drill.function == world.ovd
    assert drill.shift is None


def test_the_link_shows_the_assignment_and_the_time_left_and_takes_the_report(world, shift):
    drill = _drill(world, shift)
    link = f"/uuropdracht/{service.drill_link_token(drill)}/"
    page = Client().get(link)
    html = page.content.decode()
    assert page.status_code == 200
    assert "OEFENING/TEST — geen echt incident" in html
    assert "30 veldbedden" in html
    assert "Resterende tijd: 59 min." in html or "Resterende tijd: 60 min." in html
    empty = Client().post(link, {"report": "  "})
    assert "Wat ik heb geregeld: schrijf op wat u hebt geregeld, en met wie." in (
        empty.content.decode()
    )
    done = Client().post(link, {"report": "Veldbedden via het Rode Kruis, 14:30 in sporthal."})
    assert done.status_code == 200
    assert "Uw terugmelding is vastgelegd." in done.content.decode()
    again = Client().get(link)
    assert "U hebt teruggemeld om" in again.content.decode()
    twice = Client().post(link, {"report": "nog eens"})
    assert twice.status_code == 409
    drill.refresh_from_db()
    assert drill.report.startswith("Veldbedden via")


def test_the_link_after_the_deadline_says_it_is_late_and_still_accepts(world, shift):
    drill = _drill(world, shift)
    Drill.objects.filter(pk=drill.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=3),
        deadline=timezone.now() - dt.timedelta(hours=2),
    )
    link = f"/uuropdracht/{service.drill_link_token(drill)}/"
    assert "De deadline is verstreken" in Client().get(link).content.decode()
    done = Client().post(link, {"report": "Alsnog geregeld"})
    assert "gemarkeerd als te laat" in done.content.decode()


def test_a_forged_link_records_nothing(world, shift):
    drill = _drill(world, shift)
    response = Client().post(
        f"/uuropdracht/{service.drill_link_token(drill)[:-3]}abc/", {"report": "x"}
    )
    assert response.status_code == 400
    drill.refresh_from_db()
    assert drill.reported_at is None


def test_the_coordinator_assesses_on_the_drills_page_and_the_passport_shows_it(
    world, shift, coordinator
):
    drill = _drill(world, shift)
    service.drill_report(token=service.drill_link_token(drill), report="Geregeld")
    page = coordinator.get(f"/oefeningen/uuropdracht/{drill.pk}/")
    assert page.status_code == 200 and "Geregeld" in page.content.decode()
    assert AuditEntry.objects.filter(action="drill.read", object_id=str(drill.pk)).exists()
    bad = coordinator.post(f"/oefeningen/uuropdracht/{drill.pk}/", {"assessment": "top"})
    assert "Beoordeling: kies goed, voldoende of onvoldoende." in bad.content.decode()
    response = coordinator.post(
        f"/oefeningen/uuropdracht/{drill.pk}/", {"assessment": "good", "note": "Prima"}
    )
    assert response.status_code == 302
    drill.refresh_from_db()
    assert drill.assessment == "good" and drill.activity is not None
    passport = coordinator.get(f"/mensen/{drill.person_id}/paspoort/").content.decode()
    assert "Uuropdracht: Je hebt een uur om 30 veldbedden te regelen." in passport


def test_the_list_filters_open_late_and_assessed(world, shift, coordinator):
    on_time = _drill(world, shift, text="Op tijd")
    late = _drill(world, shift, text="Te laat")
    Drill.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=3),
        deadline=timezone.now() - dt.timedelta(hours=2),
    )
    done = _drill(world, shift, text="Klaar")
    service.drill_report(token=service.drill_link_token(done), report="Geregeld")
    service.drill_assess(actor=world.coordinator, drill=done, assessment="good")

    def listed(status: str) -> set[int]:
        html = coordinator.get(f"/oefeningen/uuropdracht/?status={status}").content.decode()
        return {d.pk for d in (on_time, late, done) if f"/uuropdracht/{d.pk}/" in html}

    assert listed("") == {on_time.pk, late.pk, done.pk}
    assert listed("open") == {on_time.pk, late.pk}
    assert listed("late") == {late.pk}
    assert listed("assessed") == {done.pk}
    assert listed("nonsense") == {on_time.pk, late.pk, done.pk}


def test_a_coordinator_of_another_region_sees_no_drill(world, shift):
    drill = _drill(world, shift)
    client = Client()
    client.force_login(world.outsider)
    assert client.get(f"/oefeningen/uuropdracht/{drill.pk}/").status_code == 404
    assert (
        client.post(f"/oefeningen/uuropdracht/{drill.pk}/", {"assessment": "good"}).status_code
        == 404
    )
