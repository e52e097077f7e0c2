"""Reads of part "sessions": the work sessions (newest first, with their host and the number
of entries) and one session's entries — written at it, or refined there by a new version —
grouped by theme and kind (good questions, good practices, good proposals), as its page and
its impression report show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Func, OuterRef, Q, QuerySet, Subquery

from oranje.learning.constants import FIRST_YEAR, LAST_YEAR, EntryKind, Theme
from oranje.learning.models import Entry, EntryVersion, WorkSession


def _touched(session: Any, revised_in: Any = None) -> Q:
    """Entries written at the session, or refined by a new version made at it (`revised_in`:
    the session as the versions' subquery names it, when it differs)."""
    revised = EntryVersion.objects.filter(
        work_session=session if revised_in is None else revised_in
    ).values("entry_id")
    return Q(work_session=session) | Q(pk__in=revised)


def _entry_count() -> Subquery:
    """How many entries a session wrote or refined (one COUNT per session row)."""
    return Subquery(
        Entry.objects.filter(_touched(OuterRef("pk"), OuterRef(OuterRef("pk"))))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )


def session_rows(*, year: int | None = None, region_id: int | None = None) -> QuerySet[WorkSession]:
    rows = (
        WorkSession.objects.select_related("host_region")
        .prefetch_related("regions")
        .annotate(entry_count=_entry_count())
        .order_by("-held_on", "pk")
    )
    if year is not None and FIRST_YEAR <= year <= LAST_YEAR:
        rows = rows.filter(held_on__year=year)
    if region_id is not None:
        rows = rows.filter(regions__pk=region_id).distinct()
    return rows


def session_years() -> list[int]:
    return sorted({d.year for d in WorkSession.objects.dates("held_on", "year")}, reverse=True)


@dataclass
class KindGroup:
    kind: str
    label: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class ThemeGroup:
    theme: str
    label: str
    kinds: list[KindGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(k.entries) for k in self.kinds)


def session_entries(session: WorkSession) -> list[Entry]:
    """The entries written at the session and those refined at it; each carries `revisions`:
    its versions made at this session (after the first), oldest first, with their region
    and what changed."""
    entries = list(
        Entry.objects.filter(_touched(session))
        .select_related("region")
        .order_by("theme", "kind", "title", "pk")
    )
    revisions: dict[int, list[EntryVersion]] = {}
    for version in (
        EntryVersion.objects.filter(work_session=session, number__gt=1)
        .select_related("region")
        .order_by("entry_id", "number")
    ):
        revisions.setdefault(version.entry_id, []).append(version)
    for entry in entries:
        entry.revisions = revisions.get(entry.pk, [])  # type: ignore[attr-defined]
    return entries


def grouped(entries: list[Entry]) -> list[ThemeGroup]:
    """The entries by theme (in the dossier's order of themes), then by kind (question,
    practice, proposal); themes and kinds without entries are left out."""
    themes: list[ThemeGroup] = []
    for theme in Theme:
        in_theme = [e for e in entries if e.theme == theme.value]
        if not in_theme:
            continue
        group = ThemeGroup(theme.value, str(theme.label))
        for kind in EntryKind:
            of_kind = [e for e in in_theme if e.kind == kind.value]
            if of_kind:
                group.kinds.append(KindGroup(kind.value, str(kind.label), of_kind))
        themes.append(group)
    return themes
