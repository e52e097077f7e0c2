"""Grouping recurring findings into patterns (`learning.patterns` does the grouping): the
patterns and every finding's `pattern` are rewritten as a whole in one transaction, so a
reader sees the old grouping or the new one, never half. A pattern keeps its row (and its
address) across rebuilds while the same finding leads it; patterns no longer found go.

Run by the worker's hourly upkeep, by "Group again" on the patterns page (audited) and by
`oranje learning_patterns`."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.learning import access
from oranje.learning.models import Finding, Pattern
from oranje.learning.patterns import Group, Item, group_findings

log = logging.getLogger(__name__)

#: Rows per UPDATE / INSERT statement.
BATCH = 500
#: PostgreSQL advisory lock held by a regrouping ("16" for the issue, "1" for patterns).
LOCK_KEY = 16_000_001


def _one_at_a_time() -> None:
    """Two regroupings at once (the worker and the button) would both insert the same new
    keys: the second waits for the first. SQLite's transactions already take the write lock
    at their start (settings: IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _items() -> tuple[list[Item], dict[int, int | None]]:
    """Every finding as the grouping sees it, and the pattern each has now."""
    rows = Finding.objects.values_list(
        "pk",
        "process",
        "kind",
        "text",
        "norm__code",
        "evaluation__incident_id",
        "evaluation__exercise_id",
        "evaluation__region_id",
        "pattern_id",
    ).order_by("pk")
    items: list[Item] = []
    current: dict[int, int | None] = {}
    for pk, process, kind, text, norm_code, incident_id, exercise_id, region_id, pattern in rows:
        occasion = f"i{incident_id}" if incident_id is not None else f"e{exercise_id}"
        items.append(Item(pk, process, kind, text, norm_code or "", occasion, region_id))
        current[pk] = pattern
    return items, current


def _same(pattern: Pattern, group: Group) -> bool:
    return (
        pattern.process,
        pattern.kind,
        pattern.norm_code,
        pattern.label,
        pattern.terms,
        pattern.finding_count,
        pattern.incident_count,
        pattern.region_count,
    ) == (
        group.process,
        group.kind,
        group.norm_code,
        group.label,
        group.terms,
        group.finding_count,
        group.incident_count,
        group.region_count,
    )


def _fill(pattern: Pattern, group: Group, now: object) -> Pattern:
    pattern.process = group.process
    pattern.kind = group.kind
    pattern.norm_code = group.norm_code[: Pattern._meta.get_field("norm_code").max_length or 30]
    pattern.label = group.label
    pattern.terms = group.terms
    pattern.finding_count = group.finding_count
    pattern.incident_count = group.incident_count
    pattern.region_count = group.region_count
    pattern.computed_at = now  # type: ignore[assignment]
    return pattern


_FIELDS = [
    "process",
    "kind",
    "norm_code",
    "label",
    "terms",
    "finding_count",
    "incident_count",
    "region_count",
    "computed_at",
]


@transaction.atomic
def patterns_compute(*, actor: User | None = None) -> int:
    """Group every finding again; returns the number of patterns. With `actor` (the "Group
    again" button) only someone who evaluates somewhere may ask, and it is audited."""
    if actor is not None and not access.can_evaluate_somewhere(actor):
        raise PermissionDenied
    _one_at_a_time()
    now = timezone.now()
    items, current = _items()
    groups = group_findings(items)
    existing = {p.key: p for p in Pattern.objects.all()}
    changed: list[Pattern] = []
    kept: list[Pattern] = []
    new: list[Pattern] = []
    for group in groups:
        found = existing.pop(group.key, None)
        if found is not None and _same(found, group):
            kept.append(found)
        elif found is not None:
            changed.append(_fill(found, group, now))
        else:
            new.append(_fill(Pattern(key=group.key), group, now))
    stale = [p.pk for p in existing.values()]
    # CASE … WHEN over many rows is slow on SQLite: only what changed, in small batches
    Pattern.objects.bulk_update(changed, _FIELDS, batch_size=100)
    Pattern.objects.update(computed_at=now)
    Pattern.objects.bulk_create(new, batch_size=BATCH)
    if not all(p.pk for p in new):
        # a database that does not return the new rows' ids (none of ours): read them back
        ids = dict(Pattern.objects.filter(key__in=[p.key for p in new]).values_list("key", "pk"))
        for p in new:
            p.pk = ids[p.key]
    by_key = {p.key: p.pk for p in (*kept, *changed, *new)}
    moved: dict[int, list[int]] = {}
    for group in groups:
        pattern_id = by_key[group.key]
        for pk in group.finding_pks:
            if current.get(pk) != pattern_id:
                moved.setdefault(pattern_id, []).append(pk)
    _move(moved)
    if stale:
        Finding.objects.filter(pattern_id__in=stale).update(pattern=None)
        Pattern.objects.filter(pk__in=stale).delete()
    if actor is not None:
        audit_record(
            actor=actor,
            action=AuditAction.PATTERNS_COMPUTE,
            object_type="pattern",
            changes={"findings": len(items), "patterns": len(groups)},
            note=f"{len(groups)} patronen uit {len(items)} bevindingen",
        )
    return len(groups)


def _move(moved: dict[int, list[int]]) -> None:
    """Point the findings at their new patterns: one UPDATE per pattern with several
    findings; the single ones in batches of one hand-built CASE (Django's bulk_update builds
    an expression object per row, seconds for thousands of rows)."""
    singles: list[tuple[int, int]] = []
    for pattern_id, pks in moved.items():
        if len(pks) == 1:
            singles.append((pks[0], pattern_id))
            continue
        for start in range(0, len(pks), BATCH):
            Finding.objects.filter(pk__in=pks[start : start + BATCH]).update(pattern_id=pattern_id)
    quote = connection.ops.quote_name
    table, column = quote(Finding._meta.db_table), quote("pattern_id")
    key = quote(Finding._meta.pk.column)
    for start in range(0, len(singles), BATCH):
        batch = singles[start : start + BATCH]
        cases = " ".join("WHEN %s THEN %s" for _row in batch)
        marks = ", ".join("%s" for _row in batch)
        values: list[int] = [v for row in batch for v in row]
        values += [pk for pk, _pattern in batch]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {column} = CASE {key} {cases} END "  # noqa: S608
                f"WHERE {key} IN ({marks})",
                values,
            )


def patterns_upkeep() -> int:
    """The worker's hourly upkeep: group every finding again."""
    count = patterns_compute()
    log.info("learning patterns regrouped: %s patterns", count)
    return count
