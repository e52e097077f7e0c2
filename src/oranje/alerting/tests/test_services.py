import datetime as dt
import time

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from oranje.alerting import errors, services
from oranje.alerting.constants import Answer, AnsweredVia, CallStatus, Channel, Step
from oranje.alerting.models import Alert, AlertRule, Delivery, Escalation, FunctionCall
from oranje.incidents import services as incident_services
from oranje.incidents.tests.factories import OnCall, scale, start_incident


def _call(incident) -> FunctionCall:  # type: ignore[no-untyped-def]
    return FunctionCall.objects.get(incident=incident)


def test_scaling_to_grip_1_alerts_the_ovd_on_hard_on_call(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    _step, warnings = scale(world, incident, 1)
    assert warnings == []
    call = _call(incident)
    assert call.step == Step.HARD and call.status == CallStatus.OPEN
    assert [a.person for a in call.alerts.all()] == [world.officers[0]]
    assert call.next_escalation_at == call.opened_at + dt.timedelta(minutes=5)
    channels = set(Delivery.objects.filter(alert__call=call).values_list("channel", flat=True))
    # The OvD has a user account: in-app as well as e-mail (no SMS gateway configured).
    assert channels == {Channel.EMAIL, Channel.APP}


def test_scaling_again_does_not_alert_a_function_twice(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    scale(world, incident, 2)
    assert FunctionCall.objects.filter(incident=incident).count() == 1


def test_nobody_on_hard_on_call_is_said_at_once_and_the_soft_pool_is_alerted(
    on_call: OnCall,
) -> None:
    world = on_call.world
    world.officers[0].shifts.all().delete()
    incident = start_incident(world)
    _step, warnings = scale(world, incident, 1)
    assert warnings == [
        str(
            errors.NOBODY_ON_CALL
            % {"function": "OVD-BZ", "place": "Velsen", "step": Step.SOFT.label}
        )
    ]
    call = _call(incident)
    assert call.unstaffed and call.step == Step.SOFT
    # The soft pool: soft on-call and every pool member (officers 1 and 2; 0 too, off duty).
    assert {a.person for a in call.alerts.all()} == set(world.officers)


def test_no_answer_within_the_delay_climbs_to_the_soft_pool_then_the_coordinator(
    on_call: OnCall,
) -> None:
    world = on_call.world
    world.ovd_pool.members.set([world.officers[0], world.officers[1]])
    incident = start_incident(world)
    scale(world, incident, 1)
    call = _call(incident)
    due = call.next_escalation_at
    assert services.call_escalate(call_id=call.pk, due_at=due, now=due)
    call.refresh_from_db()
    assert call.step == Step.SOFT
    assert {a.person for a in call.alerts.filter(step=Step.SOFT)} == {world.officers[1]}
    assert services.call_escalate(
        call_id=call.pk, due_at=call.next_escalation_at, now=call.next_escalation_at
    )
    call.refresh_from_db()
    assert call.step == Step.COORDINATOR
    assert {a.person for a in call.alerts.filter(step=Step.COORDINATOR)} == {world.officers[2]}
    escalation = Escalation.objects.filter(call=call, to_step=Step.SOFT).get()
    assert escalation.due_at == due and escalation.at == due


def test_a_stale_timer_does_nothing(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    call = _call(incident)
    early = call.next_escalation_at - dt.timedelta(minutes=1)
    assert not services.call_escalate(call_id=call.pk, due_at=early)
    call.refresh_from_db()
    assert call.step == Step.HARD


def test_an_accept_fills_the_call_and_stops_the_escalation(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    call = _call(incident)
    alert = call.alerts.get()
    services.alert_answer(
        token=services.answer_token(alert), answer=Answer.ACCEPTED, eta_minutes=20
    )
    call.refresh_from_db()
    assert call.status == CallStatus.FILLED and call.next_escalation_at is None
    assert not services.call_escalate(call_id=call.pk, due_at=None)
    assert "komt, over 20 min ter plaatse" in incident.log.order_by("-number").first().text


def test_a_decline_climbs_at_once(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    call = _call(incident)
    services.alert_answer(
        token=services.answer_token(call.alerts.get()), answer=Answer.DECLINED, eta_minutes=None
    )
    call.refresh_from_db()
    assert call.step == Step.SOFT
    assert call.alerts.filter(step=Step.SOFT).exists()


def test_a_function_that_needs_two_keeps_alerting_until_two_accepted(on_call: OnCall) -> None:
    world = on_call.world
    AlertRule.objects.filter(region=world.region, function=world.ovd).update(people_needed=2)
    incident = start_incident(world)
    scale(world, incident, 1)
    call = _call(incident)
    # One on hard on-call cannot fill two places: the soft pool is alerted straight away.
    assert call.step == Step.SOFT
    first, *others = list(call.alerts.order_by("pk"))
    services.alert_answer(
        token=services.answer_token(first), answer=Answer.ACCEPTED, eta_minutes=10
    )
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    services.alert_answer(
        token=services.answer_token(others[0]), answer=Answer.ACCEPTED, eta_minutes=25
    )
    call.refresh_from_db()
    assert call.status == CallStatus.FILLED


def test_nobody_anywhere_is_said_and_logged(on_call: OnCall) -> None:
    world = on_call.world
    world.ovd_pool.shifts.all().delete()
    world.ovd_pool.members.clear()
    world.ovd_pool.coordinator = None
    world.ovd_pool.save()
    incident = start_incident(world)
    _step, warnings = scale(world, incident, 1)
    call = _call(incident)
    assert call.step == Step.EXHAUSTED
    assert warnings == [str(errors.NOBODY_AT_ALL % {"function": "OVD-BZ", "place": "Velsen"})]
    assert incident.log.filter(text=warnings[0]).exists()


def test_answer_links_refuse_forgery_expiry_and_reuse(
    on_call: OnCall, settings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    alert = _call(incident).alerts.get()
    token = services.answer_token(alert)
    with pytest.raises(ValidationError) as forged:
        services.alert_from_token(token[:-2] + "xx")
    assert forged.value.messages == [str(errors.LINK_INVALID)]
    # An arrival link does not answer an alert (another salt).
    with pytest.raises(ValidationError):
        services.alert_from_token(services.arrival_token(alert))
    assert services.alert_from_token(token) == alert
    services.alert_answer(
        token=services.answer_token(alert), answer=Answer.DECLINED, eta_minutes=None
    )
    with pytest.raises(ValidationError) as used:
        services.alert_answer(
            token=services.answer_token(alert), answer=Answer.ACCEPTED, eta_minutes=5
        )
    assert used.value.code == "used"
    settings.ALERT_LINK_HOURS = 1
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 2 * 3600)
    old = services.answer_token(alert)
    monkeypatch.undo()
    with pytest.raises(ValidationError) as expired:
        services.alert_from_token(old)
    assert expired.value.messages == [str(errors.LINK_EXPIRED)]


def test_arrival_only_after_accepting_and_only_once(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    alert = _call(incident).alerts.get()
    with pytest.raises(ValidationError) as early:
        services.alert_arrive(token=services.arrival_token(alert))
    assert early.value.messages == [str(errors.NOT_ACCEPTED)]
    services.alert_answer(
        token=services.answer_token(alert), answer=Answer.ACCEPTED, eta_minutes=15
    )
    services.alert_arrive(token=services.arrival_token(alert))
    alert.refresh_from_db()
    assert alert.arrived_at is not None
    with pytest.raises(ValidationError):
        services.alert_arrive(token=services.arrival_token(alert))


def test_someone_else_cannot_answer_for_a_person_in_the_app(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    alert = _call(incident).alerts.get()
    with pytest.raises(Http404):  # another region's alert is not even seen
        services.alert_answer(
            alert=alert, answer=Answer.ACCEPTED, eta_minutes=5, via="app", actor=world.outsider
        )
    with pytest.raises(PermissionDenied):  # a viewer sees it but may not answer for anyone
        services.alert_answer(
            alert=alert, answer=Answer.ACCEPTED, eta_minutes=5, via="app", actor=world.viewer
        )
    services.alert_answer(
        alert=alert, answer=Answer.ACCEPTED, eta_minutes=5, via="app", actor=world.functionary
    )


def test_a_manual_alert_for_a_function_nobody_holds_is_refused(on_call: OnCall) -> None:
    from oranje.organisation.models import Function

    world = on_call.world
    incident = start_incident(world)
    nobody = Function.objects.get(code="CO-SCH")
    with pytest.raises(ValidationError) as exc:
        services.alert_manual(actor=world.coordinator, incident=incident, function=nobody)
    assert exc.value.message_dict["function"] == [str(errors.NOBODY_HOLDS % {"function": "CO-SCH"})]


def test_closing_the_incident_stops_every_call(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    incident_services.incident_close(actor=world.coordinator, incident=incident)
    call = _call(incident)
    assert call.status == CallStatus.CANCELLED
    assert not services.call_escalate(call_id=call.pk, due_at=None)


def test_an_exercise_says_oefening_in_subject_mail_and_sms(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from oranje.alerting.delivery import texts

    world = on_call.world
    incident = start_incident(world, exercise=True)
    scale(world, incident, 1)
    delivery = Delivery.objects.filter(channel=Channel.EMAIL).get()
    subject, text, sms = texts(delivery)
    assert subject.startswith("OEFENING ALARM OVD-BZ")
    assert "OEFENING" in text and sms.startswith("OEFENING ")
    assert len(mail.outbox) == 0


def test_alert_rows_keep_every_time(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    alert = Alert.objects.get()
    services.alert_answer(
        token=services.answer_token(alert), answer=Answer.ACCEPTED, eta_minutes=10
    )
    services.alert_arrive(token=services.arrival_token(alert))
    alert.refresh_from_db()
    assert alert.alerted_at <= alert.answered_at <= alert.arrived_at


def test_an_answer_by_link_needs_the_link_itself(on_call: OnCall) -> None:
    """'via=link' once switched the access check off: anyone holding an alert could answer it."""
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    alert = _call(incident).alerts.get()
    for actor in (None, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.alert_answer(
                alert=alert, answer=Answer.ACCEPTED, eta_minutes=5, via="link", actor=actor
            )
        with pytest.raises(PermissionDenied):
            services.alert_arrive(alert=alert, via="link", actor=actor)
    with pytest.raises(PermissionDenied):  # no link and no login
        services.alert_answer(alert=alert, answer=Answer.ACCEPTED, eta_minutes=5)
    with pytest.raises(ValidationError):  # an arrival link does not answer
        services.alert_answer(
            token=services.arrival_token(alert), answer=Answer.ACCEPTED, eta_minutes=5
        )
    alert.refresh_from_db()
    assert alert.answer == Answer.PENDING
    answered = services.alert_answer(
        token=services.answer_token(alert), answer=Answer.ACCEPTED, eta_minutes=5
    )
    assert answered.answered_via == AnsweredVia.LINK
