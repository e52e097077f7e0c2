"""The index of registered persons: blocking keys, queries, duplicates, calibration."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from oranje.matching.engine.calibration import Calibration
from oranje.matching.engine.compare import FIELDS, REASON_ORDER, STRONG_NAME, Comparison, compare
from oranje.matching.engine.model import (
    FILL,
    LARGE_INDEX,
    LINKAGE,
    MAX_POSTING,
    PARTIAL_DATE_RELIEF,
    POSSIBLE_SCORE,
    PRIOR_RECORDS,
    REGISTRY,
    RIVAL_GAP,
    SMALL_POSTING,
    SWAP_PENALTY,
    TF_CAP,
    TOP,
    TYPICAL_FREQUENCY,
)
from oranje.matching.engine.records import Candidate, Prepared, Record, prepare
from oranje.matching.normalize import BirthDate, Given, phonetic


def _surname_keys(
    key: str, given: Given, births: list[BirthDate], *, groups: bool
) -> Iterator[str]:
    """The keys one reading of the surname makes with the birth year and the initial, and
    with `groups` also with the given name's groups."""
    initial = (given.first or given.initials)[:1]
    for birth in births:
        if birth.year is not None:
            yield f"s{key}|{birth.year}"
    if initial:
        yield f"i{key}|{initial}"
    if groups:
        for group in given.first_groups:
            yield f"n{group}|{key[:2]}"


def _keys(p: Prepared, *, query: bool) -> Iterator[str]:
    """Blocking keys. The query side adds variants: day and month swapped, names swapped.
    Every form of the surname ("Deboer" and "boer", both halves of a double name) makes the
    keys of the names as written; the swapped reading only its main form."""
    births = [p.birth]
    if query and p.birth.swapped is not None:
        births.append(p.birth.swapped)
    for key in p.surname.keys:
        yield from _surname_keys(key, p.given, births, groups=True)
        if p.city:
            # Without a date of birth or an address, the place is what is left to go on.
            yield f"c{key[:4]}|{p.city}"
        if p.postcode:
            yield f"q{p.postcode}|{key[:2]}"
    if query:
        for key in p.swapped_surname.keys:
            yield from _surname_keys(
                key, p.swapped_given, births, groups=key == p.swapped_surname.keys[0]
            )
        if p.postcode:
            for key in p.swapped_surname.keys[:1]:
                yield f"q{p.postcode}|{key[:2]}"
    for given in (p.given, p.swapped_given) if query else (p.given,):
        for group in given.first_groups:
            for birth in births:
                if birth.full:
                    yield f"g{group}|{birth.digits}"
                elif birth.year is not None:
                    yield f"y{group}|{birth.year}"
    if p.city and p.given.first:
        yield f"f{phonetic(p.given.first)[:3]}|{p.city}"
    for birth in births:
        if birth.full:
            yield f"d{birth.digits}"
    if p.postcode and p.house[0]:
        yield f"p{p.postcode}|{p.house[0]}"
    if p.street and p.house[0]:
        yield f"a{phonetic(p.street)[:5]}|{p.house[0]}"
    if p.phone:
        yield f"t{p.phone}"
    if p.id_number:
        yield f"b{p.id_number}"
        if len(p.id_number) >= 6:  # one digit off: the number without one of its thirds
            third = len(p.id_number) // 3
            yield f"j{p.id_number[third:]}"
            yield f"k{p.id_number[:third]}{p.id_number[2 * third :]}"
            yield f"l{p.id_number[: 2 * third]}"


def _deletions(key: str) -> set[str]:
    """The key and every form with one letter left out: two keys one typo apart (a letter
    changed, added, dropped or two swapped) share one of these."""
    if len(key) < 3:
        return {key}
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


