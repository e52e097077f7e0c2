"""What the tests of the people who came share: people alerted for an incident who arrived,
declined or did not answer, written straight onto the alert board (the alerting room's
services have their own tests)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oranje.alerting.constants import Answer, CallStatus, Step
from oranje.alerting.models import Alert, FunctionCall
from oranje.incidents.models import Incident
from oranje.organisation.models import Function, Person


def call_for(incident: Incident, function: Function) -> FunctionCall:
    call = FunctionCall.objects.filter(incident=incident, function=function).first()
    if call is not None:
        return call
    return FunctionCall.objects.create(
        incident=incident,
        function=function,
        municipality=incident.municipality,
        people_needed=5,
        escalation_minutes=5,
        reason="test",
        status=CallStatus.FILLED,
    )


def arrived(
    incident: Incident, person: Person, function: Function, *, hours_ago: float = 3
) -> Alert:
    """`person` alerted for `function`, accepted and arrived `hours_ago` hours ago."""
    at = timezone.now() - dt.timedelta(hours=hours_ago)
    return Alert.objects.create(
        call=call_for(incident, function),
        person=person,
        step=Step.HARD,
        alerted_at=at - dt.timedelta(minutes=20),
        answer=Answer.ACCEPTED,
        answered_at=at - dt.timedelta(minutes=15),
        eta_minutes=15,
        arrived_at=at,
    )


def answered(incident: Incident, person: Person, function: Function, answer: str) -> Alert:
    """`person` alerted for `function` who declined, did not answer, or accepted without
    arriving."""
    at = timezone.now() - dt.timedelta(hours=1)
    return Alert.objects.create(
        call=call_for(incident, function),
        person=person,
        step=Step.HARD,
        alerted_at=at,
        answer=answer,
        answered_at=None if answer == Answer.PENDING else at,
        eta_minutes=10 if answer == Answer.ACCEPTED else None,
    )
