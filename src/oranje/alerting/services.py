"""Alerting: who is alerted for what, the escalation ladder, answers and arrivals.

The ladder for one function call: (0) whoever is on hard on-call in a pool that serves the
incident's municipality, (1) the soft-piket pool: soft on-call shifts and every member of a
pool for the function that serves the municipality, (2) those pools' coordinators, (3)
nobody left — shown in red on the alert board. A call moves up when, after its escalation
delay, fewer people accepted than it needs; it moves up *at once* when the people still
reachable on the current step cannot fill it (nobody on call, everyone declined, every
channel failed). A call never waits silently on a step that cannot succeed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.alerting import errors
from oranje.alerting.channels import is_mobile, sms_enabled
from oranje.alerting.constants import (
    DEFAULT_ESCALATION_MINUTES,
    Answer,
    AnsweredVia,
    CallStatus,
    Channel,
    DeliveryStatus,
    Step,
)
from oranje.alerting.models import Alert, AlertRule, Delivery, Escalation, FunctionCall
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.links import read_link
from oranje.core.models import Municipality, Region, User
from oranje.incidents.access import can_operate
from oranje.incidents.constants import EntryKind, ScalingMode
from oranje.incidents.hooks import Figure
from oranje.incidents.models import Incident, ScalingStep
from oranje.incidents.services import log_append, require_open
from oranje.organisation.constants import CoverageUnit, OnCallKind, PoolKind
from oranje.organisation.models import Function, OnCallShift, Person, Pool, RegionFunction

LINK_SALT = "oranje.alerting.answer"
ARRIVAL_SALT = "oranje.alerting.arrival"


# ---------------------------------------------------------------- rules


@transaction.atomic
def rule_save(
    *,
    actor: User,
    region: Region,
    function: Function,
    grip_level: int | None,
    team: str,
    people_needed: int,
    escalation_minutes: int,
) -> AlertRule:
    """Add or change the region's rule for a function at a level or team."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    problems: dict[str, list[str]] = {}
    if (grip_level is None) == (not team):
        problems["grip_level"] = [str(errors.RULE_NEEDS_TRIGGER)]
    if not 1 <= people_needed <= 1000:
        problems["people_needed"] = [str(errors.PEOPLE_NEEDED_RANGE)]
    if not 1 <= escalation_minutes <= 120:
        problems["escalation_minutes"] = [str(errors.ESCALATION_RANGE)]
    if problems:
        raise ValidationError(problems)
    rule, created = AlertRule.objects.update_or_create(
        region=region,
        function=function,
        grip_level=grip_level,
        team=team,
        defaults={"people_needed": people_needed, "escalation_minutes": escalation_minutes},
    )
    audit_record(
        actor=actor,
        action="alert_rule.save",
        obj=rule,
        region=region,
        changes={"rule": [None if created else "changed", str(rule)]},
    )
    return rule


@transaction.atomic
def rule_delete(*, actor: User, rule: AlertRule) -> None:
    core_access.require(core_access.can_manage_region(actor, rule.region_id))
    audit_record(
        actor=actor,
        action="alert_rule.delete",
        obj=rule,
        region=rule.region,
        changes={"rule": [str(rule), None]},
    )
    rule.delete()


def required_functions(step: ScalingStep) -> dict[int, tuple[int, int]]:
    """Function id → (people needed, escalation minutes) that this scaling asks for: rules
    for its GRIP level and below, and rules for every team it activates."""
    trigger = Q(team__in=step.teams) if step.teams else Q(pk__in=[])
    if step.mode == ScalingMode.GRIP and step.grip_level is not None:
        trigger |= Q(grip_level__lte=step.grip_level)
    wanted: dict[int, tuple[int, int]] = {}
    for rule in AlertRule.objects.filter(trigger, region_id=step.incident.region_id):
        have = wanted.get(rule.function_id)
        if have is None:
            wanted[rule.function_id] = (rule.people_needed, rule.escalation_minutes)
        else:
            wanted[rule.function_id] = (
                max(have[0], rule.people_needed),
                min(have[1], rule.escalation_minutes),
            )
    return wanted


