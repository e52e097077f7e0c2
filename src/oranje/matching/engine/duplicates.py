"""Searching a whole index: duplicates shared out over processes, inquiries in bulk."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator

from oranje.matching.engine.index import Index
from oranje.matching.engine.records import Candidate, Record

_FORKED: Index | None = None  # the index a pool of forked workers searches


def _duplicates_slice(job: tuple[int, int, str]) -> list[tuple[str, str, Candidate]]:
    assert _FORKED is not None
    start, stop, min_decision = job
    return list(_FORKED.duplicates(min_decision=min_decision, start=start, stop=stop))


def find_duplicates(
    index: Index,
    *,
    processes: int | None = None,
    min_decision: str = "match",
    chunk: int = 10_000,
) -> Iterator[tuple[str, str, Candidate]]:
    """`Index.duplicates` over the whole registry, shared out in slices over processes (one
    per core by default). The workers are forked, so they read the index without copying it;
    where fork is not available, or the registry is small, it runs in this process."""
    processes = processes or os.cpu_count() or 1
    if (
        processes <= 1
        or len(index) < 2 * chunk
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield from index.duplicates(min_decision=min_decision)
        return
    global _FORKED
    _FORKED = index
    try:
        jobs = [
            (start, start + chunk, min_decision) for start in range(0, len(index.records), chunk)
        ]
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for part in pool.imap(_duplicates_slice, jobs):
                yield from part
    finally:
        _FORKED = None


def match_pairs(index: Index, inquiries: Iterable[Record]) -> Iterator[tuple[str, list[Candidate]]]:
    for inquiry in inquiries:
        yield inquiry.id, index.query(inquiry)
