"""Opening, escalating and stopping function calls: on a scaling, by hand, on close."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.alerting import errors
from oranje.alerting.constants import DEFAULT_ESCALATION_MINUTES, CallStatus, Step
from oranje.alerting.models import AlertRule, Escalation, FunctionCall
from oranje.alerting.selectors import candidates, committed_elsewhere, required_functions
from oranje.alerting.services.ladder import (
    _after_change,
    _alert,
    _climb,
    _fill,
    _place,
    _reach,
    _schedule,
)
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, User
from oranje.incidents.access import can_operate
from oranje.incidents.constants import EntryKind
from oranje.incidents.models import Incident, ScalingStep
from oranje.incidents.services import incident_lock, log_append, require_acute
from oranje.organisation.constants import CoverageUnit
from oranje.organisation.models import Function, Person, Pool, RegionFunction


def call_open(
    *,
    actor: User | None,
    incident: Incident,
    function: Function,
    municipality: Municipality,
    people_needed: int,
    escalation_minutes: int,
    reason: str,
    scaling_step: ScalingStep | None = None,
    now: dt.datetime | None = None,
) -> tuple[FunctionCall, list[str]]:
    """Open a call for a function and alert the first step; runs inside the caller's
    transaction. Returns the call and the warnings the caller must show at once."""
    now = now or timezone.now()
    norm = (
        RegionFunction.objects.filter(region_id=incident.region_id, function=function)
        .values_list("response_norm_minutes", flat=True)
        .first()
    )
    call = FunctionCall.objects.create(
        incident=incident,
        function=function,
        municipality=municipality,
        people_needed=people_needed,
        escalation_minutes=escalation_minutes,
        arrival_norm_minutes=norm,
        reason=reason[:200],
        scaling_step=scaling_step,
        opened_at=now,
        opened_by=actor,
    )
    warnings: list[str] = []
    people = candidates(call, Step.HARD, now)
    Escalation.objects.create(
        call=call, to_step=Step.HARD, at=now, reason=reason[:200], alerted=len(people)
    )
    if people:
        _alert(call, people, Step.HARD, now)
    if len(people) >= people_needed:
        _schedule(call, now + dt.timedelta(minutes=escalation_minutes))
        call.save(update_fields=["next_escalation_at"])
    else:
        call.unstaffed = not people
        call.save(update_fields=["unstaffed"])
        more = _climb(call, now, reason=_("too few on hard on-call"), due_at=None)
        if not people and call.step != Step.EXHAUSTED:
            step = Step(call.step).label
            warnings.append(
                str(
                    errors.NOBODY_ON_CALL
                    % {"function": function.code, "place": _place(call), "step": step}
                )
            )
        warnings.extend(more)
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.ALERT,
        function=function,
        at=now,
        text=_("Alerted %(count)s× %(function)s (%(reason)s).")
        % {"count": call.alerts.count(), "function": function.code, "reason": reason},
    )
    busy = committed_elsewhere(incident, call.alerts.values_list("person_id", flat=True))
    if busy:
        warnings.append(
            str(errors.COMMITTED_ELSEWHERE % {"function": function.code, "count": len(busy)})
        )
    return call, warnings


def _targets(incident: Incident, function: Function) -> list[Municipality]:
    """Municipalities to open a call for: one per involved municipality for functions
    covered per municipality (the CPG), else just the municipality of the scene."""
    unit = (
        RegionFunction.objects.filter(region_id=incident.region_id, function=function)
        .values_list("coverage_unit", flat=True)
        .first()
    )
    if unit == CoverageUnit.MUNICIPALITY:
        return list(incident.municipalities.order_by("name"))
    return [incident.municipality]


def on_scaled(step: ScalingStep, actor: User) -> list[str]:
    """Listener for incident_scale: after a scale-down, stand down what it no longer
    requires; then open a call for every function the scaling requires that has no open or
    filled call yet."""
    incident = step.incident
    warnings: list[str] = []
    wanted = required_functions(step)
    if step.scaled_down:
        _stand_down(step, actor, wanted)
    functions = {f.pk: f for f in Function.objects.filter(pk__in=wanted)}
    running = set(
        FunctionCall.objects.filter(
            incident=incident, status__in=[CallStatus.OPEN, CallStatus.FILLED]
        ).values_list("function_id", "municipality_id")
    )
    now = timezone.now()
    for function_id, (needed, minutes) in sorted(
        wanted.items(), key=lambda kv: functions[kv[0]].sort_order
    ):
        for municipality in _targets(incident, functions[function_id]):
            if (function_id, municipality.pk) in running:
                continue
            _call, more = call_open(
                actor=actor,
                incident=incident,
                function=functions[function_id],
                municipality=municipality,
                people_needed=needed,
                escalation_minutes=minutes,
                reason=step.label,
                scaling_step=step,
                now=now,
            )
            warnings.extend(more)
    return warnings


def _stand_down(step: ScalingStep, actor: User, wanted: dict[int, tuple[int, int]]) -> None:
    """After a confirmed scale-down: stop the open calls a scaling opened for functions the
    new scaling no longer requires (as closing does: no further step, a pending timer finds
    the call stopped), and lower the people needed where the rules now ask fewer. Alerts and
    answers stay as they are: whoever said "coming" is still expected and nobody is
    uninvited; the call just stops looking for more. Calls alerted by hand are left alone."""
    now = timezone.now()
    calls = (
        FunctionCall.objects.select_for_update(of=("self",))
        .select_related("incident", "function", "municipality")
        .filter(incident=step.incident, status=CallStatus.OPEN, scaling_step__isnull=False)
        .order_by("function__sort_order", "municipality__name", "pk")
    )
    for call in calls:
        need = wanted.get(call.function_id)
        before = call.people_needed
        if need is None:
            call.status = CallStatus.CANCELLED
            call.next_escalation_at = None
            call.closed_at = now
            call.save(update_fields=["status", "next_escalation_at", "closed_at"])
            text = _(
                "Alerting for %(function)s (%(place)s) stopped: no longer needed after "
                "scaling down to %(label)s."
            )
        elif need[0] < call.people_needed:
            call.people_needed = need[0]
            call.save(update_fields=["people_needed"])
            _after_change(call, now)  # who already said "coming" may now be enough
            text = _(
                "%(function)s (%(place)s): %(count)s needed instead of %(before)s after "
                "scaling down to %(label)s."
            )
        else:
            continue
        log_append(
            step.incident,
            actor=actor,
            kind=EntryKind.ALERT,
            function=call.function,
            at=now,
            text=text
            % {
                "function": call.function.code,
                "place": _place(call),
                "label": step.label,
                "count": call.people_needed,
                "before": before,
            },
        )


@transaction.atomic
def alert_manual(
    *,
    actor: User,
    incident: Incident,
    function: Function,
    people_needed: int = 1,
    municipality: Municipality | None = None,
    reason: str = "",
) -> tuple[FunctionCall, list[str]]:
    """Alert a function by hand, outside any scaling rule."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    core_access.require(can_operate(actor, incident))
    require_acute(incident)
    if not 1 <= people_needed <= 1000:
        raise ValidationError({"people_needed": [str(errors.PEOPLE_NEEDED_RANGE)]})
    holders = Person.objects.filter(region_id=incident.region_id, functions=function, active=True)
    in_pools = Pool.objects.filter(region_id=incident.region_id, functions=function)
    if not holders.exists() and not in_pools.exists():
        raise ValidationError(
            {"function": [str(errors.NOBODY_HOLDS % {"function": function.code})]}
        )
    target = municipality or incident.municipality
    if (
        not incident.municipalities.filter(pk=target.pk).exists()
        and target != incident.municipality
    ):
        raise ValidationError({"municipality": [_("This municipality is not involved.")]})
    open_call = FunctionCall.objects.filter(
        incident=incident, function=function, municipality=target, status=CallStatus.OPEN
    ).first()
    if open_call is not None:
        raise ValidationError(
            {
                "function": [
                    _("%(function)s is already being alerted.") % {"function": function.code}
                ]
            }
        )
    minutes = (
        AlertRule.objects.filter(region_id=incident.region_id, function=function)
        .order_by("escalation_minutes")
        .values_list("escalation_minutes", flat=True)
        .first()
    ) or DEFAULT_ESCALATION_MINUTES
    call, warnings = call_open(
        actor=actor,
        incident=incident,
        function=function,
        municipality=target,
        people_needed=people_needed,
        escalation_minutes=minutes,
        reason=reason.strip() or _("manual alert"),
    )
    audit_record(
        actor=actor,
        action=AuditAction.ALERT_MANUAL,
        obj=incident,
        region=incident.region,
        changes={function.code: [None, people_needed]},
        note=reason,
    )
    return call, warnings