# ---------------------------------------------------------------- who is on each step


def _serving_pools(region_id: int, function_id: int, municipality_id: int) -> list[int]:
    """Pools for the function that serve the municipality (regional pools serve all)."""
    return list(
        Pool.objects.filter(region_id=region_id, functions__id=function_id)
        .filter(Q(kind=PoolKind.REGIONAL) | Q(municipalities__id=municipality_id))
        .values_list("pk", flat=True)
        .distinct()
    )


def _available(person_ids: Iterable[int], now: dt.datetime) -> set[int]:
    from oranje.organisation.models import Unavailability

    ids = set(person_ids)
    away = set(
        Unavailability.objects.filter(
            person_id__in=ids, starts_at__lte=now, ends_at__gt=now
        ).values_list("person_id", flat=True)
    )
    active = set(Person.objects.filter(pk__in=ids, active=True).values_list("pk", flat=True))
    return active - away


def candidates(call: FunctionCall, step: int, now: dt.datetime) -> list[Person]:
    """The people to alert on a step of the ladder, not yet alerted for this call."""
    pools = _serving_pools(call.incident.region_id, call.function_id, call.municipality_id)
    on_now = OnCallShift.objects.filter(
        pool_id__in=pools, function_id=call.function_id, starts_at__lte=now, ends_at__gt=now
    )
    if step == Step.HARD:
        ids = list(on_now.filter(kind=OnCallKind.HARD).values_list("person_id", flat=True))
    elif step == Step.SOFT:
        ids = list(on_now.filter(kind=OnCallKind.SOFT).values_list("person_id", flat=True))
        ids += list(
            Pool.members.through.objects.filter(pool_id__in=pools).values_list(
                "person_id", flat=True
            )
        )
    elif step == Step.COORDINATOR:
        ids = list(
            Pool.objects.filter(pk__in=pools, coordinator__isnull=False).values_list(
                "coordinator_id", flat=True
            )
        )
    else:
        return []
    already = set(call.alerts.values_list("person_id", flat=True))
    fresh = [pk for pk in dict.fromkeys(ids) if pk not in already]
    ok = _available(fresh, now)
    people = {p.pk: p for p in Person.objects.filter(pk__in=[pk for pk in fresh if pk in ok])}
    return [people[pk] for pk in fresh if pk in people]


# ---------------------------------------------------------------- calls and the ladder


def _place(call: FunctionCall) -> str:
    return call.municipality.name


def _alert(call: FunctionCall, people: list[Person], step: int, now: dt.datetime) -> list[Alert]:
    alerts = Alert.objects.bulk_create(
        [Alert(call=call, person=p, step=step, alerted_at=now) for p in people]
    )
    deliveries: list[Delivery] = []
    for alert, person in zip(alerts, people, strict=True):
        deliveries.append(Delivery(alert=alert, channel=Channel.EMAIL, address=person.email))
        if sms_enabled() and person.phone and is_mobile(person.phone):
            deliveries.append(Delivery(alert=alert, channel=Channel.SMS, address=person.phone))
        if person.user_id is not None:
            deliveries.append(
                Delivery(
                    alert=alert,
                    channel=Channel.APP,
                    address=str(person.user_id),
                    status=DeliveryStatus.SENT,
                    attempts=1,
                    sent_at=now,
                )
            )
    created = Delivery.objects.bulk_create(deliveries)
    pending = [d.pk for d in created if d.status == DeliveryStatus.PENDING]
    if pending:
        from oranje.alerting.tasks import enqueue_deliveries

        transaction.on_commit(lambda: enqueue_deliveries(pending))
    return alerts


def _reach(call: FunctionCall) -> tuple[int, int]:
    """(accepted, still possible): people who said yes, and yes plus those who may still
    answer (alerted, no answer, reachable on at least one channel)."""
    counts = call.alerts.aggregate(
        accepted=Count("pk", filter=Q(answer=Answer.ACCEPTED)),
        waiting=Count("pk", filter=Q(answer=Answer.PENDING, unreachable=False)),
    )
    return counts["accepted"], counts["accepted"] + counts["waiting"]


