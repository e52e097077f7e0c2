"""The matching engine, live: one index of persons and one of open inquiries per incident,
per process, kept current from the database.

Each process (gunicorn worker, the worker, a test) holds its own indexes. Before every use an
index catches up: it reads the rows of its incident changed since it last looked (every
write to a person or inquiry sets `updated_at`) and adds, replaces or removes them. It
re-reads a slack window before its last look, so a transaction that committed late with an
earlier `updated_at` is still seen; applying a row twice is harmless. The first use in a
process builds the index from scratch (the "rebuild on start-up").
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from oranje.matching import Candidate as EngineCandidate
from oranje.matching import Index, Record
from oranje.matching.engine import POSSIBLE_SCORE
from oranje.registry.models import Inquiry, NameFields, Person

#: How far before its last look an index reads again (a long transaction's rows).
SLACK = dt.timedelta(seconds=30)

_FIELDS = (
    "pk",
    "given_names",
    "prefix",
    "surname",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "street",
    "house_number",
    "house_addition",
    "postcode",
    "city",
    "phone",
)
#: A person's partner's name (name use P/V/N): relatives may ask by either name.
_PARTNER = ("partner_prefix", "partner_surname")
#: A person's own fields beyond those an inquiry has.
_PERSON_ONLY = (*_PARTNER, "bsn")


def record_of(row: NameFields | dict[str, object]) -> Record:
    """The engine's record for a person or inquiry (a model or a values() row)."""

    def get(name: str) -> object:
        return row.get(name) if isinstance(row, dict) else getattr(row, name, None)

    year, month, day = get("birth_year"), get("birth_month"), get("birth_day")
    birth = ""
    if isinstance(year, int) and year:
        birth = f"{year:04d}"
        if isinstance(month, int) and month:
            birth += f"-{month:02d}" + (f"-{day:02d}" if isinstance(day, int) and day else "")
    number = get("house_number")
    sex = get("sex")
    prefix, surname = str(get("prefix") or ""), str(get("surname") or "")
    partner = " ".join(str(get(name) or "") for name in _PARTNER).strip()
    if partner and surname:
        # Married: the own and the partner's name as one double name, of which the engine
        # counts either half ("Jansen" finds Maria de Boer, married to a Jansen).
        prefix, surname = "", f"{prefix} {surname}-{partner}".strip()
    return Record(
        id=str(get("pk")),
        given_names=str(get("given_names") or ""),
        prefix=prefix,
        surname=surname,
        birth_date=birth,
        sex="" if sex in ("O", None) else str(sex),
        street=str(get("street") or ""),
        house_number=f"{number}{get('house_addition') or ''}" if number else "",
        postcode=str(get("postcode") or ""),
        city=str(get("city") or ""),
        phone=str(get("phone") or ""),
        id_number=str(get("bsn") or ""),
    )


@dataclass
class _Live:
    """One incident's index of one kind, and what it holds."""

    index: Index
    held: dict[str, Record] = field(default_factory=dict)
    #: Each row's `updated_at` as last applied: a row re-read in the slack window that did
    #: not change since is skipped without being read in full.
    stamps: dict[int, dt.datetime] = field(default_factory=dict)
    seen: dt.datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


_persons: dict[int, _Live] = {}
_inquiries: dict[int, _Live] = {}
_guard = threading.Lock()
#: Past this many changed rows a catch-up reads the window in full instead of by id.
_BY_ID_MAX = 2000


def _catch_up(live: _Live, rows: list[dict[str, object]]) -> None:
    """Apply changed rows: add new ones, update changed ones, remove those no longer kept
    (the engine's index updates and removes in place: no rebuild)."""
    for row in rows:
        record = record_of(row)
        old = live.held.get(record.id)
        if not row["keep"]:
            if old is not None:
                del live.held[record.id]
                live.index.remove(record.id)
            continue
        if old is None:
            live.held[record.id] = record
            live.index.add(record)
        elif old != record:
            live.held[record.id] = record
            live.index.update(record)


_held = threading.local()


