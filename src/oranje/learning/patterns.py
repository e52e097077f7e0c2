"""Recurring findings: which findings of different evaluations say the same thing, so that a
change to the organisation rests on more than one incident.

Findings of the same kind are linked in two ways. Within a block of the same process and
kind ("crisis communication, could be better") two findings are linked when their words
(`text.terms`: stems without stop words) overlap enough — Jaccard similarity at least
`SIMILAR`. Two findings that concern the same norm are linked whatever their process (one
region files "CPG not reached in time" under organisation, another under readiness) when they
still share some words (`SIMILAR_NORM`, at least `MIN_SHARED` words). Linked findings form one
pattern (union-find, so A~B and B~C put A, B and C together); it carries the process of its
first finding.

No pair of findings is compared unless they share a rare word: the words of each finding
are sorted from rare to common (within its block, or within its norm and kind), and only the
first few ("the prefix", as long as needed to reach the threshold) go into the inverted index.
Two sets with Jaccard ≥ t always share a word of their prefixes, so this finds every link that
all pairs would, at a fraction of the cost (prefix filtering, Chaudhuri et al. 2006).

Pure Python, no database: `services.patterns` reads the findings and writes the result.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from oranje.learning import text

#: Jaccard similarity of two findings' words from which they are one pattern. Tuned on
#: variants of the same finding as different regions write them down (tests/test_patterns_
#: grouping.py): 0.35 keeps "the first public message came late" together across wordings
#: and keeps different complaints about the same process apart.
SIMILAR = 0.35
#: With the same norm, less overlap in words is enough.
SIMILAR_NORM = 0.2
#: A link needs at least this many shared words (one word in common is chance).
MIN_SHARED = 2
#: Words found in this share of the blocks (with at least CONTEXT_BLOCKS blocks) are
#: context (where, when), not what a finding is about: they do not count. A block is a
#: process and a kind, so there are at most 20; below 12 a few findings would make ordinary
#: words ("eerste", "laat") context, and one more finding in a new block could split a
#: pattern that was there an hour before.
CONTEXT_SHARE = 0.5
CONTEXT_BLOCKS = 12
#: How many shared words a pattern keeps (its `terms`), and how long its label may be.
TERMS_KEPT = 8
LABEL_MAX = 160


@dataclass(frozen=True)
class Item:
    """One finding as the grouping sees it. `occasion` tells incidents and exercises apart
    ("i12", "e3"): the pattern counts distinct occasions."""

    pk: int
    process: str
    kind: str
    text: str
    norm_code: str
    occasion: str
    region_id: int


@dataclass
class Group:
    """One pattern: its findings (lowest pk first) and what they share."""

    key: str
    process: str
    kind: str
    norm_code: str
    label: str
    terms: list[str]
    finding_pks: list[int]
    incident_count: int
    region_count: int

    @property
    def finding_count(self) -> int:
        return len(self.finding_pks)


@dataclass
class _Sets:
    """The findings of one block as sets of word ids, rare words first."""

    items: list[Item]
    tokens: list[list[int]] = field(default_factory=list)


def pattern_key(lowest_pk: int) -> str:
    """Stable across rebuilds while the same finding leads the pattern."""
    return hashlib.sha256(f"finding:{lowest_pk}".encode()).hexdigest()[:32]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the lower index leads, so a group's root is its first finding
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def _prefix_length(size: int, threshold: float) -> int:
    """How many of a set's rarest words must be indexed for Jaccard ≥ threshold."""
    if size == 0:
        return 0
    return size - math.ceil(threshold * size - 1e-9) + 1


def _join(
    tokens: Mapping[int, Sequence[int]],
    members: Sequence[int],
    threshold: float,
    uf: _UnionFind,
) -> None:
    """Link every pair among `members` (keys of `tokens`) with Jaccard ≥ threshold."""
    index: dict[int, list[int]] = defaultdict(list)
    sets: dict[int, frozenset[int]] = {}
    for i in members:
        words = tokens[i]
        if not words:
            continue
        size = len(words)
        mine = sets.setdefault(i, frozenset(words))
        seen: set[int] = set()
        for token in words[: _prefix_length(size, threshold)]:
            for j in index[token]:
                if j in seen:
                    continue
                seen.add(j)
                other = sets[j]
                # sizes too far apart cannot reach the threshold
                if min(size, len(other)) < threshold * max(size, len(other)):
                    continue
                shared = len(mine & other)
                if shared >= MIN_SHARED and shared / (size + len(other) - shared) >= threshold:
                    uf.union(i, j)
            index[token].append(i)


def _label(items: Sequence[Item]) -> str:
    """The first finding's first sentence, shortened where needed."""
    first = " ".join(items[0].text.split())
    for stop in (". ", "; ", "? ", "! "):
        cut = first.find(stop)
        if 0 < cut < LABEL_MAX:
            first = first[: cut + 1]
            break
    if len(first) > LABEL_MAX:
        first = first[: LABEL_MAX - 1].rsplit(" ", 1)[0] + "…"
    return first.rstrip(".;") if first.endswith((".", ";")) else first