def _schedule(call: FunctionCall, due: dt.datetime) -> None:
    call.next_escalation_at = due
    from oranje.alerting.tasks import escalate_call

    call_id, due_iso = call.pk, due.isoformat()
    transaction.on_commit(lambda: escalate_call.using(run_after=due).enqueue(call_id, due_iso))


def _climb(
    call: FunctionCall, now: dt.datetime, *, reason: str, due_at: dt.datetime | None
) -> list[str]:
    """Move the call up the ladder from its current step until someone new is alerted who
    could fill it, or nobody is left. Saves the call. Returns warnings for the board."""
    warnings: list[str] = []
    accepted, possible = _reach(call)
    if accepted >= call.people_needed:
        _fill(call, now)
        return warnings
    while call.step < Step.EXHAUSTED:
        call.step += 1
        people = candidates(call, call.step, now)
        Escalation.objects.create(
            call=call, to_step=call.step, due_at=due_at, at=now, reason=reason, alerted=len(people)
        )
        if people:
            _alert(call, people, call.step, now)
            possible += len(people)
        if call.step < Step.EXHAUSTED and possible >= call.people_needed:
            _schedule(call, now + dt.timedelta(minutes=call.escalation_minutes))
            break
        reason = _("not enough people reachable on the previous step")
        due_at = None
    if call.step == Step.EXHAUSTED:
        call.next_escalation_at = None
        warnings.append(
            str(errors.NOBODY_AT_ALL % {"function": call.function.code, "place": _place(call)})
        )
        log_append(
            call.incident,
            actor=None,
            kind=EntryKind.ALERT,
            function=call.function,
            text=warnings[-1],
        )
    call.save(update_fields=["step", "next_escalation_at"])
    return warnings


