"""Estimating the weights from the data at hand, without labels (`Index.calibrate`): the
linkage profile's Fellegi–Sunter with expectation–maximisation, as Splink does it. A mixin of
`Index`, kept apart from the index's own upkeep and queries."""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from oranje.matching.engine.compare import FIELDS, Comparison, compare
from oranje.matching.engine.model import (
    MAX_POSTING,
    MIN_SESSION_PAIRS,
    SESSIONS,
    Model,
)
from oranje.matching.engine.records import Prepared, Record, prepare
from oranje.matching.engine.training import _u, expectation_maximisation

if TYPE_CHECKING:
    pass


class Calibration:
    """`Index`'s estimation methods (see `calibrate`); what they use of the index:"""

    records: list[Prepared]
    dead: set[int]
    postings: dict[str, list[int]]
    model: Model

    if TYPE_CHECKING:  # defined by Index

        def candidates(
            self, prepared: Prepared, *, exclude: int | None = None, keys: set[str] | None = None
        ) -> set[int]: ...

        def total(self, comparison: Comparison) -> float: ...

        def compact(self) -> None: ...

    def calibrate(
        self,
        inquiries: Iterable[Record] | None = None,
        *,
        sample: int = 4_000,
        sources: int = 1_500,
        iterations: int = 30,
        seed: int = 5,
    ) -> Model:
        """Estimate the weights from the data at hand, without labels: Fellegi–Sunter with
        expectation–maximisation, the way Splink does it.

        - u of every level from `sample` random pairs of registered people; exact agreement
          counted from how often each value occurs (`_exact_agreement`).
        - m from EM over pairs that share one kind of blocking key (SESSIONS), leaving out the
          fields that key makes agree; sparse levels lean on the current weights. The pairs
          are those of up to `sources` inquiries against the registry — or, without
          inquiries, of the registry against itself (duplicates).
        - In the linkage profile also the prior: how many of the candidate pairs are true
          (`_prior`). The registry profile keeps its household rules and threshold.

        Returns the model, which the index then uses."""
        if self.dead:
            self.compact()
        n = len(self.records)
        if n < 2:
            return self.model
        rng = random.Random(seed)
        u_counts = self._random_pairs(rng, sample)
        observed = {f for f in FIELDS if set(u_counts[f]) - {"missing"}}
        u = self._exact_agreement(_u(u_counts))
        # EM needs a few thousand pairs per session, not all of them: a sample of the
        # inquiries (or of the registry) keeps estimation quick on large inputs.
        chosen: list[tuple[int | None, Prepared]]
        if inquiries is None:
            picked = sorted(rng.sample(range(n), min(sources, n)))
            chosen = [(position, self.records[position].as_query()) for position in picked]
        else:
            asked = list(inquiries)
            chosen = [(None, prepare(r)) for r in rng.sample(asked, min(sources, len(asked)))]
        sessions, scored, space = self._session_patterns(chosen)
        estimated: dict[str, dict[str, float]] = {}
        notes = []
        for prefix, _biased, fields in SESSIONS:
            pairs = sum(sessions[prefix].values())
            notes.append(f"{prefix}: {pairs:,} pairs")
            if pairs < MIN_SESSION_PAIRS:
                continue
            m = expectation_maximisation(self.model, u, sessions[prefix], iterations)
            for f in fields:
                if f in observed:  # a field nobody filled in keeps its default weights
                    estimated.setdefault(f, m[f])
        self.model = self.model.with_m(
            estimated, u, estimated_from=", ".join(notes) + f"; u from {sample:,} random pairs"
        )
        if not self.model.families and scored:
            prior = self._prior([self.total(c) for c in scored], space)
            self.model = replace(self.model, prior=prior)
        return self.model

    def _random_pairs(self, rng: random.Random, sample: int) -> dict[str, Counter[str]]:
        """How often each level turns up among random pairs of registered people."""
        n = len(self.records)
        counts: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
        queries: dict[int, Prepared] = {}
        for _ in range(min(sample, n * (n - 1) // 2)):
            i, j = rng.randrange(n), rng.randrange(n)
            if i == j:
                continue
            q = queries.get(i) or queries.setdefault(i, self.records[i].as_query())
            for f, level in zip(FIELDS, compare(q, self.records[j]).levels, strict=True):
                counts[f][level[0]] += 1
        return counts

    def _session_patterns(
        self, chosen: list[tuple[int | None, Prepared]]
    ) -> tuple[dict[str, Counter[tuple[str, ...]]], list[Comparison], int]:
        """Compare each chosen inquiry (position None) or registered person with the people it
        shares keys with. Returns per session the comparison patterns (the fields the
        session's keys make agree left out), the comparisons of all candidate pairs, and how
        many pairs the chosen make with the registry, candidates or not."""
        from oranje.matching.engine.index import _keys as index_keys

        sessions = {prefix: Counter[tuple[str, ...]]() for prefix, _biased, _fields in SESSIONS}
        biased_by = {prefix: biased for prefix, biased, _fields in SESSIONS}
        scored: list[Comparison] = []
        space = 0
        n = len(self.records)
        for position, q in chosen:
            space += n if position is None else n - 1 - position
            shared: defaultdict[int, set[str]] = defaultdict(set)
            keys = set(index_keys(q, query=True))
            for key in keys:
                if key[0] in sessions:
                    posting = self.postings.get(key)
                    if posting and len(posting) <= MAX_POSTING:
                        for other in posting:
                            shared[other].add(key[0])
            candidates = self.candidates(q, exclude=position, keys=keys)
            for other in candidates | shared.keys():
                if position is not None and other <= position:
                    continue
                comparison = compare(q, self.records[other])
                if other in candidates:
                    scored.append(comparison)
                levels = [level[0] for level in comparison.levels]
                for prefix in shared.get(other, ()):
                    biased = biased_by[prefix]
                    pattern = tuple(
                        "missing" if f in biased else level
                        for f, level in zip(FIELDS, levels, strict=True)
                    )
                    sessions[prefix][pattern] += 1
        return sessions, scored, space

    def _prior(self, scores: list[float], space: int) -> float:
        """log2 prior odds that two people are one, such that the expected number of true
        pairs among the candidates (each weighed by its posterior under that prior) is the
        number the prior implies over all pairs. Pairs blocking did not propose are taken as
        different people. Starts from one true partner per inquiry."""
        share = 1.0 / max(2, len(self.records))
        for _ in range(100):
            logit = math.log2(share / (1 - share))
            expected = sum(1.0 / (1.0 + 2.0 ** -max(-60.0, min(60.0, logit + s))) for s in scores)
            new = min(0.5, max(1e-12, expected / space))
            if abs(new - share) <= 1e-4 * share:
                share = new
                break
            share = new
        return math.log2(share / (1 - share))

    def _exact_agreement(self, u: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        """u with the chance that two random people agree exactly counted, not sampled: a
        sample of thousands of pairs says little about a chance of one in thirty thousand."""
        values: dict[str, Callable[[Prepared], object]] = {
            "given": lambda r: r.given.first,
            "surname": lambda r: r.surname.primary,
            "birth": lambda r: r.birth.digits,
            "address": lambda r: (r.postcode, r.house[0]) if r.postcode and r.house[0] else "",
            "city": lambda r: r.city,
            "id_number": lambda r: r.id_number,
            "phone": lambda r: r.phone,
        }
        exact = dict(u)
        for f, value in values.items():
            counts = Counter(v for v in map(value, self.records) if v)
            present = sum(counts.values())
            if present < 2 or "exact" not in u[f]:
                continue
            agree = sum(c * (c - 1) for c in counts.values()) / (present * (present - 1))
            agree = max(agree, 0.5 / (present * (present - 1)))
            rest = (1 - agree) / max(1e-12, 1 - u[f]["exact"])
            exact[f] = {lv: agree if lv == "exact" else v * rest for lv, v in u[f].items()}
        return exact
