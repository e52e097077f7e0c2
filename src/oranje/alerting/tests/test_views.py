"""Pages of the alerting room, through the test client: answer links, the alert board, my
alerts and the alert rules."""

from django.test import Client
from django.urls import reverse

from oranje.alerting import services as alerting
from oranje.alerting.models import Alert
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.incidents.tests.test_views import client_for
from oranje.organisation.tests.factories import World


def test_the_answer_link_works_without_login_once(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world, exercise=True)
    scale(world, incident, 1)
    alert = Alert.objects.get()
    url = reverse("alerting:alert_answer", args=[alerting.answer_token(alert)])
    client = Client()
    page = client.get(url).content.decode()
    assert "OEFENING" in page and "Test Visser, kunt u komen?" in page
    done = client.post(url, {"answer": "accepted", "eta_minutes": "12"})
    assert "Verwacht over 12 minuten." in done.content.decode()
    again = client.post(url, {"answer": "declined"})
    assert again.status_code == 400 and "al gebruikt" in again.content.decode()
    forged = client.get(url[:-3] + "xx/")
    assert forged.status_code == 400


def test_the_board_records_a_phoned_answer_and_an_arrival(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    alert = Alert.objects.get()
    client = client_for(world.coordinator)
    url = reverse("alerting:board_record", args=[incident.pk, alert.pk])
    client.post(url, {"what": "accepted", "eta_minutes": "20"})
    client.post(url, {"what": "arrived"})
    alert.refresh_from_db()
    assert alert.answered_via == "board" and alert.arrived_at is not None
    board = client.get(reverse("alerting:alert_board", args=[incident.pk])).content.decode()
    assert "1/1 komt" in board
    times = client.get(reverse("alerting:incident_times", args=[incident.pk])).content.decode()
    assert "Eerste aankomst" in times and "gehaald" in times


def test_my_alerts_answers_in_the_app(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    client = client_for(world.functionary)
    alert = Alert.objects.get()
    assert "Gasstoring" in client.get(reverse("alerting:my_alerts")).content.decode()
    client.post(
        reverse("alerting:my_alerts"), {"alert": alert.pk, "what": "accepted", "eta_minutes": "9"}
    )
    alert.refresh_from_db()
    assert alert.answered_via == "app" and alert.eta_minutes == 9
    # Someone else's alert is not found.
    other = client_for(world.coordinator)
    assert (
        other.post(
            reverse("alerting:my_alerts"), {"alert": alert.pk, "what": "arrived"}
        ).status_code
        == 404
    )


def test_alert_rules_are_kept_per_region_by_its_coordinators(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(
        reverse("alerting:alert_rules"),
        {"trigger": "rot", "function": world.cpg.pk, "people_needed": 2, "escalation_minutes": 3},
    )
    assert response.status_code == 302
    assert world.region.alert_rules.filter(team="rot", function=world.cpg, people_needed=2).exists()
    viewer = client_for(world.viewer)
    assert viewer.get(reverse("alerting:alert_rules")).status_code == 200
    assert viewer.post(reverse("alerting:alert_rules"), {"trigger": "rot"}).status_code == 403
