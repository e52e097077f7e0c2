"""Reads of the incident room."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.incidents.access import incidents_for_user
from oranje.incidents.constants import OPEN_ACTION_STATUSES, EntryKind, ReportStatus, Team
from oranje.incidents.hooks import registry
from oranje.incidents.models import (
    Action,
    Incident,
    LogEntry,
    ScalingStep,
    SituationReport,
)
from oranje.incidents.selectors_checklists import Checklist as Checklist
from oranje.incidents.selectors_checklists import ChecklistLine as ChecklistLine
from oranje.incidents.selectors_checklists import checklist_items as checklist_items
from oranje.incidents.selectors_checklists import checklists as checklists
from oranje.organisation.models import Function


def incident_list(
    user: AnyUser, *, exercises: bool = False, closed: bool = False
) -> QuerySet[Incident]:
    """Incidents the user may see, newest first, with their current scaling. Exercises are
    left out unless asked for, and then shown on their own."""
    newest = ScalingStep.objects.filter(incident=OuterRef("pk")).order_by("-at", "-pk")
    qs = (
        incidents_for_user(user)
        .filter(is_exercise=exercises)
        .select_related("region", "municipality")
        .annotate(
            scaling_mode=Subquery(newest.values("mode")[:1]),
            scaling_level=Subquery(newest.values("grip_level")[:1]),
        )
    )
    return qs if closed else qs.filter(closed_at__isnull=True)


def current_step(incident: Incident) -> ScalingStep | None:
    return incident.scaling.order_by("-at", "-pk").first()


def logbook(
    incident: Incident,
    *,
    process: str = "",
    team: str = "",
    after: int | None = None,
) -> QuerySet[LogEntry]:
    """The logbook, newest first, filtered by process and team; `after` gives only lines
    with a higher number (for the live update)."""
    qs = incident.log.select_related("function", "corrects").order_by("-number")
    if process:
        qs = qs.filter(process=process)
    if team:
        qs = qs.filter(team=team)
    if after is not None:
        qs = qs.filter(number__gt=after)
    return qs


class LogLine(NamedTuple):
    """What the logbook page shows of a line: read as plain values, without building a
    model instance per line (that took most of the time for a 5,000-line logbook)."""

    number: int
    at: dt.datetime
    kind: str
    author_name: str
    function_code: str | None
    team: str
    process: str
    corrects_number: int | None
    text: str
    attachment: str
    attachment_name: str
    corrected_in: int | None


def logbook_lines(
    incident: Incident,
    *,
    process: str = "",
    team: str = "",
    after: int | None = None,
) -> list[LogLine]:
    """`logbook` as LogLine rows, newest first: for the page and its live update. A line
    that was corrected carries the number of its latest correction (one subquery over the
    index on `corrects`, not a query per line)."""
    latest_correction = LogEntry.objects.filter(corrects=OuterRef("pk")).order_by("-number")
    qs = logbook(incident, process=process, team=team, after=after).annotate(
        corrected_in=Subquery(latest_correction.values("number")[:1])
    )
    rows = qs.values_list(
        "number",
        "at",
        "kind",
        "author_name",
        "function__code",
        "team",
        "process",
        "corrects__number",
        "text",
        "attachment",
        "attachment_name",
        "corrected_in",
    )
    return [LogLine._make(row) for row in rows]


def actions(incident: Incident, *, open_only: bool = False) -> QuerySet[Action]:
    qs = incident.actions.select_related("owner_function", "decision").order_by("deadline", "pk")
    if open_only:
        qs = qs.filter(status__in=OPEN_ACTION_STATUSES)
    return qs


def latest_report(incident: Incident, *, released: bool = False) -> SituationReport | None:
    qs = incident.reports.all()
    if released:
        qs = qs.filter(status__in=[ReportStatus.APPROVED, ReportStatus.PUBLISHED])
    return qs.order_by("-version").first()


@dataclass
class Handover:
    function: Function
    since: dt.datetime
    open_actions: list[Action]
    report: SituationReport | None
    entries: list[LogEntry]


def handover(incident: Incident, function: Function) -> Handover:
    """What whoever takes over a function needs: its open actions, the last released
    situation report, and the function's own log since it first appears (or the start)."""
    own = incident.log.filter(function=function).select_related("function").order_by("number")
    last_handover = own.filter(kind=EntryKind.HANDOVER).order_by("-number").first()
    start = last_handover or own.first()
    since = start.at if start is not None else incident.started_at
    return Handover(
        function=function,
        since=since,
        open_actions=list(actions(incident, open_only=True).filter(owner_function=function)),
        report=latest_report(incident, released=True),
        entries=list(own),
    )


def overdue_count(incident: Incident) -> int:
    return incident.actions.filter(
        status__in=OPEN_ACTION_STATUSES, deadline__lt=timezone.now()
    ).count()


def incident_teams(incident: Incident) -> list[str]:
    """The teams one may name in this incident: the standard ones and every team for the
    occasion it has had."""
    custom: list[str] = []
    for names in incident.scaling.values_list("custom_teams", flat=True):
        custom.extend(n for n in names if n not in custom)
    return [*Team.values, *custom]


def teams_per_level(region: Region) -> dict[int, list[str]]:
    """Per GRIP level, the teams the region's alert rules tie to it (from the rooms that
    keep the rules, through `hooks.registry.level_teams`)."""
    result: dict[int, list[str]] = {}
    for provider in registry.level_teams:
        for level, teams in provider(region).items():
            known = result.setdefault(level, [])
            known.extend(t for t in teams if t not in known)
    return result
