"""Full-text search of the living dossier, on the database Oranje runs on.

PostgreSQL: `search_vector` (a stored `to_tsvector('dutch', search_text)`, GIN-indexed by
migration 0003) matched with `websearch_to_tsquery('dutch', q)` ("quoted phrases",
`or` or Dutch `of`, `-word`), ranked by `ts_rank`. SQLite: the FTS5 table
`learning_entry_fts` (external content, kept by triggers, accents removed), the query built
here from the same web-search syntax with each word as a prefix of its light Dutch stem
(`text.stem`: "piketten" finds "piket" and "piketdienst"), ranked by bm25.

Both answer the same shape: `SearchResults`, which Django's `Paginator` pages (a count query
and one query per page, the page's entries fetched with their region). `highlight` and
`snippet` mark the query's words in a text for the result list (segments, never HTML)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from oranje.learning.models import Entry
from oranje.learning.text import STOPWORDS, fold, stem

#: The longest query text used (the rest is ignored).
QUERY_MAX = 200
#: At most this many words of a query count.
TERMS_MAX = 12

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
#: The words between alternatives: Dutch "of" and websearch_to_tsquery's own "or".
OR_WORDS = frozenset({"of", "or"})
_OR_OUTSIDE_QUOTES = re.compile(r'"[^"]*"?|(?<!\S)of(?!\S)', re.IGNORECASE)


def websearch_text(q: str) -> str:
    """The query for websearch_to_tsquery: a Dutch "of" between words (outside quotes)
    becomes its "or" (else "of", a Dutch stop word, is dropped and the words are ANDed)."""
    return _OR_OUTSIDE_QUOTES.sub(lambda m: m.group() if m.group().startswith('"') else "or", q)


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EntryFilter:
    q: str = ""
    theme: str = ""
    kind: str = ""
    status: str = ""
    region_id: int | None = None


@dataclass(frozen=True)
class Parsed:
    """A web-search query in pieces: groups of alternatives (each a phrase of words), joined
    by AND; words that must not occur."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    excluded: tuple[str, ...]

    @property
    def terms(self) -> list[str]:
        """The stems to mark in a text (every positive word)."""
        return [stem_of(w) for group in self.groups for phrase in group for w in phrase]


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text).replace("_", " ")) if len(w) > 1]


@functools.lru_cache(maxsize=20_000)
def stem_of(word: str) -> str:
    s = stem(word)
    return s if len(s) >= 3 else word


def parse(q: str) -> Parsed:
    """The query as typed, as websearch_to_tsquery reads it: words (AND), "a phrase",
    `of` or `or` between alternatives, `-word` to leave out. Little words (de, het, van …) are
    dropped outside phrases."""
    groups: list[list[tuple[str, ...]]] = []
    excluded: list[str] = []
    join_or = False
    count = 0
    for m in _TOKEN.finditer(q[:QUERY_MAX]):
        phrase, token = m.group(1), m.group(2)
        if count >= TERMS_MAX:
            break
        if phrase is not None:
            words = tuple(_words(phrase))
        elif token.lower() in OR_WORDS:
            join_or = bool(groups)
            continue
        elif token.startswith("-") and len(token) > 1:
            excluded.extend(w for w in _words(token[1:]) if w not in STOPWORDS)
            join_or = False
            continue
        else:
            words = tuple(w for w in _words(token) if w not in STOPWORDS)
        if not words:
            continue
        count += len(words)
        if join_or:
            groups[-1].append(words)
        else:
            groups.append([words])
        join_or = False
    return Parsed(tuple(tuple(g) for g in groups), tuple(excluded[:TERMS_MAX]))


def fts5_query(parsed: Parsed) -> str:
    """The FTS5 MATCH expression: every word a quoted prefix of its stem (a phrase's words
    quoted as they are, the last as a prefix); only quoted strings, so no input is syntax."""

    def phrase(words: tuple[str, ...]) -> str:
        if len(words) == 1:
            return f'"{stem_of(words[0])}"*'
        return '"' + " ".join(words) + '"*'

    parts = []
    for group in parsed.groups:
        alternatives = [phrase(words) for words in group]
        parts.append(
            alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
        )
    if not parts:
        return ""
    expression = " AND ".join(parts)
    for word in parsed.excluded:
        expression = f'({expression}) NOT "{word}"'
    return expression


