"""Reads of part "sessions": the work sessions (newest first, with their host and the number
of entries) and one session's entries grouped by theme and kind (good questions, good
practices, good proposals), as its page and its impression report show them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from oranje.learning.constants import FIRST_YEAR, LAST_YEAR, EntryKind, Theme
from oranje.learning.models import Entry, WorkSession


def session_rows(*, year: int | None = None, region_id: int | None = None) -> QuerySet[WorkSession]:
    rows = (
        WorkSession.objects.select_related("host_region")
        .prefetch_related("regions")
        .annotate(entry_count=Count("entries", distinct=True))
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
    return list(
        Entry.objects.filter(work_session=session)
        .select_related("region")
        .order_by("theme", "kind", "title", "pk")
    )


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