class Index(Calibration):
    """Registered persons, searchable by inquiry, kept current as people register: `add` a
    record, `update` it when its fields change, `remove` it (merged into another, anonymised).

    `families=False` drops the household rules, for lists of unrelated people (see Model).

    Positions (`records[i]`) are internal: a removed or replaced record leaves a tombstone at
    its old position, which no query, duplicate search or estimate sees again, and which
    `compact` (run by itself when a quarter of the positions are tombstones) clears away.
    """

    def __init__(self, records: Iterable[Record] = (), *, families: bool = True) -> None:
        self.records: list[Prepared] = []
        self.originals: list[Record | None] = []  # the record as given, None for a tombstone
        self.positions: dict[str, int] = {}  # id -> position of its live record
        self.dead: set[int] = set()  # tombstones
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.counts: dict[str, Counter[str]] = {"given": Counter(), "surname": Counter()}
        #: One-letter-less forms of the surname keys in the index -> those keys (separated by
        #: spaces: a string is a sixth of a set's memory): how a query finds a surname
        #: registered with a typo (`query_keys`).
        self.variants: dict[str, str] = {}
        self.surname_keys: set[str] = set()
        self.model = REGISTRY if families else LINKAGE
        for record in records:
            self.add(record)

    def __len__(self) -> int:
        """How many people are registered (tombstones not counted)."""
        return len(self.records) - len(self.dead)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.positions

    def add(self, record: Record) -> None:
        """Register a person. A record whose id is registered already replaces it (`update`)."""
        if record.id in self.positions:
            self._bury(self.positions[record.id])
        prepared = prepare(record, query=False)
        position = len(self.records)
        self.records.append(prepared)
        self.originals.append(record)
        self.positions[record.id] = position
        for key in set(_keys(prepared, query=False)):
            self.postings[key].append(position)
        for key in prepared.surname.keys:
            if key not in self.surname_keys:
                self.surname_keys.add(key)
                for variant in _deletions(key):
                    known = self.variants.get(variant)
                    self.variants[variant] = f"{known} {key}" if known else key
        self._count(prepared, 1)

    def update(self, record: Record) -> None:
        """The record with the same id, its fields changed (a status, a corrected name, an
        address). The old version is never a candidate again. KeyError if it is unknown."""
        if record.id not in self.positions:
            raise KeyError(record.id)
        self.add(record)
        self._maybe_compact()

    def remove(self, record_id: str) -> bool:
        """Take a person out (merged into another record, anonymised): never a candidate
        again. False when the id was not registered."""
        position = self.positions.pop(record_id, None)
        if position is None:
            return False
        self._bury(position)
        self._maybe_compact()
        return True

    def get(self, record_id: str) -> Record | None:
        """The registered record with this id, as it was added or last updated."""
        position = self.positions.get(record_id)
        return None if position is None else self.originals[position]

    def prepared(self, record_id: str) -> Prepared | None:
        """The normalised form of the registered record with this id."""
        position = self.positions.get(record_id)
        return None if position is None else self.records[position]

    def _bury(self, position: int) -> None:
        self.dead.add(position)
        self.originals[position] = None
        self._count(self.records[position], -1)

    def _count(self, prepared: Prepared, step: int) -> None:
        for core in prepared.surname.cores[:1]:
            self.counts["surname"][core] += step
        if prepared.given.first:
            self.counts["given"][prepared.given.first] += step

    def _maybe_compact(self) -> None:
        if len(self.dead) > max(1000, len(self.records) // 4):
            self.compact()

    def compact(self) -> None:
        """Drop the tombstones: postings and positions rebuilt from the live records (about
        a second per 100,000). Run by `update` and `remove` when they pile up."""
        live = [(p, r) for p, r in zip(self.records, self.originals, strict=True) if r is not None]
        self.records, self.originals = [p for p, _r in live], [r for _p, r in live]
        self.positions = {p.id: position for position, p in enumerate(self.records)}
        self.dead = set()
        self.postings = defaultdict(list)
        for position, prepared in enumerate(self.records):
            for key in set(_keys(prepared, query=False)):
                self.postings[key].append(position)

    def frequency(self, field_name: str, value: str) -> float:
        """How common a name is among the registered: the u of agreeing on it."""
        return (
            self.counts[field_name].get(value, 0) + PRIOR_RECORDS * TYPICAL_FREQUENCY[field_name]
        ) / (len(self) + PRIOR_RECORDS)

    def candidates(
        self, prepared: Prepared, *, exclude: int | None = None, keys: set[str] | None = None
    ) -> set[int]:
        """Registered people sharing blocking keys with `prepared` (its keys, or `keys` when
        the caller has them already)."""
        found: set[int] = set()
        shared: Counter[int] = Counter()
        # Blocks are scored whole up to MAX_POSTING in a small index, SMALL_POSTING from
        # LARGE_INDEX on, and in between less as the index grows: query time stays level.
        n = max(len(self), 1)
        small = max(SMALL_POSTING, min(MAX_POSTING, SMALL_POSTING * LARGE_INDEX // n))
        for key in self.query_keys(prepared) if keys is None else keys:
            posting = self.postings.get(key)
            if not posting or len(posting) > MAX_POSTING:
                continue
            if len(posting) <= small:
                found.update(posting)
            else:
                shared.update(posting)
        found.update(position for position, count in shared.items() if count >= 2)
        found.discard(exclude if exclude is not None else -1)
        return found - self.dead if self.dead else found  # iterates `found`, not the dead

    def query_keys(self, prepared: Prepared) -> set[str]:
        """The blocking keys of an inquiry, and those of the registered surnames one typo
        away from its own: "Kuipers" 1960 also asks for "Kunpers" 1960 (by birth year and
        by initial only: the coarser keys of a near surname would double the candidates)."""
        keys = set(_keys(prepared, query=True))
        births = [prepared.birth]
        if prepared.birth.swapped is not None:
            births.append(prepared.birth.swapped)
        for surname, given in (
            (prepared.surname, prepared.given),
            (prepared.swapped_surname, prepared.swapped_given),
        ):
            own = set(surname.keys)
            near: set[str] = set()
            for key in own:
                for variant in _deletions(key):
                    if variant in self.variants:
                        near.update(self.variants[variant].split())
            for key in near - own:
                keys.update(_surname_keys(key, given, births, groups=False))
        return keys

    def total(self, comparison: Comparison) -> float:
        """The score: the sum of the weights of the levels. A level that agrees on a name is
        weighed by how common that name is here; "missing" weighs nothing."""
        weights = self.model.weights
        total = -SWAP_PENALTY if comparison.names_swapped else 0.0
        for f, (name, _reason, value) in zip(FIELDS, comparison.levels, strict=True):
            if value:
                m = self.model.tf_m[(f, name)]
                total += min(TF_CAP[f], math.log2(m / self.frequency(f, value)))
            elif name != "missing":
                total += weights.get((f, name), 0.0)
        return total

    def score(self, q: Prepared, r: Prepared) -> Candidate:
        comparison = compare(q, r)
        return self._candidate(r, comparison, self.total(comparison))

    def _scored(self, q: Prepared, r: Prepared) -> Candidate | None:
        """The candidate if it scores at least POSSIBLE_SCORE (reasons are only put into
        words for those)."""
        comparison = compare(q, r)
        total = self.total(comparison)
        return self._candidate(r, comparison, total) if round(total, 2) >= POSSIBLE_SCORE else None

    def _candidate(self, r: Prepared, comparison: Comparison, total: float) -> Candidate:
        return self._judge(r, comparison, total)[0]

    def _judge(self, r: Prepared, comparison: Comparison, total: float) -> tuple[Candidate, bool]:
        """The candidate with its reasons and decision, and whether it would be a match if
        no other candidate came close (see PARTIAL_DATE_RELIEF)."""
        levels = dict(zip(FIELDS, comparison.levels, strict=True))
        reasons = [levels[f][1] for f in REASON_ORDER if levels[f][1]]
        if comparison.names_swapped:
            reasons.insert(0, "voornaam en achternaam verwisseld")
        given, surname, birth = levels["given"][0], levels["surname"][0], levels["birth"][0]
        if levels["address"][0] == "exact" and surname == "exact" and given == "different":
            reasons.append(
                "zelfde adres en achternaam, andere voornaam: waarschijnlijk een gezinslid"
            )
        decision = self._decide(
            total - self.match_threshold,
            given,
            surname,
            birth,
            levels["id_number"][0],
            levels["sex"][0],
        )
        candidate = Candidate(
            r.id, round(total, 2), "match" if decision == "match" else "possible", reasons
        )
        return candidate, decision == "alone"

    @property
    def match_threshold(self) -> float:
        prior = self.model.prior
        if prior is None:  # every inquiry is about one of the registered
            prior = -math.log2(max(len(self), 2))
        return max(self.model.min_score, self.model.margin - prior)

    def _decide(
        self, excess: float, given: str, surname: str, birth: str, identity: str, sex: str
    ) -> str:
        """ "match", "possible", or "alone": a match if no other candidate comes close.

        A match needs enough evidence (`excess` >= 0) and, in a registry of households, no
        contradiction. The household rules: a different given name where surname and birth
        agree (a twin or sibling) rules a match out unless an identity number agrees, and so
        do a date of birth a generation apart (a parent or a namesake junior), a slip in the
        decade and another sex. A different surname or identity number only weighs against:
        a married woman may use another surname, and numbers get mistyped. Then either given
        name, surname and date of birth all agree (with typos and known variants), or two
        agree and the score passes by 3 more. That margin matters when the date is missing: a
        father and his namesake junior at one address, with a common name, stay "possible".
        An agreeing identity number outweighs one contradiction.

        A year of birth alone (the inquiry gave no more) agrees less than a date: with given
        name and surname agreeing it makes a match only when the score is at most
        PARTIAL_DATE_RELIEF short and no other candidate comes within RIVAL_GAP ("alone";
        `query` decides, as it sees the others).
        """
        if not self.model.families:
            return "match" if excess >= 0 else "possible"
        if sex == "different":
            return "possible"
        agree = [
            given in STRONG_NAME or given == "initials",
            surname in STRONG_NAME,
            birth in ("exact", "swapped", "digit"),
        ]
        if identity == "exact":
            return "match" if sum(agree) >= 1 and excess >= 0 else "possible"
        if birth in ("generation", "digit_decade", "year") or given == "different":
            return "possible"
        if all(agree):
            return "match" if excess >= 0 else "possible"
        if sum(agree) == 2 and excess >= 3:
            return "match"
        if birth == "year_only" and agree[0] and agree[1] and excess >= -PARTIAL_DATE_RELIEF:
            return "alone"
        return "possible"

    def query(self, record: Record, *, limit: int = TOP) -> list[Candidate]:
        """Ranked candidates for one inquiry: best first, at most `limit`. Those above
        POSSIBLE_SCORE, and when they are fewer than FILL the best of the weaker ones blocking
        found, to fill the list up to FILL (reason "zwakke kandidaat")."""
        prepared = prepare(record)
        judged: list[tuple[Candidate, bool]] = []
        weak: list[tuple[float, str, Prepared, Comparison]] = []
        for position in self.candidates(prepared):
            r = self.records[position]
            comparison = compare(prepared, r)
            total = self.total(comparison)
            if round(total, 2) >= POSSIBLE_SCORE:
                judged.append(self._judge(r, comparison, total))
            else:
                weak.append((total, r.id, r, comparison))
        kept = [candidate for candidate, _alone in judged]
        if any(alone for _c, alone in judged):
            self._settle_alone(judged, max((w[0] for w in weak), default=None))
        self._settle_rivals(kept)
        kept.sort(key=lambda c: (c.decision != "match", -c.score, c.person_id))
        missing = min(limit, FILL) - len(kept)
        if missing > 0 and weak:
            weak.sort(key=lambda w: (-w[0], w[1]))
            for total, _id, r, comparison in weak[:missing]:
                candidate = self._candidate(r, comparison, total)
                candidate.reasons.insert(0, "zwakke kandidaat: weinig gegevens komen overeen")
                kept.append(candidate)
        return kept[:limit]

    @staticmethod
    def _settle_rivals(candidates: list[Candidate]) -> None:
        """Two candidates that each pass as the person cannot both be: the better one stays a
        match only when it leads the other by RIVAL_GAP; when they are closer, neither is (a
        namesake born the same day, or one person registered twice: the operator decides)."""
        matches = sorted((c for c in candidates if c.decision == "match"), key=lambda c: -c.score)
        if len(matches) < 2:
            return
        close = matches[0].score - matches[1].score < RIVAL_GAP
        for candidate in matches[0 if close else 1 :]:
            candidate.decision = "possible"
            candidate.reasons.append(
                "een andere kandidaat past even goed: naamgenoot of dubbel geregistreerd"
                if close
                else "een andere kandidaat past veel beter"
            )

    @staticmethod
    def _settle_alone(judged: list[tuple[Candidate, bool]], best_weak: float | None) -> None:
        """A candidate that is a match if it stands alone becomes one when no other candidate
        comes within RIVAL_GAP of its score."""
        scores = sorted((c.score for c, _alone in judged), reverse=True)
        best = scores[0]
        runner_up = scores[1] if len(scores) > 1 else best_weak
        for candidate, alone in judged:
            if (
                alone
                and candidate.score == best
                and (runner_up is None or best - runner_up >= RIVAL_GAP)
            ):
                candidate.decision = "match"
                candidate.reasons.append(
                    "alleen het geboortejaar gegeven, maar geen andere kandidaat komt in de buurt"
                )

    def _duplicate_pairs(
        self, start: int = 0, stop: int | None = None
    ) -> Iterator[tuple[Prepared, int]]:
        """Each record (from start to stop) read as an inquiry, with the later records it
        might be a duplicate of."""
        end = len(self.records) if stop is None else min(stop, len(self.records))
        for position in range(start, end):
            if position in self.dead:
                continue
            prepared = self.records[position].as_query()
            for other in self.candidates(prepared, exclude=position):
                if other > position:
                    yield prepared, other

    def duplicates(
        self, *, min_decision: str = "match", start: int = 0, stop: int | None = None
    ) -> Iterator[tuple[str, str, Candidate]]:
        """Pairs of registrations that are probably the same person (each pair once).
        `start`/`stop` take a slice of the registry, to share the work among processes."""
        wanted = {"match"} if min_decision == "match" else {"match", "possible"}
        for prepared, other in self._duplicate_pairs(start, stop):
            candidate = self._scored(prepared, self.records[other])
            if candidate is not None and candidate.decision in wanted:
                yield prepared.id, self.records[other].id, candidate