@transaction.atomic
def call_escalate(
    *, call_id: int, due_at: dt.datetime | None, now: dt.datetime | None = None
) -> bool:
    """Run a due escalation timer. A stale timer (the call was filled, stopped or already
    moved on) does nothing. Returns whether the call moved."""
    now = now or timezone.now()
    incident_id = FunctionCall.objects.filter(pk=call_id).values_list("incident_id").first()
    if incident_id is None:
        return False
    incident_lock(incident_id[0])  # the incident first: one lock order for all
    call = (
        FunctionCall.objects.select_for_update(of=("self",))
        .select_related("incident", "function", "municipality")
        .filter(pk=call_id)
        .first()
    )
    if call is None or call.status != CallStatus.OPEN:
        return False
    if due_at is not None and call.next_escalation_at != due_at:
        return False
    accepted, _possible = _reach(call)
    if accepted >= call.people_needed:
        _fill(call, now)
        return False
    _climb(
        call,
        now,
        reason=_("not enough accepts within %(minutes)s minutes")
        % {"minutes": call.escalation_minutes},
        due_at=due_at,
    )
    return True


def on_closed(incident: Incident, actor: User) -> None:
    """Listener for incident_close: stop every open call."""
    FunctionCall.objects.filter(incident=incident, status=CallStatus.OPEN).update(
        status=CallStatus.CANCELLED, next_escalation_at=None, closed_at=timezone.now()
    )