def _fill(call: FunctionCall, now: dt.datetime) -> None:
    call.status = CallStatus.FILLED
    call.filled_at = now
    call.next_escalation_at = None
    call.save(update_fields=["status", "filled_at", "next_escalation_at"])


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
    """Listener for incident_scale: open a call for every function the scaling requires
    that has no open or filled call yet."""
    incident = step.incident
    warnings: list[str] = []
    wanted = required_functions(step)
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
    require_open(incident)
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
        action="alert.manual",
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
    call = (
        FunctionCall.objects.select_for_update()
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


def _after_change(call: FunctionCall, now: dt.datetime) -> None:
    """After an answer or a failed delivery: fill the call, or climb at once when the
    current step can no longer fill it."""
    if call.status != CallStatus.OPEN:
        return
    accepted, possible = _reach(call)
    if accepted >= call.people_needed:
        _fill(call, now)
    elif possible < call.people_needed and call.step < Step.EXHAUSTED:
        _climb(call, now, reason=_("declined or unreachable"), due_at=None)


def on_closed(incident: Incident, actor: User) -> None:
    """Listener for incident_close: stop every open call."""
    FunctionCall.objects.filter(incident=incident, status=CallStatus.OPEN).update(
        status=CallStatus.CANCELLED, next_escalation_at=None, closed_at=timezone.now()
    )


# ---------------------------------------------------------------- answers


def answer_token(alert: Alert) -> str:
    return signing.dumps({"a": alert.pk}, salt=LINK_SALT)


def arrival_token(alert: Alert) -> str:
    return signing.dumps({"a": alert.pk}, salt=ARRIVAL_SALT)


def alert_from_token(token: str, *, salt: str = LINK_SALT) -> Alert:
    """The alert a link belongs to; ValidationError for a forged or expired link."""
    data = read_link(
        token,
        salt=salt,
        max_age=settings.ALERT_LINK_HOURS * 3600,
        expired=str(errors.LINK_EXPIRED),
        invalid=str(errors.LINK_INVALID),
    )
    alert = (
        Alert.objects.select_related("call__incident", "call__function", "person")
        .filter(pk=data.get("a", 0))
        .first()
    )
    if alert is None:
        raise ValidationError(str(errors.LINK_INVALID), code="invalid")
    return alert


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


@transaction.atomic
def alert_answer(
    *,
    alert: Alert,
    answer: str,
    eta_minutes: int | None,
    via: str,
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> Alert:
    """Record 'coming, there in N minutes' or 'cannot come'. One answer per alert: the link
    is single-use and the app offers no second answer either."""
    now = now or timezone.now()
    alert = (
        Alert.objects.select_for_update()
        .select_related("call__incident", "call__function", "call__municipality", "person")
        .get(pk=alert.pk)
    )
    if actor is not None and via != AnsweredVia.LINK:
        mine = alert.person.user_id == actor.pk
        core_access.require(mine or can_operate(actor, alert.call.incident))
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
        FunctionCall.objects.select_for_update()
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
        action="alert.answer",
        obj=call.incident,
        region=call.incident.region,
        changes={"answer": [None, f"{alert.person}: {answer} {eta_minutes or ''}".strip()]},
    )
    return alert


@transaction.atomic
def alert_arrive(
    *, alert: Alert, via: str, actor: User | None = None, now: dt.datetime | None = None
) -> Alert:
    """Record arrival at the team or scene; only after accepting, and once."""
    now = now or timezone.now()
    alert = (
        Alert.objects.select_for_update()
        .select_related("call__incident", "call__function", "person")
        .get(pk=alert.pk)
    )
    if actor is not None and via != AnsweredVia.LINK:
        mine = alert.person.user_id == actor.pk
        core_access.require(mine or can_operate(actor, alert.call.incident))
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
        action="alert.arrive",
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


@transaction.atomic
def delivery_result(*, delivery_id: int, error: str | None, final: bool) -> None:
    """Record a try on one channel. When the last channel of an alert finally fails the
    person counts as unreachable and the call may climb at once."""
    now = timezone.now()
    delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
    delivery.attempts += 1
    if error is None:
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = now
        delivery.last_error = ""
    else:
        delivery.last_error = error[:255]
        if final:
            delivery.status = DeliveryStatus.FAILED
    delivery.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    if error is None or not final:
        return
    alert = Alert.objects.select_for_update().get(pk=delivery.alert_id)
    statuses = set(alert.deliveries.values_list("status", flat=True))
    if statuses == {DeliveryStatus.FAILED} and alert.answer == Answer.PENDING:
        alert.unreachable = True
        alert.save(update_fields=["unreachable"])
        call = (
            FunctionCall.objects.select_for_update()
            .select_related("incident", "function", "municipality")
            .get(pk=alert.call_id)
        )
        _after_change(call, now)


# ---------------------------------------------------------------- figures


def figures(incident: Incident) -> list[Figure]:
    """Live alerting figures for the situation report."""
    counts = Alert.objects.filter(call__incident=incident).aggregate(
        alerted=Count("pk"),
        coming=Count("pk", filter=Q(answer=Answer.ACCEPTED)),
        arrived=Count("pk", filter=Q(arrived_at__isnull=False)),
    )
    short = FunctionCall.objects.filter(incident=incident, status=CallStatus.OPEN).count()
    return [
        Figure(_("People alerted"), str(counts["alerted"])),
        Figure(_("Coming"), str(counts["coming"])),
        Figure(_("Arrived"), str(counts["arrived"])),
        Figure(_("Functions still being alerted"), str(short)),
    ]


def my_open_alerts(user: User) -> list[Alert]:
    """The alerts of the person linked to this user that still need an answer or arrival."""
    return list(
        Alert.objects.filter(person__user=user, call__incident__closed_at__isnull=True)
        .filter(Q(answer=Answer.PENDING) | Q(answer=Answer.ACCEPTED, arrived_at__isnull=True))
        .select_related("call__incident", "call__function", "call__municipality")
        .order_by("-alerted_at")
    )
