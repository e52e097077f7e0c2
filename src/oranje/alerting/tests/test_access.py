"""The alerting room's chokepoints: alerts, answers through a link or a login, rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework.test import APIClient

from oranje.alerting import access, errors, services
from oranje.alerting.constants import Answer
from oranje.alerting.models import AlertRule, FunctionCall
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.organisation.tests.factories import make_user

pytestmark = pytest.mark.django_db


def _alert(on_call: OnCall):  # type: ignore[no-untyped-def]
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    return FunctionCall.objects.get(incident=incident).alerts.get()


def test_an_alert_is_seen_in_its_region_and_by_the_person_alerted(on_call: OnCall) -> None:
    world = on_call.world
    alert = _alert(on_call)
    assert access.alert_for_user(world.viewer, alert.pk) == alert
    assert access.alert_for_user(world.functionary, alert.pk) == alert  # their own
    with pytest.raises(Http404):
        access.alert_for_user(world.outsider, alert.pk)
    assert not access.alerts_for_user(world.outsider).exists()
    assert list(access.my_alerts_for_user(world.functionary)) == [alert]
    assert not access.my_alerts_for_user(world.coordinator).exists()


def test_an_alert_is_answered_by_its_person_or_an_operator_of_the_incident(
    on_call: OnCall,
) -> None:
    world = on_call.world
    alert = _alert(on_call)
    assert access.alert_for_user(world.functionary, alert.pk, answer=True)
    assert access.alert_for_user(world.haarlem_coordinator, alert.pk, answer=True)
    with pytest.raises(PermissionDenied):
        access.alert_for_user(world.viewer, alert.pk, answer=True)


def test_the_answer_api_does_not_reveal_another_regions_alert(on_call: OnCall) -> None:
    world = on_call.world
    alert = _alert(on_call)
    client = APIClient()
    client.force_authenticate(world.outsider)
    response = client.post(f"/api/v1/alerts/{alert.pk}/answer/", {"answer": "declined"})
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.answer == Answer.PENDING


def test_an_answer_needs_a_valid_link_or_a_login_that_may_answer(on_call: OnCall) -> None:
    world = on_call.world
    alert = _alert(on_call)
    token = services.answer_token(alert)
    assert access.alert_to_answer(actor=None, token=token, salt=access.LINK_SALT) == alert
    with pytest.raises(ValidationError) as forged:
        access.alert_to_answer(actor=None, token=token[:-2] + "xx", salt=access.LINK_SALT)
    assert forged.value.messages == [str(errors.LINK_INVALID)]
    with pytest.raises(ValidationError):  # an answer link does not report arrival
        access.alert_to_answer(actor=None, token=token, salt=access.ARRIVAL_SALT)
    with pytest.raises(PermissionDenied):  # no link and no login
        access.alert_to_answer(actor=None, alert=alert, salt=access.LINK_SALT)
    with pytest.raises(PermissionDenied):
        access.alert_to_answer(actor=world.viewer, alert=alert, salt=access.LINK_SALT)
    assert access.alert_to_answer(actor=world.functionary, alert=alert, salt=access.LINK_SALT)


def test_a_leading_function_alerted_and_not_declined_leads_the_incident(on_call: OnCall) -> None:
    world = on_call.world
    alert = _alert(on_call)
    codes = frozenset({"OVD-BZ"})
    assert access.leads_incident(alert.call.incident, world.functionary, codes)
    assert not access.leads_incident(alert.call.incident, world.functionary, frozenset({"CPG"}))
    assert not access.leads_incident(alert.call.incident, world.viewer, codes)
    alert.answer = Answer.DECLINED
    alert.save()
    assert not access.leads_incident(alert.call.incident, world.functionary, codes)


def test_rules_are_read_in_the_region_and_changed_by_its_managers(world) -> None:
    rule = AlertRule.objects.filter(region=world.region).first()
    assert rule is not None
    assert access.rule_for_user(world.viewer, rule.pk) == rule
    assert access.rule_for_user(world.coordinator, rule.pk, manage=True) == rule
    with pytest.raises(PermissionDenied):
        access.rule_for_user(world.haarlem_coordinator, rule.pk, manage=True)
    with pytest.raises(Http404):
        access.rule_for_user(world.outsider, rule.pk)
    nobody = make_user("nobody")
    assert not access.rules_for_user(nobody).exists()
