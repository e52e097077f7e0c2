"""Person matching for the registry: normalisation, blocking, scoring. Imports nothing from
Django, so it can be used, tested and benchmarked on its own (see the engine package)."""

from oranje.matching.engine import (
    Candidate,
    Index,
    Record,
    Rematch,
    find_duplicates,
    match_pairs,
    rematch,
)

__all__ = ["Candidate", "Index", "Record", "Rematch", "find_duplicates", "match_pairs", "rematch"]
