"""Re-matching the open inquiries when a person record arrives or changes.

The registry keeps two indexes per incident: one of the registered persons (`registry`) and
one of the open inquiries (`inquiries`, an `Index` of the inquiry records: `add` on intake,
`update` when the inquiry is corrected, `remove` when it is closed). When a person is added or
updated in `registry`, `rematch(registry, inquiries, person_id)` says which open inquiries now
have that person among their first candidates.

It reads the person as an inquiry against the index of inquiries (blocking works both ways:
the keys of a person read as an inquiry include those of every inquiry that would find the
person), checks each inquiry it meets with a quick score of the pair, and for those that pass
POSSIBLE_SCORE runs the inquiry's own query against the registry. So the rank, score, reasons
and decision it returns are exactly what the operator sees when opening the inquiry.
"""

from __future__ import annotations

from dataclasses import dataclass

from oranje.matching.engine.compare import compare
from oranje.matching.engine.index import Index
from oranje.matching.engine.model import FILL, POSSIBLE_SCORE
from oranje.matching.engine.records import Candidate


@dataclass
class Rematch:
    inquiry_id: str
    #: The person's place among the inquiry's candidates, 1 = first.
    rank: int
    #: The person as that inquiry's candidate (score, decision, reasons).
    candidate: Candidate


def rematch(registry: Index, inquiries: Index, person_id: str, *, top: int = FILL) -> list[Rematch]:
    """The open inquiries that have the registered person `person_id` among their first
    `top` candidates (at or above POSSIBLE_SCORE), matches first, then by score. Call it
    after `registry.add` / `registry.update`; an unknown id has none."""
    person = registry.prepared(person_id)
    if person is None:
        return []
    probe = person.as_query()
    found = []
    for position in inquiries.candidates(probe):
        asked = inquiries.records[position].as_query()
        if round(registry.total(compare(asked, person)), 2) < POSSIBLE_SCORE:
            continue
        record = inquiries.originals[position]
        assert record is not None  # candidates() never yields a tombstone
        for rank, candidate in enumerate(registry.query(record, limit=top), 1):
            if candidate.person_id == person_id:
                found.append(Rematch(record.id, rank, candidate))
                break
    found.sort(key=lambda m: (m.candidate.decision != "match", -m.candidate.score, m.inquiry_id))
    return found
