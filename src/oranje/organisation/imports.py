"""Roster import from a spreadsheet (CSV or .xlsx): every bad row reported, nothing kept of a
failed batch.

Columns (header names are case-insensitive; Dutch or English):
  email / e-mail / persoon   the functionary's e-mail address
  functie / function         function code, e.g. OVD-BZ
  pool                       the pool's name in this region
  soort / kind               hard or zacht (soft)
  begin / start              date and time, Amsterdam time (2026-12-07 08:00 or 7-12-2026 08:00)
  einde / eind / end         date and time
  opmerking / note           optional
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core import tabular
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.core.tabular import ImportReport, RowError
from oranje.core.validation import parse_local_datetime
from oranje.organisation import errors, qualification
from oranje.organisation.access import can_manage_pool
from oranje.organisation.constants import OnCallKind, ShiftSource
from oranje.organisation.models import Function, OnCallShift, Person, Pool, Unavailability
from oranje.organisation.services import Interval, shift_problems

COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "persoon", "person"),
    "function": ("functie", "function"),
    "pool": ("pool",),
    "kind": ("soort", "kind", "piket"),
    "starts_at": ("begin", "start", "starts_at"),
    "ends_at": ("einde", "eind", "end", "ends_at"),
    "note": ("opmerking", "note"),
}
REQUIRED = ("email", "function", "pool", "kind", "starts_at", "ends_at")
KINDS = {"hard": OnCallKind.HARD, "zacht": OnCallKind.SOFT, "soft": OnCallKind.SOFT}
FIELD_LABELS = {
    "email": "email",
    "function": "functie",
    "pool": "pool",
    "kind": "soort",
    "starts_at": "begin",
    "ends_at": "einde",
    "person": "email",
    "file": "bestand",
}


def read_table(stream: IO[bytes], filename: str) -> list[tuple[int, dict[str, object]]]:
    """Rows of a roster spreadsheet as (line number, {column: value})."""
    return tabular.read_table(stream, filename, columns=COLUMNS, required=REQUIRED)


def roster_import(
    *,
    actor: User,
    region: Region,
    rows: list[tuple[int, dict[str, object]]],
    filename: str = "",
) -> ImportReport:
    """Validate every row against the roster rules; create all shifts or none.

    Rows are checked against the database and against each other (one person twice at the
    same time in the file is an error too). Loads what it needs in a few queries so that a
    year of a large region (10,000 rows) imports in seconds.
    """
    core_access.require(core_access.can_manage_anything(actor, region.pk))
    report = ImportReport()

    def bad(line: int, field_name: str, message: str) -> None:
        report.errors.append(RowError(line, FIELD_LABELS.get(field_name, field_name), message))

    people = {p.email: p for p in Person.objects.filter(region=region)}
    functions = {f.code.upper(): f for f in Function.objects.all()}
    pools = {p.name.strip().lower(): p for p in Pool.objects.filter(region=region)}
    pool_functions: dict[int, set[int]] = defaultdict(set)
    for pool_id, function_id in Pool.functions.through.objects.filter(
        pool__region=region
    ).values_list("pool_id", "function_id"):
        pool_functions[pool_id].add(function_id)
    pool_members: dict[int, set[int]] = defaultdict(set)
    for pool_id, person_id in Pool.members.through.objects.filter(pool__region=region).values_list(
        "pool_id", "person_id"
    ):
        pool_members[pool_id].add(person_id)
    person_functions: dict[int, set[int]] = defaultdict(set)
    for person_id, function_id in Person.functions.through.objects.filter(
        person__region=region
    ).values_list("person_id", "function_id"):
        person_functions[person_id].add(function_id)
    manageable = {pool.pk: can_manage_pool(actor, pool) for pool in pools.values()}
    qualified = qualification.qualified_until(
        (person_id, function_id)
        for person_id, function_ids in person_functions.items()
        for function_id in function_ids
    )

    parsed: list[tuple[int, OnCallShift]] = []
    for line, values in rows:
        row_ok = True
        email = str(values.get("email") or "").strip().lower()
        person = people.get(email)
        if person is None:
            bad(line, "email", str(errors.IMPORT_UNKNOWN_PERSON % {"value": email}))
            row_ok = False
        code = str(values.get("function") or "").strip().upper()
        function = functions.get(code)
        if function is None:
            bad(line, "function", str(errors.IMPORT_UNKNOWN_FUNCTION % {"value": code}))
            row_ok = False
        pool_name = str(values.get("pool") or "").strip()
        pool = pools.get(pool_name.lower())
        if pool is None:
            bad(line, "pool", str(errors.IMPORT_UNKNOWN_POOL % {"value": pool_name}))
            row_ok = False
        elif not manageable[pool.pk]:
            bad(
                line,
                "pool",
                _("You may not change the roster of pool %(pool)s.") % {"pool": pool.name},
            )
            row_ok = False
        kind_text = str(values.get("kind") or "").strip().lower()
        kind = KINDS.get(kind_text)
        if kind is None:
            bad(line, "kind", str(errors.IMPORT_BAD_KIND % {"value": kind_text}))
            row_ok = False
        moments: dict[str, dt.datetime] = {}
        for key in ("starts_at", "ends_at"):
            try:
                moments[key] = parse_local_datetime(values.get(key))
            except ValidationError as exc:
                bad(line, key, exc.messages[0])
                row_ok = False
        if not row_ok:
            continue
        assert person and function and pool and kind
        problems = shift_problems(
            pool=pool,
            function=function,
            person=person,
            kind=kind,
            starts_at=moments["starts_at"],
            ends_at=moments["ends_at"],
            pool_function_ids=pool_functions[pool.pk],
            pool_member_ids=pool_members[pool.pk],
            person_function_ids=person_functions[person.pk],
            busy=(),
            unavailable=(),
            qualified_until=qualified.get((person.pk, function.pk)),
        )
        for field_name, messages in problems.items():
            for message in messages:
                bad(line, field_name, message)
        if problems:
            continue
        note = str(values.get("note") or "").strip()[:255]
        parsed.append(
            (
                line,
                OnCallShift(
                    pool=pool,
                    function=function,
                    person=person,
                    kind=kind,
                    starts_at=moments["starts_at"],
                    ends_at=moments["ends_at"],
                    note=note,
                    source=ShiftSource.IMPORT,
                    created_by=actor,
                ),
            )
        )

    with transaction.atomic():
        if parsed:
            _check_conflicts(parsed, bad)
        if report.errors:
            report.errors.sort(key=lambda e: (e.line, e.field))
            return report
        OnCallShift.objects.bulk_create([shift for _line, shift in parsed], batch_size=1000)
        report.created = len(parsed)
        audit_record(
            actor=actor,
            action=AuditAction.SHIFT_IMPORT,
            object_type="oncallshift",
            region=region,
            changes={"created": [0, report.created]},
            note=filename,
        )
    return report


def _check_conflicts(
    parsed: list[tuple[int, OnCallShift]], bad: Callable[[int, str, str], None]
) -> None:
    """Overlaps with the roster and unavailability in the database, and within the file."""
    by_person: dict[int, list[tuple[int, OnCallShift]]] = defaultdict(list)
    for line, shift in parsed:
        by_person[shift.person_id].append((line, shift))
    earliest = min(s.starts_at for _l, s in parsed)
    latest = max(s.ends_at for _l, s in parsed)
    person_ids = list(by_person)
    existing: dict[int, list[Interval]] = defaultdict(list)
    for chunk_start in range(0, len(person_ids), 500):
        chunk = person_ids[chunk_start : chunk_start + 500]
        for person_id, starts, ends, code in (
            OnCallShift.objects.select_for_update()
            .filter(person_id__in=chunk, starts_at__lt=latest, ends_at__gt=earliest)
            .values_list("person_id", "starts_at", "ends_at", "function__code")
        ):
            existing[person_id].append(Interval(starts, ends, code))
    gone: dict[int, list[Interval]] = defaultdict(list)

    for chunk_start in range(0, len(person_ids), 500):
        chunk = person_ids[chunk_start : chunk_start + 500]
        for item in Unavailability.objects.filter(
            person_id__in=chunk, starts_at__lt=latest, ends_at__gt=earliest
        ):
            gone[item.person_id].append(
                Interval(item.starts_at, item.ends_at, str(item.get_reason_display()))
            )
    for person_id, items in by_person.items():
        items.sort(key=lambda pair: pair[1].starts_at)
        previous: tuple[int, OnCallShift] | None = None
        for line, shift in items:
            if previous is not None and previous[1].ends_at > shift.starts_at:
                bad(line, "starts_at", str(errors.IMPORT_OVERLAP_IN_FILE % {"line": previous[0]}))
            if previous is None or shift.ends_at > previous[1].ends_at:
                previous = (line, shift)
            problems = shift_problems(
                pool=shift.pool,
                function=shift.function,
                person=shift.person,
                kind=shift.kind,
                starts_at=shift.starts_at,
                ends_at=shift.ends_at,
                pool_function_ids={shift.function_id},
                pool_member_ids={person_id},
                person_function_ids={shift.function_id},
                busy=existing.get(person_id, ()),
                unavailable=gone.get(person_id, ()),
            )
            for field_name, messages in problems.items():
                for message in messages:
                    bad(line, field_name, message)
