"""Answers and arrivals: the signed links, 'coming' or 'not coming', delivery results."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.alerting import errors
from oranje.alerting.access import ARRIVAL_SALT, LINK_SALT, alert_to_answer
from oranje.alerting.constants import Answer, AnsweredVia
from oranje.alerting.models import Alert, FunctionCall
from oranje.alerting.services.ladder import _after_change
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.constants import EntryKind
from oranje.incidents.services import incident_lock, log_append


def answer_token(alert: Alert) -> str:
    return signing.dumps({"a": alert.pk}, salt=LINK_SALT)


def arrival_token(alert: Alert) -> str:
    return signing.dumps({"a": alert.pk}, salt=ARRIVAL_SALT)


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


def _checked(
    *, alert: Alert | None, token: str | None, actor: User | None, via: str, salt: str
) -> tuple[Alert, str]:
    """The alert and how it was answered, after the check: a valid signed link (then it is
    'by link'), or a logged-in actor who may answer it ('in the app' or 'on the board').
    Nobody answers 'by link' without the link."""
    if token is None and via == AnsweredVia.LINK:
        raise PermissionDenied
    checked = alert_to_answer(actor=actor, alert=alert, token=token, salt=salt)
    return checked, AnsweredVia.LINK if token is not None else via


@transaction.atomic
def alert_answer(
    *,
    answer: str,
    eta_minutes: int | None,
    alert: Alert | None = None,
    token: str | None = None,
    via: str = AnsweredVia.APP,
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> Alert:
    """Record 'coming, there in N minutes' or 'cannot come', given the link from the message
    (`token`) or by a logged-in `actor` who may answer the alert. One answer per alert: the
    link is single-use and the app offers no second answer either."""
    now = now or timezone.now()
    checked, via = _checked(alert=alert, token=token, actor=actor, via=via, salt=LINK_SALT)
    incident_lock(checked.call.incident_id)  # the incident first: one lock order for all
    alert = (
        Alert.objects.select_for_update(of=("self",))
        .select_related("call__incident", "call__function", "call__municipality", "person")
        .get(pk=checked.pk)
    )
    if alert.answered_at is not None:
        raise ValidationError(
            str(errors.LINK_USED % {"time": _when(alert.answered_at)}), code="used"
        )
    if answer not in (Answer.ACCEPTED, Answer.DECLINED):
        raise ValidationError({"answer": [_("Choose: coming or cannot come.")]})
    if answer == Answer.ACCEPTED and (eta_minutes is None or not 0 <= eta_minutes <= 600):
        raise ValidationError({"eta_minutes": [str(errors.ETA_REQUIRED)]})
    alert.answer = answer
    alert.answered_at = now
    alert.answered_via = via
    alert.eta_minutes = eta_minutes if answer == Answer.ACCEPTED else None
    alert.save(update_fields=["answer", "answered_at", "answered_via", "eta_minutes"])
    call = (
        FunctionCall.objects.select_for_update(of=("self",))
        .select_related("incident", "function", "municipality")
        .get(pk=alert.call_id)
    )
    if call.incident.closed_at is None:
        text = (
            _("%(person)s (%(function)s) is coming, there in %(eta)s min.")
            if answer == Answer.ACCEPTED
            else _("%(person)s (%(function)s) cannot come.")
        ) % {"person": alert.person, "function": call.function.code, "eta": eta_minutes}
        log_append(
            call.incident,
            actor=actor,
            kind=EntryKind.ALERT,
            function=call.function,
            text=text,
            at=now,
        )
        _after_change(call, now)
    audit_record(
        actor=actor,
        action=AuditAction.ALERT_ANSWER,
        obj=call.incident,
        region=call.incident.region,
        changes={"answer": [None, f"{alert.person}: {answer} {eta_minutes or ''}".strip()]},
    )
    return alert


@transaction.atomic
def alert_arrive(
    *,
    alert: Alert | None = None,
    token: str | None = None,
    via: str = AnsweredVia.APP,
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> Alert:
    """Record arrival at the team or scene, given the arrival link (`token`) or by an `actor`
    who may answer the alert; only after accepting, and once."""
    now = now or timezone.now()
    checked, via = _checked(alert=alert, token=token, actor=actor, via=via, salt=ARRIVAL_SALT)
    incident_lock(checked.call.incident_id)  # the incident first: one lock order for all
    alert = (
        Alert.objects.select_for_update(of=("self",))
        .select_related("call__incident", "call__function", "person")
        .get(pk=checked.pk)
    )
    if alert.answer != Answer.ACCEPTED:
        raise ValidationError(str(errors.NOT_ACCEPTED), code="not_accepted")
    if alert.arrived_at is not None:
        raise ValidationError(
            str(errors.LINK_USED % {"time": _when(alert.arrived_at)}), code="used"
        )
    alert.arrived_at = now
    alert.arrival_via = via
    alert.save(update_fields=["arrived_at", "arrival_via"])
    incident = alert.call.incident
    if incident.closed_at is None:
        log_append(
            incident,
            actor=actor,
            kind=EntryKind.ALERT,
            function=alert.call.function,
            at=now,
            text=_("%(person)s (%(function)s) has arrived.")
            % {"person": alert.person, "function": alert.call.function.code},
        )
    audit_record(
        actor=actor,
        action=AuditAction.ALERT_ARRIVE,
        obj=incident,
        region=incident.region,
        changes={"arrived": [None, str(alert.person)]},
    )
    return alert


def alert_record(
    *, alert: Alert, what: str, eta_minutes: int | None, via: str, actor: User
) -> Alert:
    """What someone said in the app or by phone to the board: 'accepted' (with minutes),
    'declined' or 'arrived'."""
    if what == "arrived":
        return alert_arrive(alert=alert, via=via, actor=actor)
    return alert_answer(alert=alert, answer=what, eta_minutes=eta_minutes, via=via, actor=actor)
