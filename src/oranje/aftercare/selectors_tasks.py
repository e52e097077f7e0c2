"""Reads of the aftercare tasks: the list per theme (filtered), the counts per theme, and the
progress over the weeks, computed from the tasks' status history (TaskEvent) by the
database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from oranje.aftercare.constants import OPEN_TASK_STATUSES, TaskStatus, Theme
from oranje.aftercare.models import Aftercare, AftercareTask, TaskEvent
from oranje.core.models import Membership, User
from oranje.core.validation import local_zone
from oranje.incidents.models import Incident

#: The most weeks the progress shows (the latest ones).
MAX_WEEKS = 52

_OPEN = [str(s) for s in OPEN_TASK_STATUSES]


@dataclass(frozen=True)
class TaskFilter:
    theme: str = ""
    #: "open" (open and in progress), "overdue", "done", a TaskStatus value, or "" for all.
    status: str = ""
    owner_id: int | None = None


def task_list(incident: Incident, f: TaskFilter | None = None) -> QuerySet[AftercareTask]:
    """The incident's tasks in theme order, earliest deadline first (none last)."""
    rows = AftercareTask.objects.filter(incident=incident).select_related("owner")
    f = f or TaskFilter()
    if f.theme:
        rows = rows.filter(theme=f.theme)
    today = timezone.localdate()
    if f.status == "open":
        rows = rows.filter(status__in=_OPEN)
    elif f.status == "overdue":
        rows = rows.filter(status__in=_OPEN, deadline__lt=today)
    elif f.status:
        rows = rows.filter(status=f.status)
    if f.owner_id is not None:
        rows = rows.filter(owner_id=f.owner_id)
    return rows.order_by("deadline", "pk")


def by_theme(tasks: QuerySet[AftercareTask]) -> list[tuple[str, str, list[AftercareTask]]]:
    """(theme, label, tasks) in the order of the themes, themes without tasks left out; each
    task gets `overdue` set."""
    today = timezone.localdate()
    groups: dict[str, list[AftercareTask]] = {}
    for task in tasks:
        task.overdue = task.status in _OPEN and task.deadline is not None and task.deadline < today  # type: ignore[attr-defined]
        groups.setdefault(task.theme, []).append(task)
    return [(t.value, str(t.label), groups[t.value]) for t in Theme if t.value in groups]


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    label: str
    open: int
    overdue: int
    done: int


def theme_counts(incident: Incident) -> list[ThemeCount]:
    """Per theme: open (incl. in progress), overdue, done; every theme, in their order."""
    today = timezone.localdate()
    rows = {
        r["theme"]: r
        for r in AftercareTask.objects.filter(incident=incident)
        .values("theme")
        .annotate(
            open=Count("pk", filter=Q(status__in=_OPEN)),
            overdue=Count("pk", filter=Q(status__in=_OPEN, deadline__lt=today)),
            done=Count("pk", filter=Q(status=TaskStatus.DONE)),
        )
    }
    return [
        ThemeCount(
            t.value,
            str(t.label),
            rows.get(t.value, {}).get("open", 0),
            rows.get(t.value, {}).get("overdue", 0),
            rows.get(t.value, {}).get("done", 0),
        )
        for t in Theme
    ]


def region_users(incident: Incident) -> QuerySet[User]:
    """Active users with a membership in the incident's region (possible task owners)."""
    mine = Membership.objects.filter(
        Q(region_id=incident.region_id) | Q(municipality__region_id=incident.region_id),
        user=OuterRef("pk"),
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Exists(mine))
        .order_by("last_name", "first_name", "username")
    )


@dataclass(frozen=True)
class Week:
    """One ISO week: the tasks open, done and overdue at its end (Sunday midnight)."""

    year: int
    week: int
    monday: dt.date
    open: int
    done: int
    overdue: int
    #: The week that runs now: counted up to now, not to its end.
    current: bool = False

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def on_time(self) -> int:
        return self.open - self.overdue


def progress_start(incident: Incident) -> dt.datetime:
    """Since when the progress counts: the nafase's start, else the incident's."""
    aftercare = Aftercare.objects.filter(incident=incident).first()
    return aftercare.started_at if aftercare is not None else incident.started_at


def weekly_progress(incident: Incident, *, now: dt.datetime | None = None) -> list[Week]:
    """Per ISO week since the start (at most the last MAX_WEEKS, the current week
    included): how many tasks were open, done and overdue at the end of that week, by the
    last status each task had then (one query: per week a subquery for the status). The
    week that runs now is counted up to now: what is overdue today, not on Sunday."""
    zone = local_zone()
    now = now or timezone.now()
    first = timezone.localtime(progress_start(incident), zone).date()
    last = timezone.localtime(now, zone).date()
    monday = first - dt.timedelta(days=first.weekday())
    mondays: list[dt.date] = []
    while monday <= last:
        mondays.append(monday)
        monday += dt.timedelta(days=7)
    mondays = mondays[-MAX_WEEKS:]
    if not mondays:
        return []
    tasks = AftercareTask.objects.filter(incident=incident)
    aggregates = {}
    for i, start in enumerate(mondays):
        next_monday = start + dt.timedelta(days=7)
        end = dt.datetime.combine(next_monday, dt.time(0, 0), tzinfo=zone)
        if end > now:
            # The running week: events up to now, overdue by today's date.
            end, next_monday = now, last
        status = Subquery(
            TaskEvent.objects.filter(task=OuterRef("pk"), at__lt=end)
            .order_by("-at", "-pk")
            .values("status")[:1]
        )
        tasks = tasks.annotate(**{f"s{i}": status})
        aggregates[f"open{i}"] = Count("pk", filter=Q(**{f"s{i}__in": _OPEN}))
        aggregates[f"done{i}"] = Count("pk", filter=Q(**{f"s{i}": TaskStatus.DONE}))
        aggregates[f"late{i}"] = Count(
            "pk", filter=Q(**{f"s{i}__in": _OPEN}, deadline__lt=next_monday)
        )
    found = tasks.aggregate(**aggregates)
    weeks = []
    for i, start in enumerate(mondays):
        year, week, _day = start.isocalendar()
        weeks.append(
            Week(
                year,
                week,
                start,
                found[f"open{i}"],
                found[f"done{i}"],
                found[f"late{i}"],
                current=start + dt.timedelta(days=7) > last,
            )
        )
    return weeks
