"""Reads of the information and advice centre (IAC): the case list with its filters, the open
follow-ups by due date, and the figures — per ISO week since the incident's start: new cases,
open cases by theme and overdue follow-ups at the end of the week, contacts by kind — counted
by the database (a few aggregate queries, whatever the number of cases).

Callers pass a queryset that access already narrowed (`access.cases_for_user`) for lists with
names; the figures are counts only and are for everyone who sees the incident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    TextField,
)
from django.db.models.functions import Cast, TruncWeek
from django.utils import timezone

from oranje.aftercare.constants import CaseStatus, ContactKind, Theme
from oranje.aftercare.models import IacCase, IacContact, IacFollowUp
from oranje.core.validation import local_zone
from oranje.incidents.models import Incident

#: The most weeks the figures show (the newest); an aftercare of two years is long.
WEEKS_MAX = 104


@dataclass(frozen=True)
class CaseFilter:
    status: str = ""
    theme: str = ""
    limited_mobility: bool = False
    overdue: bool = False
    search: str = ""


def _theme_q(theme: str) -> Q:
    """Cases whose themes include `theme`: the JSON list as text contains '"theme"' — the
    same on SQLite and PostgreSQL (SQLite has no JSON `contains`)."""
    return Q(themes_text__contains=f'"{theme}"')


def _overdue_follow_ups(today: dt.date) -> Exists:
    return Exists(
        IacFollowUp.objects.filter(case=OuterRef("pk"), done_at__isnull=True, due_on__lt=today)
    )


def case_list(cases: QuerySet[IacCase], chosen: CaseFilter) -> QuerySet[IacCase]:
    """The cases, filtered, with the number of open and overdue follow-ups and the next due
    date; open cases first, then by number."""
    today = timezone.localdate()
    rows = cases.annotate(
        themes_text=Cast("themes", TextField()),
        open_follow_ups=Count("follow_ups", filter=Q(follow_ups__done_at__isnull=True)),
        overdue_follow_ups=Count(
            "follow_ups",
            filter=Q(follow_ups__done_at__isnull=True, follow_ups__due_on__lt=today),
        ),
    )
    if chosen.status:
        rows = rows.filter(status=chosen.status)
    if chosen.theme:
        rows = rows.filter(_theme_q(chosen.theme))
    if chosen.limited_mobility:
        rows = rows.filter(limited_mobility=True)
    if chosen.overdue:
        rows = rows.filter(_overdue_follow_ups(today))
    search = " ".join(chosen.search.split())[:100]
    if search:
        code = search.replace(" ", "").upper()
        q = Q(household_name__icontains=search)
        if len(code) >= 4 and code[:4].isdigit():
            q |= Q(postcode__startswith=code[:6])
        if search.isdigit() and len(search) <= 9:
            q |= Q(number=int(search))
        rows = rows.filter(q)
    return rows.order_by("-status", "number")


def open_follow_ups(
    incident: Incident, *, cases: QuerySet[IacCase], assigned_to: int | None = None
) -> QuerySet[IacFollowUp]:
    """The open follow-ups of the cases the user may see, by due date (overdue first)."""
    rows = IacFollowUp.objects.filter(
        case__in=cases.filter(incident=incident), done_at__isnull=True
    ).select_related("case", "assigned_to")
    if assigned_to is not None:
        rows = rows.filter(assigned_to_id=assigned_to)
    return rows.order_by("due_on", "pk")


@dataclass
class Week:
    """One ISO week of the figures."""

    start: dt.date
    year: int
    number: int
    new: int = 0
    open_total: int = 0
    open_by_theme: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    contacts: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def contacts_total(self) -> int:
        return sum(self.contacts.values())


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _week_end(start: dt.date, now: dt.datetime) -> dt.datetime:
    """The end of the week starting `start` (Monday 00:00 after it, Amsterdam), or now for
    the running week."""
    end = dt.datetime.combine(start + dt.timedelta(days=7), dt.time(0), tzinfo=local_zone())
    return min(end, now)


def weekly_figures(incident: Incident, now: dt.datetime | None = None) -> list[Week]:
    """The IAC's figures per ISO week from the incident's start to now (or its closure)."""
    now = now or timezone.now()
    if incident.closed_at is not None:
        now = min(now, incident.closed_at)
    zone = local_zone()
    first = _monday(timezone.localtime(incident.started_at, zone).date())
    last = _monday(timezone.localtime(now, zone).date())
    starts: list[dt.date] = []
    day = max(first, last - dt.timedelta(weeks=WEEKS_MAX - 1))
    while day <= last:
        starts.append(day)
        day += dt.timedelta(weeks=1)
    weeks = {s: Week(s, *s.isocalendar()[:2]) for s in starts}
    if not starts:
        return []
    cases = IacCase.objects.filter(incident=incident)

    # New cases and contacts: grouped by the week they fall in (one query each).
    for row in (
        cases.annotate(week=TruncWeek("opened_at", tzinfo=zone))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        start = _as_date(row["week"])
        if start in weeks:
            weeks[start].new = row["n"]
    for row in (
        IacContact.objects.filter(case__incident=incident)
        .annotate(week=TruncWeek("at", tzinfo=zone))
        .values("week", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        start = _as_date(row["week"])
        if start in weeks:
            weeks[start].contacts[row["kind"]] = row["n"]

    # Open cases by theme at each week's end: one query with a filtered count per week and
    # theme. Open at a moment: opened before it, not closed before it.
    themed = cases.annotate(themes_text=Cast("themes", TextField()))
    counts: dict[str, Count] = {}
    for start in starts:
        end = _week_end(start, now)
        open_then = Q(opened_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
        counts[f"t_{start:%Y%m%d}"] = Count("pk", filter=open_then)
        for theme in Theme.values:
            counts[f"{theme}_{start:%Y%m%d}"] = Count("pk", filter=open_then & _theme_q(theme))
    figures = themed.aggregate(**counts) if counts else {}

    # Overdue follow-ups at each week's end: due before that day, not done by then.
    follow_ups = IacFollowUp.objects.filter(case__incident=incident)
    overdue: dict[str, Count] = {}
    for start in starts:
        end = _week_end(start, now)
        overdue[f"o_{start:%Y%m%d}"] = Count(
            "pk",
            filter=Q(created_at__lt=end, due_on__lt=timezone.localtime(end, zone).date())
            & (Q(done_at__isnull=True) | Q(done_at__gte=end)),
        )
    late = follow_ups.aggregate(**overdue)

    for start, week in weeks.items():
        key = f"{start:%Y%m%d}"
        week.open_total = figures.get(f"t_{key}", 0)
        week.open_by_theme = {t: figures.get(f"{t}_{key}", 0) for t in Theme.values}
        week.overdue = late.get(f"o_{key}", 0)
        week.contacts = {k: week.contacts.get(k, 0) for k in ContactKind.values}
    return [weeks[s] for s in starts]


def _as_date(value: dt.datetime | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value, local_zone()).date()
            if timezone.is_aware(value)
            else value.date()
        )
    return value


@dataclass(frozen=True)
class Summary:
    """The IAC in a few numbers (the aftercare home page; no names)."""

    total: int
    open: int
    limited_mobility: int
    overdue: int
    new_this_week: int


def summary(incident: Incident) -> Summary:
    today = timezone.localdate()
    monday = dt.datetime.combine(_monday(today), dt.time(0), tzinfo=local_zone())
    row = IacCase.objects.filter(incident=incident).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=CaseStatus.OPEN)),
        limited=Count("pk", filter=Q(status=CaseStatus.OPEN, limited_mobility=True)),
        new=Count("pk", filter=Q(opened_at__gte=monday)),
    )
    overdue = IacFollowUp.objects.filter(
        case__incident=incident, done_at__isnull=True, due_on__lt=today
    ).count()
    return Summary(
        total=row["total"],
        open=row["open"],
        limited_mobility=row["limited"],
        overdue=overdue,
        new_this_week=row["new"],
    )
