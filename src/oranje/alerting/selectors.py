"""Reads of the alerting room: the alert board and the times the norms are measured by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone

from oranje.alerting.constants import Answer, CallStatus, DeliveryStatus
from oranje.alerting.models import Alert, FunctionCall
from oranje.incidents.models import Incident, ScalingStep
from oranje.organisation.models import Function


@dataclass
class BoardLine:
    alert: Alert
    expected_at: dt.datetime | None
    late: bool
    failures: list[str]


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
        row.lines.append(BoardLine(alert, expected, late, failures))
    return list(rows.values())


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
    )