@contextmanager
def caught_up(incident_id: int) -> Iterator[None]:
    """Within this block (in this thread) the incident's indexes catch up once, at the start,
    not before every use: a batch of thousands of persons (a list import) would otherwise
    re-read the rows changed in the slack window once per person."""
    person_index(incident_id)
    inquiry_index(incident_id)
    held: set[int] = getattr(_held, "incidents", set())
    _held.incidents = held | {incident_id}
    try:
        yield
    finally:
        _held.incidents = held


def _refresh(
    table: dict[int, _Live], incident_id: int, model: type[Person] | type[Inquiry], active: Q
) -> Index:
    with _guard:
        live = table.get(incident_id)
        if live is None:
            live = table[incident_id] = _Live(Index())
    if live.seen is not None and incident_id in getattr(_held, "incidents", ()):
        return live.index
    with live.lock:
        now = timezone.now()
        changed = model.objects.filter(incident_id=incident_id)
        if live.seen is not None:
            changed = changed.filter(updated_at__gte=live.seen - SLACK)
            fresh = [
                pk
                for pk, at in changed.values_list("pk", "updated_at")
                if live.stamps.get(pk) != at
            ]
            if not fresh:
                live.seen = now
                return live.index
            if len(fresh) <= _BY_ID_MAX:
                changed = model.objects.filter(pk__in=fresh)
        rows = list(
            changed.annotate(keep=ExpressionWrapper(active, output_field=BooleanField())).values(
                *_FIELDS, *(_PERSON_ONLY if model is Person else ()), "updated_at", "keep"
            )
        )
        _catch_up(live, rows)
        for row in rows:
            live.stamps[row["pk"]] = row["updated_at"]
        live.seen = now
        return live.index


def person_index(incident_id: int) -> Index:
    """The incident's registered persons (merged and anonymised ones left out)."""
    return _refresh(
        _persons,
        incident_id,
        Person,
        Q(merged_into__isnull=True, anonymised_at__isnull=True),
    )


def inquiry_index(incident_id: int) -> Index:
    """The incident's open inquiries, read as registrations: a new person is queried against
    it to find the inquiries that may be about them."""
    return _refresh(
        _inquiries,
        incident_id,
        Inquiry,
        Q(status="open", anonymised_at__isnull=True),
    )


def duplicates_of(
    person_id: int, incident_id: int, *, limit: int = 5, index: Index | None = None
) -> list[EngineCandidate]:
    """The registrations that may be the same person as this registered one, best first.
    Each pair is judged on its own, as the engine's duplicate search does: the person's own
    registration, found first by any query, is no rival that demotes its double, and the
    weak candidates that fill up an operator's list are no double registrations. `index`: the
    incident's index already caught up (a batch of many persons looks once, not per person)."""
    if index is None:
        index = person_index(incident_id)
    record, mine = index.get(str(person_id)), index.prepared(str(person_id))
    if record is None or mine is None:
        return []
    query = mine.as_query()
    found = []
    for candidate in index.query(record, limit=limit + 1):
        other = index.prepared(candidate.person_id)
        if candidate.person_id == record.id or other is None:
            continue
        pair = index.score(query, other)
        if round(pair.score, 2) >= POSSIBLE_SCORE:
            found.append(pair)
    found.sort(key=lambda c: (c.decision != "match", -c.score))
    return found[:limit]


def candidates_for(record: Record, incident_id: int, *, limit: int = 10) -> list[EngineCandidate]:
    return person_index(incident_id).query(record, limit=limit)


def forget(incident_id: int) -> None:
    """Drop an incident's indexes (after anonymising or deleting it)."""
    with _guard:
        _persons.pop(incident_id, None)
        _inquiries.pop(incident_id, None)


def warm() -> int:
    """Build the indexes of every incident with a live registry; returns how many. gunicorn
    calls it once in its master process before it forks the workers (oranje.gunicorn_config),
    so no worker builds an index of 100,000 persons on its first request: each starts with a
    copy and catches up from there."""
    incidents = set(
        Person.objects.filter(anonymised_at__isnull=True)
        .values_list("incident_id", flat=True)
        .distinct()
    ) | set(
        Inquiry.objects.filter(status="open", anonymised_at__isnull=True)
        .values_list("incident_id", flat=True)
        .distinct()
    )
    for incident_id in sorted(incidents):
        person_index(incident_id)
        inquiry_index(incident_id)
    return len(incidents)
