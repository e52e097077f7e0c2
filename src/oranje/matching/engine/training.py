"""Learning linkage weights without labels (expectation maximisation)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from oranje.matching.engine.compare import FIELDS
from oranje.matching.engine.model import LEVELS, PRIOR_PAIRS, Model


def _normalised(counts: Counter[str], levels: Iterable[str], smoothing: float) -> dict[str, float]:
    levels = [level for level in levels if level != "missing"]
    total = sum(counts.get(level, 0) for level in levels) + smoothing * len(levels)
    return {level: (counts.get(level, 0) + smoothing) / total for level in levels}


def _u(u_counts: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    levels = {f: {level for field_name, level in LEVELS if field_name == f} for f in FIELDS}
    return {f: _normalised(u_counts[f], levels[f] | set(u_counts[f]), 0.5) for f in FIELDS}


def _default_m(model: Model, u: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """The m the model's weights imply, given u: the prior for estimation."""
    m = {}
    for f in FIELDS:
        raw = {
            level: model.tf_m[(f, level)]
            if (f, level) in model.tf_m
            else u_level * 2 ** model.weights.get((f, level), 0.0)
            for level, u_level in u[f].items()
        }
        total = sum(raw.values())
        m[f] = {level: value / total for level, value in raw.items()}
    return m


def expectation_maximisation(
    model: Model,
    u: dict[str, dict[str, float]],
    patterns: Counter[tuple[str, ...]],
    iterations: int,
) -> dict[str, dict[str, float]]:
    """m of every level, by EM over comparison patterns (fields taken as independent given
    match or not; "missing" levels say nothing). u stays as sampled; m starts from, and is
    shrunk towards, what the model's weights imply (PRIOR_PAIRS pairs' worth)."""
    prior = _default_m(model, u)
    m = {f: dict(levels) for f, levels in prior.items()}
    total = sum(patterns.values())
    share = 0.5
    items = list(patterns.items())
    for _ in range(iterations):
        accumulated: dict[str, defaultdict[str, float]] = {f: defaultdict(float) for f in FIELDS}
        matched = 0.0
        for pattern, count in items:
            log_odds = math.log(share / (1 - share))
            for f, level in zip(FIELDS, pattern, strict=True):
                if level != "missing":
                    log_odds += math.log(m[f][level] / u[f][level])
            probability = 1.0 / (1.0 + math.exp(-max(-700.0, min(700.0, log_odds))))
            matched += probability * count
            for f, level in zip(FIELDS, pattern, strict=True):
                accumulated[f][level] += probability * count
        share = min(0.999, max(0.001, matched / total))
        change = 0.0
        for f in FIELDS:
            seen = sum(v for level, v in accumulated[f].items() if level != "missing")
            updated = {
                level: (accumulated[f].get(level, 0.0) + PRIOR_PAIRS * p) / (seen + PRIOR_PAIRS)
                for level, p in prior[f].items()
            }
            change = max([change, *(abs(v - m[f][level]) for level, v in updated.items())])
            m[f] = updated
        if change < 1e-5:
            break
    return m
