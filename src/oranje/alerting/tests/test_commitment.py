"""Commitment: someone who said "coming" to an incident is not alerted for it again, and the
board warns when someone alerted is already coming to another open incident."""

from oranje.alerting import errors, selectors, services
from oranje.alerting.constants import Answer, CallStatus, Step
from oranje.alerting.models import FunctionCall
from oranje.incidents.tests.factories import OnCall, scale, start_incident


def _accept(call: FunctionCall, person) -> None:  # type: ignore[no-untyped-def]
    alert = call.alerts.get(person=person)
    services.alert_answer(
        token=services.answer_token(alert), answer=Answer.ACCEPTED, eta_minutes=15
    )


def test_someone_coming_is_not_alerted_again_by_a_manual_alert_for_the_same_function(
    on_call: OnCall,
) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    first = FunctionCall.objects.get(incident=incident)
    _accept(first, world.officers[0])
    first.refresh_from_db()
    assert first.status == CallStatus.FILLED

    extra, _warnings = services.alert_manual(
        actor=world.coordinator, incident=incident, function=world.ovd, people_needed=1
    )
    # officers[0] is on hard on-call but already coming: the extra call skips them and
    # goes on to the soft pool at once.
    alerted = set(extra.alerts.values_list("person_id", flat=True))
    assert world.officers[0].pk not in alerted
    assert alerted == {world.officers[1].pk, world.officers[2].pk}
    assert extra.step == Step.SOFT


def test_someone_coming_for_one_function_is_not_alerted_for_another(on_call: OnCall) -> None:
    world = on_call.world
    world.cpg_haarlem.members.add(world.officers[0])  # also in the CPG pool of Haarlem
    incident = start_incident(world)
    incident.municipalities.add(world.haarlem)
    scale(world, incident, 1)
    ovd = FunctionCall.objects.get(incident=incident, function=world.ovd)
    _accept(ovd, world.officers[0])
    cpg, _w = services.alert_manual(
        actor=world.coordinator,
        incident=incident,
        function=world.cpg,
        municipality=world.haarlem,
        people_needed=1,
    )
    alerted = set(cpg.alerts.values_list("person_id", flat=True))
    assert alerted == {p.pk for p in world.contacts}


def test_the_board_warns_when_someone_is_already_coming_to_another_incident(
    on_call: OnCall,
) -> None:
    world = on_call.world
    busy = start_incident(world, title="Brand Velsen")
    scale(world, busy, 1)
    _accept(FunctionCall.objects.get(incident=busy), world.officers[0])

    other = start_incident(world, title="Gaslek IJmuiden")
    _step, warnings = scale(world, other, 1)
    assert warnings == [str(errors.COMMITTED_ELSEWHERE % {"function": "OVD-BZ", "count": 1})]
    [row] = selectors.board(other)
    [line] = row.lines
    assert line.alert.person == world.officers[0] and line.elsewhere == ["Brand Velsen"]

    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(world.coordinator)
    page = client.get(reverse("alerting:alert_board", args=[other.pk])).content.decode()
    assert "komt al naar: Brand Velsen" in page
    # Once that incident is closed, the warning goes.
    from oranje.incidents import services as incident_services

    incident_services.incident_close(actor=world.coordinator, incident=busy)
    assert selectors.board(other)[0].lines[0].elsewhere == []


def test_the_manual_alert_says_the_number_is_extra(on_call: OnCall) -> None:
    from oranje.alerting.forms import ManualAlertForm, RuleForm

    assert str(ManualAlertForm().fields["people_needed"].label) == "Extra mensen nodig"
    assert str(RuleForm().fields["people_needed"].label) == "Aantal mensen nodig in totaal"


def test_the_warning_and_the_board_status_say_in_dutch_what_is_true() -> None:
    """One person "heeft" toegezegd, two "hebben"; a filled call may have people who already
    arrived and nobody left on the way, so its status does not say "onderweg" alone."""
    from django.utils import translation

    from oranje.alerting.constants import CallStatus

    with translation.override("nl"):
        one = str(errors.COMMITTED_ELSEWHERE % {"function": "OVD-BZ", "count": 1})
        two = str(errors.COMMITTED_ELSEWHERE % {"function": "OVD-BZ", "count": 2})
        assert "1 van de gealarmeerden heeft al toegezegd" in one
        assert "2 van de gealarmeerden hebben al toegezegd" in two
        assert str(CallStatus.FILLED.label) == "genoeg mensen aangekomen of onderweg"
