"""Scaling down stands down what the lower scaling no longer requires: the calls for the
functions only the dropped level or teams needed stop escalating, the people already
alerted keep their alerts and answers, and the stop is in the logbook."""

from django.test import Client
from django.urls import reverse

from oranje.alerting import services
from oranje.alerting.constants import Answer, CallStatus, Step
from oranje.alerting.models import AlertRule, Escalation, FunctionCall
from oranje.incidents import services as incident_services
from oranje.incidents.constants import EntryKind, ScalingMode
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.organisation.tests.factories import World


def _down(world: World, incident: Incident, level: int, teams: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    return incident_services.incident_scale(
        actor=world.coordinator,
        incident=incident,
        mode=ScalingMode.GRIP,
        grip_level=level,
        teams=teams,
        reason="ROT niet meer nodig",
        decided_by="Burgemeester",
        scale_down=True,
    )


def _rules(world: World) -> None:
    """CPG at GRIP 1 and up; the OvD-BZ only for the ROT."""
    AlertRule.objects.filter(region=world.region).delete()
    AlertRule.objects.create(region=world.region, function=world.cpg, grip_level=1)
    AlertRule.objects.create(region=world.region, function=world.ovd, team="rot")


def test_scaling_down_stops_the_calls_only_the_dropped_team_needed(on_call: OnCall) -> None:
    world = on_call.world
    _rules(world)
    incident = start_incident(world)
    scale(world, incident, 1, teams=("copi",))
    scale(world, incident, 2, teams=("copi", "rot"))
    ovd = FunctionCall.objects.get(incident=incident, function=world.ovd)
    due = ovd.next_escalation_at
    assert ovd.status == CallStatus.OPEN and due is not None

    _down(world, incident, 1, teams=("copi",))

    ovd.refresh_from_db()
    assert ovd.status == CallStatus.CANCELLED
    assert ovd.next_escalation_at is None and ovd.closed_at is not None
    # The timer that was pending finds the call stopped: no soft pool, no coordinator.
    assert services.call_escalate(call_id=ovd.pk, due_at=due, now=due) is False
    ovd.refresh_from_db()
    assert ovd.step == Step.HARD
    assert Escalation.objects.filter(call=ovd).count() == 1
    # Nobody is uninvited: the alert stays, and an answer still counts as given.
    alert = ovd.alerts.get()
    assert alert.person == world.officers[0]
    services.alert_answer(alert=alert, answer=Answer.ACCEPTED, eta_minutes=10, actor=world.admin)
    alert.refresh_from_db()
    ovd.refresh_from_db()
    assert alert.answer == Answer.ACCEPTED and ovd.status == CallStatus.CANCELLED
    # A function the lower scaling still requires keeps being alerted.
    cpg = FunctionCall.objects.get(incident=incident, function=world.cpg)
    assert cpg.status == CallStatus.OPEN
    stopped = incident.log.filter(kind=EntryKind.ALERT, text__startswith="Alarmering OVD-BZ")
    assert [line.text for line in stopped] == [
        "Alarmering OVD-BZ (Velsen) gestopt: niet meer nodig na afschalen naar GRIP 1 · CoPI."
    ]
    figures = {f.label: f.value for f in services.figures(incident)}
    assert figures["Functies nog in alarmering"] == "1"


def test_scaling_up_again_alerts_the_function_anew(on_call: OnCall) -> None:
    world = on_call.world
    _rules(world)
    incident = start_incident(world)
    scale(world, incident, 2, teams=("copi", "rot"))
    _down(world, incident, 1, teams=("copi",))
    scale(world, incident, 2, teams=("copi", "rot"))
    calls = FunctionCall.objects.filter(incident=incident, function=world.ovd)
    assert sorted(calls.values_list("status", flat=True)) == [
        CallStatus.CANCELLED,
        CallStatus.OPEN,
    ]


def test_a_lower_need_lowers_the_call_and_who_is_coming_may_fill_it(on_call: OnCall) -> None:
    world = on_call.world
    AlertRule.objects.create(region=world.region, function=world.ovd, grip_level=2, people_needed=2)
    incident = start_incident(world)
    scale(world, incident, 2)
    call = FunctionCall.objects.get(incident=incident)
    assert call.people_needed == 2 and call.step == Step.SOFT
    first = call.alerts.get(person=world.officers[0])
    services.alert_answer(alert=first, answer=Answer.ACCEPTED, eta_minutes=5, actor=world.admin)

    _down(world, incident, 1)

    call.refresh_from_db()
    assert call.people_needed == 1
    assert call.status == CallStatus.FILLED and call.next_escalation_at is None
    assert incident.log.filter(
        kind=EntryKind.ALERT,
        text="OVD-BZ (Velsen): nu 1 nodig in plaats van 2 na afschalen naar GRIP 1.",
    ).exists()


def test_a_call_alerted_by_hand_is_left_alone(on_call: OnCall) -> None:
    world = on_call.world
    _rules(world)
    incident = start_incident(world)
    scale(world, incident, 2, teams=("copi", "rot"))
    FunctionCall.objects.filter(incident=incident, function=world.ovd).update(scaling_step=None)
    _down(world, incident, 1, teams=("copi",))
    call = FunctionCall.objects.get(incident=incident, function=world.ovd)
    assert call.status == CallStatus.OPEN and call.next_escalation_at is not None


def test_the_scaling_form_starts_at_the_current_level_and_says_scale_down(world: World) -> None:
    incident = start_incident(world)
    scale(world, incident, 3)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("incidents:incident_scale", args=[incident.pk])
    page = client.get(url).content.decode()
    assert '<option value="3" selected>' in page
    assert 'data-down-label="Afschalen"' in page
    data = {"mode": "grip", "grip_level": "1", "decided_by": "Burgemeester", "reason": "Rustig"}
    response = client.post(url, {**data, "scale_down": "on"}, follow=True)
    text = response.content.decode()
    assert "Afschalen vastgelegd" in text
    assert "de alarmering is gestart" not in text
    response = client.post(url, {**data, "grip_level": "2"}, follow=True)
    assert "Opschaling vastgelegd; de alarmering is gestart." in response.content.decode()