def _where(f: EntryFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    values: list[Any] = []
    for column, value in (("theme", f.theme), ("kind", f.kind), ("status", f.status)):
        if value:
            clauses.append(f"e.{column} = %s")
            values.append(value)
    if f.region_id is not None:
        clauses.append("e.region_id = %s")
        values.append(f.region_id)
    return clauses, values


#: PostgreSQL's default cost of a random page read (4) assumes spinning disks: with it the
#: planner reads all 50,000 entries rather than follow the GIN index to the few thousand
#: pages that match. Searches run with the cost of a solid-state disk (SET LOCAL: this
#: transaction only), and use the index.
PG_RANDOM_PAGE_COST = "1.1"


def _fetch(sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
    if connection.vendor != "postgresql":
        # No transaction on SQLite: Oranje's begin IMMEDIATE (the write lock) for a read.
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return list(cursor.fetchall())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('random_page_cost', %s, true)", [PG_RANDOM_PAGE_COST])
        cursor.execute(sql, values)
        return list(cursor.fetchall())


class SearchResults:
    """The entries that match, best first, fetched page by page (what `Paginator` needs:
    `count()` and slices). Each entry carries `rank` (higher is better).

    `expect(offset, limit)` names the page about to be shown: the count then comes with that
    page in one query (`count(*) OVER ()`), so ranking runs once per request."""

    def __init__(self, f: EntryFilter, parsed: Parsed) -> None:
        self.filter = f
        self.parsed = parsed
        self.vendor = connection.vendor
        self._count: int | None = None
        self._window: tuple[int, int] | None = None
        self._pages: dict[int, tuple[int, list[tuple[int, float]]]] = {}

    def expect(self, offset: int, limit: int) -> SearchResults:
        self._window = (max(0, offset), limit)
        return self

    def _sql(self, select: str, tail: str) -> tuple[str, list[Any]]:
        f = self.filter
        if self.vendor == "postgresql":
            clauses, values = _where(f)
            extra = "".join(f" AND {c}" for c in clauses)
            # Only fixed column names and placeholders are put together here.
            sql = (
                f"SELECT {select} FROM learning_entry e, "  # noqa: S608
                "websearch_to_tsquery('dutch'::regconfig, %s) query "
                f"WHERE e.search_vector @@ query{extra} {tail}"
            )
            return sql, [websearch_text(f.q[:QUERY_MAX].replace("\x00", "")), *values]
        # SQLite: the FTS table answers; filters on theme, kind and region through their
        # indexes (a set of the entries' ids, never reading the entries' long rows; the `+`
        # keeps SQLite from handing the ids to FTS5 one by one), the status (not indexed)
        # looked up per match.
        clauses, values = _where(EntryFilter(theme=f.theme, kind=f.kind, region_id=f.region_id))
        extra = ""
        if clauses:
            inner = " AND ".join(clauses)
            extra = f" AND +f.rowid IN (SELECT e.id FROM learning_entry e WHERE {inner})"  # noqa: S608
        if f.status:
            extra += " AND (SELECT s.status FROM learning_entry s WHERE s.id = f.rowid) = %s"
            values.append(f.status)
        join = ""
        sql = (
            f"SELECT {select} FROM learning_entry_fts f{join} "  # noqa: S608
            f"WHERE learning_entry_fts MATCH %s{extra} {tail}"
        )
        return sql, [fts5_query(self.parsed), *values]

    def _ranked(self, offset: int, limit: int, *, with_count: bool) -> list[tuple[int, float]]:
        if self.vendor == "postgresql":
            select = "e.id, ts_rank(e.search_vector, query, 1)"
            order = "ORDER BY 2 DESC, e.id DESC"
        else:
            select = "f.rowid, -f.rank"
            order = "ORDER BY f.rank, f.rowid DESC"
        if with_count:
            select += ", count(*) OVER ()"
        sql, values = self._sql(select, f"{order} LIMIT %s OFFSET %s")
        rows = _fetch(sql, [*values, limit, offset])
        if with_count and rows:
            self._count = int(rows[0][2])
        return [(int(row[0]), float(row[1])) for row in rows]

    def count(self) -> int:
        if self._count is None and self._window is not None:
            offset, limit = self._window
            self._pages[offset] = (limit, self._ranked(offset, limit, with_count=True))
        if self._count is None:
            sql, values = self._sql("count(*)", "")
            self._count = int(_fetch(sql, values)[0][0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def page(self, offset: int, limit: int) -> list[Entry]:
        if limit <= 0:
            return []
        cached = self._pages.get(offset)
        if cached is not None and cached[0] >= limit:
            ranked = cached[1][:limit]
        else:
            ranked = self._ranked(offset, limit, with_count=False)
        found = Entry.objects.select_related("region").in_bulk([pk for pk, _ in ranked])
        rows = []
        for pk, rank in ranked:
            entry = found.get(pk)
            if entry is not None:
                entry.rank = rank  # type: ignore[attr-defined]
                rows.append(entry)
        return rows

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start = index.start or 0
            stop = index.stop if index.stop is not None else self.count()
            return self.page(start, stop - start)
        rows = self.page(int(index), 1)
        if not rows:
            raise IndexError(index)
        return rows[0]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.page(0, self.count()))


def search(f: EntryFilter) -> SearchResults | QuerySet[Entry]:
    """The entries matching the filter: ranked search results when the query has words,
    else every entry with the filters, last changed first."""
    parsed = parse(f.q)
    if parsed.groups:
        return SearchResults(f, parsed)
    rows = Entry.objects.select_related("region").order_by("-updated_at", "-pk")
    if f.theme:
        rows = rows.filter(theme=f.theme)
    if f.kind:
        rows = rows.filter(kind=f.kind)
    if f.status:
        rows = rows.filter(status=f.status)
    if f.region_id is not None:
        rows = rows.filter(region_id=f.region_id)
    return rows


# --- marking the query's words ----------------------------------------------------------------


def _marks(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    for m in _WORD.finditer(text):
        word = fold(m.group())
        if len(word) > 1 and any(word.startswith(t) or stem_of(word) == t for t in terms):
            spans.append(m.span())
    return spans


def highlight(text: str, terms: Sequence[str]) -> list[tuple[str, bool]]:
    """The text in segments (text, marked): the words that match a query term marked."""
    segments: list[tuple[str, bool]] = []
    at = 0
    for start, end in _marks(text, terms) if terms else []:
        if start > at:
            segments.append((text[at:start], False))
        segments.append((text[start:end], True))
        at = end
    if at < len(text):
        segments.append((text[at:], False))
    return segments


def snippet(text: str, terms: Sequence[str], *, width: int = 220) -> list[tuple[str, bool]]:
    """About `width` characters of the text around its first matching word, marked; the
    beginning of the text when nothing matches."""
    spans = _marks(text, terms) if terms else []
    start = 0
    if spans and spans[0][0] > width // 3:
        start = text.rfind(" ", 0, spans[0][0] - width // 3) + 1
    end = start + width
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    part = text[start:end]
    segments = highlight(part, terms)
    if start > 0:
        segments.insert(0, ("… ", False))
    if end < len(text):
        segments.append((" …", False))
    return segments
