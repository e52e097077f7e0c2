"""Reads of part "network": the directory grouped by role, each body's meetings in a year
with the warning when the body is behind its minimum (`constants.MINIMUM_MEETINGS`, and the
network's rule of a meeting in spring and one in autumn), and the advisory questions with
the overdue ones marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.learning.constants import (
    MINIMUM_MEETINGS,
    AdviceKind,
    AdviceStatus,
    Body,
    MeetingStatus,
    NetworkRole,
)
from oranje.learning.models import AdvisoryQuestion, Meeting, NetworkMember

# --- the directory -------------------------------------------------------------------------

#: The directory's order of roles: the chair first, the regions' people, then the rest.
ROLE_ORDER = [
    NetworkRole.CHAIR,
    NetworkRole.DEPUTY,
    NetworkRole.SECRETARY,
    NetworkRole.OFFICIAL,
    NetworkRole.PORTFOLIO,
    NetworkRole.COORDINATOR,
    NetworkRole.SUPPORT,
]


@dataclass
class RoleGroup:
    role: str
    label: str
    members: list[NetworkMember]


@dataclass(frozen=True)
class DirectoryFilter:
    role: str = ""
    region_id: int | None = None
    body: str = ""
    text: str = ""
    former: bool = False


def directory(f: DirectoryFilter | None = None) -> list[RoleGroup]:
    """The directory's lines by role (in `ROLE_ORDER`), current members only unless
    `former`; roles without lines are left out."""
    f = f or DirectoryFilter()
    today = timezone.localdate()
    rows = NetworkMember.objects.select_related("region").order_by("region__code", "name", "pk")
    if not f.former:
        rows = rows.filter(Q(until__isnull=True) | Q(until__gte=today))
    if f.role:
        rows = rows.filter(role=f.role)
    if f.region_id is not None:
        rows = rows.filter(region_id=f.region_id)
    if f.text:
        rows = rows.filter(
            Q(name__icontains=f.text)
            | Q(organisation__icontains=f.text)
            | Q(portfolio__icontains=f.text)
        )
    members = list(rows)
    if f.body:
        members = [m for m in members if f.body in (m.bodies or [])]
    labels = dict(NetworkRole.choices)
    groups = []
    for role in ROLE_ORDER:
        found = [m for m in members if m.role == role.value]
        if found:
            groups.append(RoleGroup(role.value, str(labels[role.value]), found))
    return groups


def body_labels(member: NetworkMember) -> list[str]:
    labels = dict(Body.choices)
    return [str(labels[b]) for b in member.bodies or [] if b in labels]


def current_members(keep_id: int | None = None) -> QuerySet[NetworkMember]:
    """The directory's current lines (and `keep_id`, an owner who has since left)."""
    today = timezone.localdate()
    return (
        NetworkMember.objects.filter(
            Q(until__isnull=True) | Q(until__gte=today) | Q(pk=keep_id or 0)
        )
        .select_related("region")
        .order_by("name", "pk")
    )


# --- meetings ------------------------------------------------------------------------------

#: Each body's sentence for the warning (the subject decides the verb's number in Dutch).
_BEHIND = {
    Body.NETWORK: gettext_lazy(
        "The national network met %(held)s time(s) %(when)s; at least %(minimum)s a year"
    ),
    Body.PORTFOLIO: gettext_lazy(
        "The portfolio holders met %(held)s time(s) %(when)s; at least %(minimum)s a year"
    ),
    Body.COORDINATORS: gettext_lazy(
        "The national meeting of coordinators met %(held)s time(s) %(when)s; at least "
        "%(minimum)s a year"
    ),
}


@dataclass
class BodyYear:
    """One body's meetings in one year and whether it keeps its minimum."""

    body: str
    label: str
    year: int
    minimum: int
    meetings: list[Meeting] = field(default_factory=list)
    held: int = 0
    to_come: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def behind(self) -> bool:
        return bool(self.warnings)


def _half(day: dt.date) -> str:
    return "spring" if day.month <= 6 else "autumn"


def body_year(body: Body, year: int, meetings: list[Meeting], today: dt.date) -> BodyYear:
    """Count what was held and what is still planned to come (a planned meeting whose day
    has passed counts as neither: its status was not kept), and warn when the two together
    fall short of the minimum, or (the network) when spring or autumn has no meeting."""
    minimum = MINIMUM_MEETINGS[body]
    row = BodyYear(body.value, str(body.label), year, minimum, meetings)
    counted: list[Meeting] = []
    for m in meetings:
        if m.status == MeetingStatus.HELD:
            row.held += 1
            counted.append(m)
        elif m.status == MeetingStatus.PLANNED and m.held_on >= today:
            row.to_come += 1
            counted.append(m)
    when = _("this year") if year == today.year else _("in %(year)s") % {"year": year}
    if row.held + row.to_come < minimum and year <= today.year + 1:
        text = str(_BEHIND[body]) % {"held": row.held, "when": when, "minimum": minimum}
        if row.to_come:
            text += " " + _("(%(n)s more planned).") % {"n": row.to_come}
        elif year >= today.year:
            text += " " + _("(nothing more planned).")
        else:
            text += "."
        row.warnings.append(text)
    if body == Body.NETWORK and year <= today.year:
        halves = {_half(m.held_on) for m in counted}
        if "spring" not in halves:
            row.warnings.append(
                _("The network meets in spring and in autumn: %(when)s it has no spring meeting.")
                % {"when": when}
            )
        if "autumn" not in halves:
            row.warnings.append(
                _("The network meets in spring and in autumn: %(when)s it has no autumn meeting.")
                % {"when": when}
                if year < today.year or today.month > 6
                else _("The network meets in spring and in autumn: plan its autumn meeting.")
            )
    return row


def meetings_overview(year: int, body: str = "") -> list[BodyYear]:
    """Each body (or the one asked for) with its meetings of `year`, earliest first."""
    today = timezone.localdate()
    meetings = list(Meeting.objects.filter(held_on__year=year).order_by("held_on", "pk"))
    rows = []
    for b in Body:
        if body and b.value != body:
            continue
        rows.append(body_year(b, year, [m for m in meetings if m.body == b.value], today))
    return rows


def meeting_years() -> list[int]:
    years = {d.year for d in Meeting.objects.dates("held_on", "year")}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


# --- advisory questions --------------------------------------------------------------------


def is_overdue(advice: AdvisoryQuestion, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        advice.status == AdviceStatus.OPEN
        and advice.deadline is not None
        and advice.deadline < today
    )


@dataclass(frozen=True)
class AdviceFilter:
    kind: str = ""
    status: str = ""
    overdue: bool = False


def advice_list(f: AdviceFilter | None = None) -> list[AdvisoryQuestion]:
    f = f or AdviceFilter()
    # Open questions first (the status codes sort "answered" before "open"), then by
    # deadline (none last).
    rows = AdvisoryQuestion.objects.select_related("owner", "meeting").order_by(
        Case(When(status=AdviceStatus.OPEN, then=Value(0)), default=Value(1)),
        F("deadline").asc(nulls_last=True),
        "pk",
    )
    if f.kind in AdviceKind.values:
        rows = rows.filter(kind=f.kind)
    if f.status in AdviceStatus.values:
        rows = rows.filter(status=f.status)
    today = timezone.localdate()
    if f.overdue:
        rows = rows.filter(status=AdviceStatus.OPEN, deadline__lt=today)
    found = list(rows)
    for a in found:
        a.overdue = is_overdue(a, today)  # type: ignore[attr-defined]
    return found
