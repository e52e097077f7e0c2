"""Reads of the readiness room: passport, matrix, national counts, alarm test report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core.models import Region, User
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Function, Person, Pool, RegionFunction
from oranje.readiness.constants import (
    LAPSE_WARNING_DAYS,
    REMINDER_DAYS,
    AlarmAnswer,
    ReadinessStatus,
)
from oranje.readiness.evaluation import FOREVER, RequirementSpec, status_on
from oranje.readiness.models import (
    AlarmRecipient,
    AlarmTest,
    PersonQualification,
    QualificationProfile,
    ReminderSent,
    Requirement,
)


@dataclass
class RequirementLine:
    label: str
    state: str  # one of ReadinessStatus
    reason: str


@dataclass
class PassportRow:
    function: Function
    status: str
    status_label: str
    qualified_until: dt.date | None
    reason: str
    requirements: list[RequirementLine] = field(default_factory=list)


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _when(day: dt.date) -> str:
    return date_format(day, "j-n-Y")


def _requirement_line(data: dict, today: dt.date) -> RequirementLine:
    met_until = _day(data.get("met_until"))
    last_on = _day(data.get("last_on"))
    state = status_on(met_until, today)
    label = data["label"]
    if state == ReadinessStatus.NOT_QUALIFIED:
        reason = (
            _("%(label)s: not yet met (last record %(date)s)")
            % {"label": label, "date": _when(last_on)}
            if last_on
            else _("%(label)s: missing") % {"label": label}
        )
    elif state == ReadinessStatus.LAPSED:
        assert met_until is not None
        reason = _("%(label)s: lapsed since %(date)s") % {
            "label": label,
            "date": _when(met_until + dt.timedelta(days=1)),
        }
    elif met_until == FOREVER:
        reason = _("%(label)s: met, does not lapse") % {"label": label}
    else:
        assert met_until is not None
        reason = _("%(label)s: met until %(date)s") % {"label": label, "date": _when(met_until)}
    unaccredited_on = _day(data.get("unaccredited_on"))
    if unaccredited_on and state in (ReadinessStatus.NOT_QUALIFIED, ReadinessStatus.LAPSED):
        reason += " " + _(
            "(the result of %(date)s does not count: its provider was not accredited for "
            "this code on that date)"
        ) % {"date": _when(unaccredited_on)}
    return RequirementLine(label, state, reason)


def _row(function: Function, q: PersonQualification | None, today: dt.date) -> PassportRow:
    labels = dict(ReadinessStatus.choices)
    if q is None:
        return PassportRow(
            function,
            "",
            _("no requirements set"),
            FOREVER,
            _("This function has no qualification profile yet."),
        )
    lines = [_requirement_line(r, today) for r in q.requirements]
    status = status_on(q.qualified_until, today)
    problems = [
        line.reason
        for line in lines
        if line.state in (ReadinessStatus.LAPSED, ReadinessStatus.NOT_QUALIFIED)
    ]
    soon = [line.reason for line in lines if line.state == ReadinessStatus.LAPSES_SOON]
    if problems:
        reason = "; ".join(problems)
    elif soon:
        reason = "; ".join(soon)
    elif q.qualified_until == FOREVER:
        reason = _("All requirements met; nothing lapses.")
    else:
        assert q.qualified_until is not None
        reason = _("All requirements met until %(date)s.") % {"date": _when(q.qualified_until)}
    return PassportRow(function, status, str(labels[status]), q.qualified_until, reason, lines)


def passport(person: Person, today: dt.date) -> list[PassportRow]:
    """Per function the person holds: the status on `today` and why, requirement by requirement."""
    from oranje.organisation import qualification

    functions = list(person.functions.order_by("sort_order"))
    qualification.qualified_until((person.pk, f.pk) for f in functions)  # fills missing rows
    stored = {q.function_id: q for q in PersonQualification.objects.filter(person=person)}
    return [_row(f, stored.get(f.pk), today) for f in functions]


#: The cell of a civil servant without a path: they hold the function but are on no
#: qualification path, so they are shown apart and not as "not qualified".
WITHOUT_PATH = "without_path"


@dataclass
class MatrixColumn:
    function: Function
    qualified: int = 0
    lapsing: int = 0
    minimum: int = 0
    #: Civil servants without a path who hold the function: not counted against the minimum.
    without_path: int = 0

    @property
    def short(self) -> bool:
        return self.qualified + self.lapsing < self.minimum


@dataclass
class Matrix:
    columns: list[MatrixColumn]
    rows: list[tuple[Person, list[str]]]  # person, status per column ("" where not held)
    next_lapses: list[tuple[Person, Function, dt.date]]
    #: Civil servants without a path, apart: person, WITHOUT_PATH per column where held.
    civil_rows: list[tuple[Person, list[str]]] = field(default_factory=list)


def matrix(
    region: Region,
    today: dt.date,
    *,
    pool: Pool | None = None,
    function_codes: list[str] | None = None,
) -> Matrix:
    """People × functions with each cell's status, counts against the region's minimum of
    qualified people, and who lapses next. A fixed number of queries for any region size.

    Only key-function holders count against the minimum; civil servants without a path are
    listed apart (`civil_rows`, counted per column as `without_path`)."""
    people_qs = Person.objects.filter(region=region, active=True)
    if pool is not None:
        people_qs = people_qs.filter(pools=pool)
    people = list(people_qs.order_by("surname", "given_name"))
    ids = [p.pk for p in people]
    held: dict[int, set[int]] = defaultdict(set)
    for person_id, function_id in Person.functions.through.objects.filter(
        person_id__in=ids
    ).values_list("person_id", "function_id"):
        held[person_id].add(function_id)
    all_held = set().union(*held.values()) if held else set()
    functions = Function.objects.filter(pk__in=all_held)
    if function_codes:
        functions = functions.filter(code__in=function_codes)
    function_list = list(functions.order_by("sort_order"))
    from oranje.organisation import qualification

    civil_ids = {p.pk for p in people if p.kind == PersonKind.CIVIL}
    pairs = [(p, f.pk) for p in ids if p not in civil_ids for f in function_list if f.pk in held[p]]
    until = qualification.qualified_until(pairs)
    minimums = dict(
        RegionFunction.objects.filter(region=region).values_list("function_id", "min_qualified")
    )
    columns = [MatrixColumn(f, minimum=minimums.get(f.pk, 0)) for f in function_list]
    rows = []
    lapses: list[tuple[Person, Function, dt.date]] = []
    soon = today + dt.timedelta(days=LAPSE_WARNING_DAYS)
    civil_rows = []
    for person in people:
        if person.pk in civil_ids:
            marks = [WITHOUT_PATH if c.function.pk in held[person.pk] else "" for c in columns]
            for column, mark in zip(columns, marks, strict=True):
                column.without_path += bool(mark)
            if any(marks):
                civil_rows.append((person, marks))
            continue
        cells = []
        for column in columns:
            key = (person.pk, column.function.pk)
            if key not in until:
                cells.append("")
                continue
            status = status_on(until[key], today)
            cells.append(status)
            if status == ReadinessStatus.QUALIFIED:
                column.qualified += 1
            elif status == ReadinessStatus.LAPSES_SOON:
                column.lapsing += 1
            day = until[key]
            if day is not None and today <= day < soon:
                lapses.append((person, column.function, day))
        if any(cells):
            rows.append((person, cells))
    lapses.sort(key=lambda item: item[2])
    return Matrix(columns, rows, lapses[:15], civil_rows)


def national_counts(today: dt.date) -> list[dict]:
    """Per function, across all regions: of the key-function holders qualified, lapsing
    within 90 days, not qualified (lapsed or never), from the stored qualifications in one
    grouped query; and apart, the active civil servants without a path who hold it."""
    soon = today + dt.timedelta(days=LAPSE_WARNING_DAYS)
    # One through row per person and function: counting rows counts people.
    apart: dict[str, int] = defaultdict(int)
    for code in Person.functions.through.objects.filter(
        person__active=True, person__kind=PersonKind.CIVIL
    ).values_list("function__code", flat=True):
        apart[code] += 1
    rows = list(
        PersonQualification.objects.filter(person__active=True, person__kind=PersonKind.KEY)
        .values("function__code", "function__sort_order")
        .annotate(
            qualified=Count("pk", filter=Q(qualified_until__gte=soon)),
            lapsing=Count("pk", filter=Q(qualified_until__gte=today, qualified_until__lt=soon)),
            not_qualified=Count(
                "pk", filter=Q(qualified_until__isnull=True) | Q(qualified_until__lt=today)
            ),
        )
        .order_by("function__sort_order")
    )
    for row in rows:
        row["without_path"] = apart.pop(row["function__code"], 0)
    if apart:
        # Functions only civil servants hold: no qualification rows, still shown apart.
        order = dict(Function.objects.filter(code__in=apart).values_list("code", "sort_order"))
        for code, n in apart.items():
            rows.append(
                {
                    "function__code": code,
                    "function__sort_order": order.get(code, 0),
                    "qualified": 0,
                    "lapsing": 0,
                    "not_qualified": 0,
                    "without_path": n,
                }
            )
        rows.sort(key=lambda r: (r["function__sort_order"], r["function__code"]))
    return rows


@dataclass
class AlarmLine:
    recipient: AlarmRecipient
    response_minutes: float | None
    total_minutes: float | None  # answering + travelling
    within_norm: bool | None
    waiting: bool = False  # no answer yet, but the norm's time has not run out either


def alarm_report(test: AlarmTest) -> list[AlarmLine]:
    """Per recipient: how long until they answered, when they could be there, and whether
    that meets the function's response norm. Silence counts as a miss only once the norm's
    time has passed."""

    elapsed = (timezone.now() - test.started_at).total_seconds() / 60
    lines = []
    for recipient in test.recipients.select_related("person", "function"):
        response = total = None
        within = None
        if recipient.responded_at is not None:
            response = (recipient.responded_at - test.started_at).total_seconds() / 60
            if recipient.answer == AlarmAnswer.COMING and recipient.eta_minutes is not None:
                total = response + recipient.eta_minutes
                within = total <= recipient.norm_minutes if recipient.norm_minutes else None
            else:
                within = False if recipient.norm_minutes else None
        elif recipient.norm_minutes and elapsed > recipient.norm_minutes:
            within = False
        waiting = recipient.responded_at is None and within is None
        lines.append(AlarmLine(recipient, response, total, within, waiting))
    return lines


def current_requirements(
    function_ids: Iterable[int] | None = None,
) -> dict[tuple[int, int | None], list[RequirementSpec]]:
    """The requirements of the newest profile version per (function, region or None)."""
    profiles = QualificationProfile.objects.all()
    if function_ids is not None:
        profiles = profiles.filter(function_id__in=list(function_ids))
    newest: dict[tuple[int, int | None], int] = {}
    for pk, function_id, region_id, _version in profiles.order_by("version").values_list(
        "pk", "function_id", "region_id", "version"
    ):
        newest[(function_id, region_id)] = pk
    by_profile: dict[int, list[RequirementSpec]] = defaultdict(list)
    for r in Requirement.objects.filter(profile_id__in=newest.values()).order_by("id"):
        by_profile[r.profile_id].append(
            RequirementSpec(
                r.pk,
                r.kind,
                r.code,
                r.label,
                r.valid_months,
                r.min_count,
                r.min_hours,
                r.window_months,
                r.requires_accredited,
            )
        )
    return {key: by_profile[pk] for key, pk in newest.items()}


def effective_requirements(
    table: dict[tuple[int, int | None], list[RequirementSpec]], function_id: int, region_id: int
) -> list[RequirementSpec] | None:
    """National requirements plus the region's own on top; None if neither has a profile."""
    national = table.get((function_id, None))
    regional = table.get((function_id, region_id))
    if national is None and regional is None:
        return None
    return (national or []) + (regional or [])


