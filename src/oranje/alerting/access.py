"""Access chokepoints for the alerting room: alerts, calls and the region's alert rules.

An alert is seen by everyone who reads its incident, and by the person alerted. It is
answered (coming / cannot come / arrived) by that person, or recorded for them by someone who
operates the incident (the board, a phone call). Behind a link in a message there is no
login: the signed link itself is the key, and it is read here, inside the chokepoint, so no
caller can answer an alert without either a valid link or the right to answer it.

The rules of a region are read by everyone in the region and changed by its managers.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from oranje.alerting import errors
from oranje.alerting.constants import Answer
from oranje.alerting.models import Alert, AlertRule, FunctionCall
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.links import read_link
from oranje.core.models import User
from oranje.incidents.access import can_operate
from oranje.incidents.models import Incident

#: The salts of the two links in an alert message: to answer, and to report arrival.
LINK_SALT = "oranje.alerting.answer"
ARRIVAL_SALT = "oranje.alerting.arrival"

_ALERT_RELATED = ("call__incident", "call__incident__region", "call__function", "person")


def is_own(user: AnyUser, alert: Alert) -> bool:
    return user.is_authenticated and alert.person.user_id == user.pk


def can_answer(user: AnyUser, alert: Alert) -> bool:
    """The person alerted, or someone who operates the incident (recording for them)."""
    return is_own(user, alert) or can_operate(user, alert.call.incident)


def alerts_for_user(user: AnyUser) -> QuerySet[Alert]:
    """Alerts of the incidents the user may see, and the user's own alerts."""
    qs = Alert.objects.select_related(*_ALERT_RELATED)
    s = core_access.scopes_for(user)
    if s.national_read:
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(Q(call__incident__region_id__in=s.read_regions) | Q(person__user=user))


def alert_for_user(user: AnyUser, pk: int, *, answer: bool = False) -> Alert:
    """One alert if the user may see it (404 otherwise); `answer` asks whether they may
    answer it or record an answer for it (403 if not)."""
    alert = alerts_for_user(user).filter(pk=pk).first()
    if alert is None:
        raise Http404
    if answer and not can_answer(user, alert):
        raise PermissionDenied
    return alert


def my_alerts_for_user(user: AnyUser) -> QuerySet[Alert]:
    """The user's own alerts (of the person linked to their login)."""
    if not isinstance(user, User):
        return Alert.objects.none()
    return Alert.objects.select_related(*_ALERT_RELATED).filter(person__user=user)


def alert_from_token(token: str, *, salt: str = LINK_SALT) -> Alert:
    """The alert a link in a message belongs to; ValidationError for a forged or expired
    link (each with its own message). The link is the key: no login is asked."""
    data = read_link(
        token,
        salt=salt,
        max_age=settings.ALERT_LINK_HOURS * 3600,
        expired=str(errors.LINK_EXPIRED),
        invalid=str(errors.LINK_INVALID),
    )
    pk = data.get("a")
    alert = (
        Alert.objects.select_related(*_ALERT_RELATED).filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if alert is None:
        raise ValidationError(str(errors.LINK_INVALID), code="invalid")
    return alert


def alert_to_answer(
    *, actor: User | None, alert: Alert | None = None, token: str | None = None, salt: str
) -> Alert:
    """The alert an answer or arrival is about, checked: either a valid signed link (the
    person answers from the message) or a logged-in user who may answer it. Services call
    this themselves, so a caller cannot skip the check."""
    if token is not None:
        found = alert_from_token(token, salt=salt)
        if alert is not None and alert.pk != found.pk:
            raise ValidationError(str(errors.LINK_INVALID), code="invalid")
        return found
    if actor is None or alert is None:
        raise PermissionDenied
    return alert_for_user(actor, alert.pk, answer=True)


def leads_incident(incident: Incident, user: User, codes: frozenset[str]) -> bool:
    """Listener for the incident room's command rule: whether the user was alerted for this
    incident in one of these (leading) functions and did not decline."""
    return (
        Alert.objects.filter(
            call__incident=incident, call__function__code__in=codes, person__user=user
        )
        .exclude(answer=Answer.DECLINED)
        .exists()
    )


def calls_for_user(user: AnyUser) -> QuerySet[FunctionCall]:
    """Function calls of the incidents the user may see."""
    qs = FunctionCall.objects.select_related("incident", "function", "municipality")
    s = core_access.scopes_for(user)
    return qs if s.national_read else qs.filter(incident__region_id__in=s.read_regions)


# ---------------------------------------------------------------- rules


def rules_for_user(user: AnyUser) -> QuerySet[AlertRule]:
    """The alert rules of the regions the user may see."""
    qs = AlertRule.objects.select_related("region", "function")
    s = core_access.scopes_for(user)
    return qs if s.national_read else qs.filter(region_id__in=s.read_regions)


def rule_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> AlertRule:
    rule = rules_for_user(user).filter(pk=pk).first()
    if rule is None:
        raise Http404
    if manage and not core_access.can_manage_region(user, rule.region_id):
        raise PermissionDenied
    return rule