def _shared_words(word_lists: Sequence[Sequence[tuple[str, str]]]) -> list[str]:
    """The words most of the findings use (each counted once per finding, shown in their
    most common spelling; context words left out); for a single finding its own first
    words. `word_lists` holds (stem, word) pairs."""
    per_stem: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for words in word_lists:
        seen: dict[str, str] = {}
        for key, word in words:
            seen.setdefault(key, word)
        for key, word in seen.items():
            per_stem[key] += 1
            spelling[key][word] += 1
    least = 2 if len(word_lists) > 1 else 1
    ranked = [key for key, n in per_stem.most_common() if n >= least]
    return [spelling[key].most_common(1)[0][0] for key in ranked[:TERMS_KEPT]]


def _group(members: Sequence[Item], word_lists: Sequence[Sequence[tuple[str, str]]]) -> Group:
    return Group(
        key=pattern_key(members[0].pk),
        process=members[0].process,
        kind=members[0].kind,
        norm_code=_common_norm(members),
        label=_label(members),
        terms=_shared_words(word_lists),
        finding_pks=[i.pk for i in members],
        incident_count=len({i.occasion for i in members}),
        region_count=len({i.region_id for i in members}),
    )


def _common_norm(members: Sequence[Item]) -> str:
    norms = Counter(i.norm_code for i in members if i.norm_code)
    return norms.most_common(1)[0][0] if norms else ""


def _context_terms(
    keys: Sequence[tuple[str, str]], term_sets: Sequence[frozenset[str]]
) -> frozenset[str]:
    """Words that say where or when, not what: found in at least half of the blocks
    ("brand", "nacht", a place, "bespreken in het overleg"). Two findings about different
    things that both begin "Bij de brand in Haarlem …" are not alike for that. Only with
    enough blocks to tell (CONTEXT_BLOCKS)."""
    blocks: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, terms in zip(keys, term_sets, strict=True):
        for term in terms:
            blocks[term].add(key)
    total = len(set(keys))
    if total < CONTEXT_BLOCKS:
        return frozenset()
    return frozenset(t for t, seen in blocks.items() if len(seen) >= total * CONTEXT_SHARE)


def _tokens(term_sets: Sequence[frozenset[str]], members: Sequence[int]) -> dict[int, list[int]]:
    """Each member's words as ids from rare to common among `members` (ties by the word, so
    the order is deterministic): the order prefix filtering needs."""
    frequency: Counter[str] = Counter()
    for n in members:
        frequency.update(term_sets[n])
    order = sorted(frequency, key=lambda w: (frequency[w], w))
    ids = {w: i for i, w in enumerate(order)}
    return {n: sorted(ids[w] for w in term_sets[n]) for n in members}


def _block(members: Sequence[int], term_sets: Sequence[frozenset[str]], uf: _UnionFind) -> None:
    """Link the similar findings of one block (one process and kind; `members` in pk
    order)."""
    # findings with the same words are one pattern anyway: compare each set of words once
    distinct: dict[frozenset[str], int] = {}
    for n in members:
        terms = term_sets[n]
        if terms:
            uf.union(n, distinct.setdefault(terms, n))
    reps = sorted(distinct.values())
    _join(_tokens(term_sets, reps), reps, SIMILAR, uf)


def _same_norm(members: Sequence[int], term_sets: Sequence[frozenset[str]], uf: _UnionFind) -> None:
    """Link the findings of one kind that concern the same norm — of any process — when
    their words overlap at least `SIMILAR_NORM` (and they share `MIN_SHARED` words)."""
    distinct: dict[frozenset[str], int] = {}
    for n in members:
        terms = term_sets[n]
        if len(terms) >= MIN_SHARED:  # fewer words can never share enough
            uf.union(n, distinct.setdefault(terms, n))
    reps = sorted(distinct.values())
    if len(reps) > 1:
        _join(_tokens(term_sets, reps), reps, SIMILAR_NORM, uf)


def group_findings(items: Iterable[Item]) -> list[Group]:
    """Every finding in exactly one pattern; recurring ones (most occasions) first."""
    ordered = sorted(items, key=lambda i: i.pk)
    stems: dict[str, str] = {}
    word_lists = [
        [(stems.get(w) or stems.setdefault(w, text.stem(w)), w) for w in text.words(i.text)]
        for i in ordered
    ]
    term_sets = [frozenset(key for key, _w in words) for words in word_lists]
    keys = [(i.process, i.kind) for i in ordered]
    context = _context_terms(keys, term_sets)
    words = [[(k, w) for k, w in word_lists[n] if k not in context] for n in range(len(ordered))]
    terms = [t - context for t in term_sets]
    uf = _UnionFind(len(ordered))
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, key in enumerate(keys):
        blocks[key].append(n)
    for key in sorted(blocks):
        _block(blocks[key], terms, uf)
    by_norm: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, item in enumerate(ordered):
        if item.norm_code:
            by_norm[(item.kind, item.norm_code)].append(n)
    for key in sorted(by_norm):
        if len(by_norm[key]) > 1:
            _same_norm(by_norm[key], terms, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(ordered)):
        groups[uf.find(n)].append(n)
    found = [
        _group([ordered[n] for n in members], [words[n] for n in members])
        for members in groups.values()
    ]
    found.sort(key=lambda g: (-g.incident_count, -g.finding_count, g.finding_pks[0]))
    return found