def reminders_due(today: dt.date) -> list[tuple[PersonQualification, int]]:
    """Key-function holders' qualifications that lapse within 90 or 30 days and whose
    reminder did not go out."""
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    # Reminders go to key-function holders only: a civil servant has no path to keep up.
    candidates = PersonQualification.objects.filter(
        qualified_until__gte=today,
        qualified_until__lte=horizon,
        person__active=True,
        person__kind=PersonKind.KEY,
    ).select_related("person", "function", "person__region")
    sent = set(
        ReminderSent.objects.filter(qualified_until__gte=today).values_list(
            "person_id", "function_id", "qualified_until", "days_before"
        )
    )
    due = []
    for q in candidates:
        assert q.qualified_until is not None
        days_left = (q.qualified_until - today).days
        # The tightest threshold passed; an earlier one missed (e.g. a new record) is not sent late.
        threshold = min((d for d in REMINDER_DAYS if days_left <= d), default=None)
        if (
            threshold is not None
            and (q.person_id, q.function_id, q.qualified_until, threshold) not in sent
        ):
            due.append((q, threshold))
    return due


def reminder_recipients(qualification: PersonQualification) -> list[str]:
    """The person, and their coordinators: the coordinators of their pools for the function,
    else the coordinators of their region."""
    person = qualification.person
    emails = [person.email]
    pool_coordinators = list(
        Person.objects.filter(
            coordinated_pools__members=person,
            coordinated_pools__functions=qualification.function_id,
        ).values_list("email", flat=True)
    )
    if pool_coordinators:
        emails += pool_coordinators
    else:
        emails += list(
            User.objects.filter(
                Q(memberships__region=person.region_id)
                | Q(memberships__municipality__region=person.region_id),
                memberships__role="coordinator",
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return sorted(set(emails), key=emails.index)
