"""Reads of the alerting room: the alert board and the times the norms are measured by."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.alerting.constants import Answer, CallStatus, DeliveryStatus, Step
from oranje.alerting.models import Alert, AlertRule, FunctionCall
from oranje.core.models import User
from oranje.incidents.constants import ScalingMode
from oranje.incidents.hooks import Figure, Milestone
from oranje.incidents.models import Incident, ScalingStep
from oranje.incidents.norms import milestones
from oranje.organisation.constants import OnCallKind, PoolKind
from oranje.organisation.models import Function, OnCallShift, Person, Pool
from oranje.organisation.selectors_loans import lent_in_for_function, lent_out_at


@dataclass
class BoardLine:
    alert: Alert
    expected_at: dt.datetime | None
    late: bool
    failures: list[str]
    #: Titles of other open incidents this person said "coming" to.
    elsewhere: list[str] = field(default_factory=list)


@dataclass
class BoardRow:
    call: FunctionCall
    lines: list[BoardLine] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(1 for line in self.lines if line.alert.answer == Answer.ACCEPTED)

    @property
    def arrived(self) -> int:
        return sum(1 for line in self.lines if line.alert.arrived_at)

    @property
    def on_the_way(self) -> int:
        """Said "coming" and not there yet."""
        return self.accepted - self.arrived

    @property
    def missing(self) -> int:
        """People still to be found: needed minus those who said "coming"."""
        return max(0, self.call.people_needed - self.accepted)

    @property
    def short(self) -> bool:
        return self.call.status == CallStatus.OPEN and self.accepted < self.call.people_needed

    @property
    def late(self) -> int:
        return sum(1 for line in self.lines if line.late)


def _deadline(alert: Alert, norm: int | None) -> dt.datetime | None:
    return alert.alerted_at + dt.timedelta(minutes=norm) if norm else None


def board(incident: Incident, now: dt.datetime | None = None) -> list[BoardRow]:
    """Per function call: who was alerted, answered, is coming (ETA), arrived, and who is
    late against the arrival norm; delivery failures per person."""
    now = now or timezone.now()
    calls = list(
        FunctionCall.objects.filter(incident=incident)
        .select_related("function", "municipality")
        .order_by("function__sort_order", "municipality__name", "pk")
    )
    alerts = (
        Alert.objects.filter(call__incident=incident)
        .select_related("person")
        .prefetch_related("deliveries")
        .order_by("alerted_at", "pk")
    )
    rows = {c.pk: BoardRow(c) for c in calls}
    elsewhere = committed_elsewhere(incident)
    for alert in alerts:
        row = rows[alert.call_id]
        norm = row.call.arrival_norm_minutes
        deadline = _deadline(alert, norm)
        expected = (
            (alert.answered_at + dt.timedelta(minutes=alert.eta_minutes))
            if alert.answer == Answer.ACCEPTED
            and alert.answered_at
            and alert.eta_minutes is not None
            else None
        )
        if alert.arrived_at:
            late = deadline is not None and alert.arrived_at > deadline
        else:
            late = alert.answer == Answer.ACCEPTED and deadline is not None and now > deadline
        failures = [
            f"{d.get_channel_display()}: {d.last_error}"
            for d in alert.deliveries.all()
            if d.last_error and d.status != DeliveryStatus.SENT
        ]
        row.lines.append(
            BoardLine(alert, expected, late, failures, elsewhere.get(alert.person_id, []))
        )
    return list(rows.values())


def committed_elsewhere(
    incident: Incident, people: Iterable[int] | None = None
) -> dict[int, list[str]]:
    """Person id → titles of the other open incidents they said "coming" to (and have not
    left), for the people alerted for this incident (or `people`)."""
    if people is None:
        people = Alert.objects.filter(call__incident=incident).values_list("person_id", flat=True)
    found: dict[int, list[str]] = {}
    rows = (
        Alert.objects.filter(
            person_id__in=list(people),
            answer=Answer.ACCEPTED,
            call__incident__closed_at__isnull=True,
        )
        .exclude(call__incident=incident)
        .values_list("person_id", "call__incident__title")
        .distinct()
        .order_by("person_id", "call__incident__title")
    )
    for person_id, title in rows:
        found.setdefault(person_id, []).append(title)
    return found


@dataclass
class FunctionTimes:
    function: Function
    first_alert: dt.datetime | None
    first_accept: dt.datetime | None
    first_arrival: dt.datetime | None
    norm_minutes: int | None

    @property
    def arrival_minutes(self) -> float | None:
        if self.first_alert and self.first_arrival:
            return (self.first_arrival - self.first_alert).total_seconds() / 60
        return None

    @property
    def within_norm(self) -> bool | None:
        minutes = self.arrival_minutes
        if minutes is None or self.norm_minutes is None:
            return None
        return minutes <= self.norm_minutes


@dataclass
class Timeline:
    incident: Incident
    scaling: list[ScalingStep]
    first_alert: dt.datetime | None
    functions: list[FunctionTimes]
    #: The norms the rooms above measure (the first shelter ready, …).
    milestones: list[Milestone]


def timeline(incident: Incident) -> Timeline:
    """Every time the norms need: start, each scaling, first alert; per function the first
    alert, first accept and first arrival (computed from what happened, never typed in)."""
    per_function = (
        Alert.objects.filter(call__incident=incident)
        .values("call__function")
        .annotate(
            first_alert=Min("alerted_at"),
            first_accept=Min("answered_at", filter=Q(answer=Answer.ACCEPTED)),
            first_arrival=Min("arrived_at"),
            norm=Min("call__arrival_norm_minutes"),
        )
    )
    functions = {
        f.pk: f for f in Function.objects.filter(pk__in=[r["call__function"] for r in per_function])
    }
    rows = sorted(
        (
            FunctionTimes(
                functions[r["call__function"]],
                r["first_alert"],
                r["first_accept"],
                r["first_arrival"],
                r["norm"],
            )
            for r in per_function
        ),
        key=lambda t: t.function.sort_order,
    )
    first = min((r.first_alert for r in rows if r.first_alert), default=None)
    return Timeline(
        incident=incident,
        scaling=list(incident.scaling.order_by("at", "pk")),
        first_alert=first,
        functions=rows,
        milestones=milestones(incident),
    )


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
    """The people to alert on a step of the ladder, not yet alerted for this call and not
    already coming to this incident (someone who said "coming" for one function of an
    incident is not asked again for another one, nor by a manual alert)."""
    pools = _serving_pools(call.incident.region_id, call.function_id, call.municipality_id)
    on_now = OnCallShift.objects.filter(
        pool_id__in=pools, function_id=call.function_id, starts_at__lte=now, ends_at__gt=now
    )
    if step == Step.HARD:
        ids = list(on_now.filter(kind=OnCallKind.HARD).values_list("person_id", flat=True))
    elif step == Step.SOFT:
        ids = list(on_now.filter(kind=OnCallKind.SOFT).values_list("person_id", flat=True))
        # Pool members, except those lent to another region now; people lent to this
        # region for the function are asked like its own.
        lent_out = lent_out_at(call.incident.region_id, now)
        ids += [
            pk
            for pk in Pool.members.through.objects.filter(pool_id__in=pools).values_list(
                "person_id", flat=True
            )
            if pk not in lent_out
        ]
        ids += lent_in_for_function(call.incident.region_id, call.function_id, now)
    elif step == Step.COORDINATOR:
        ids = list(
            Pool.objects.filter(pk__in=pools, coordinator__isnull=False).values_list(
                "coordinator_id", flat=True
            )
        )
    else:
        return []
    already = set(call.alerts.values_list("person_id", flat=True))
    already |= set(
        Alert.objects.filter(
            call__incident_id=call.incident_id, answer=Answer.ACCEPTED
        ).values_list("person_id", flat=True)
    )
    fresh = [pk for pk in dict.fromkeys(ids) if pk not in already]
    ok = _available(fresh, now)
    people = {p.pk: p for p in Person.objects.filter(pk__in=[pk for pk in fresh if pk in ok])}
    return [people[pk] for pk in fresh if pk in people]


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
