"""The matching engine: an index of registered persons, queried one inquiry at a time or
searched for duplicates.

Scoring follows Fellegi–Sunter: every field comparison lands on a level (exact, known
nickname, typo, different, missing…) with a weight, the log2 of how much likelier that level
is for the same person than for two different people. Exact name agreement is weighed by how
common the name is in the index (agreeing on "Jansen" says less than on "Oosterhuis"). The
weights are fixed and documented below rather than learned: they are interpretable, and a
reason in words goes with each. The sum is the score.

A candidate is a *match* only with agreement on given name, surname and date of birth (or, for
a partial date, an agreeing address or phone) and a score over MATCH_SCORE; otherwise it is
*possible* when the score passes POSSIBLE_SCORE. Family awareness falls out of the levels: a
sibling or twin at the same address disagrees on the given name, a junior named after a parent
on the year of birth, and either disagreement rules out a match.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import JaroWinkler, Levenshtein

from oranje.matching.normalize import (
    BirthDate,
    Given,
    Surname,
    fold,
    house_number,
    parse_birth_date,
    phone,
    postcode,
    sex,
    split_given,
    split_surname,
    street,
)

#: Evidence (in bits) a match needs beyond the prior: among N registered people the prior odds
#: that a given one is the person asked about are about 1/N, so the threshold is log2(N) plus
#: this margin (posterior odds of at least 2^5.5, about 45 to 1). At least MIN_MATCH_SCORE.
MATCH_MARGIN = 5.5
MIN_MATCH_SCORE = 16.0
POSSIBLE_SCORE = 4.0
#: A blocking key shared by more records than this is too common to be useful: the other keys
#: of the same record find its true matches, and skipping it keeps queries fast at 1M records.
MAX_POSTING = 600
#: Members of a block up to this size are always scored; members of a larger block only when
#: they share a second key with the inquiry (a common surname and birth year alone is not
#: enough to be worth scoring against a million people).
SMALL_POSTING = 40
#: Below this many records every block is small enough to score whole.
LARGE_INDEX = 100_000
TOP = 10


@dataclass(frozen=True)
class Record:
    """One person as registered or as asked about. Only `id` is required."""

    id: str
    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_date: str = ""
    sex: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    #: An identity number where the source has one (the BSN in Dutch registries). Not part of
    #: the match-eval CSV format; available to callers of the library.
    id_number: str = ""


@dataclass(frozen=True, slots=True)
class Prepared:
    id: str
    given: Given
    surname: Surname
    swapped_given: Given  # the surname read as a given name (for swapped fields)
    swapped_surname: Surname
    birth: BirthDate
    sex: str
    street: str
    house: tuple[str, str]
    postcode: str
    city: str
    phone: str
    id_number: str
    raw_names: tuple[str, str, str]  # given names, prefix, surname as written

    def as_query(self) -> Prepared:
        """This record read as an inquiry: with the swapped reading of its names."""
        if self.swapped_given is not _NO_GIVEN:
            return self
        given, prefix, surname = self.raw_names
        return replace(
            self,
            swapped_given=split_given(f"{prefix} {surname}".strip()),
            swapped_surname=split_surname("", given),
        )


_NO_GIVEN = split_given("")
_NO_SURNAME = split_surname("", "")


def prepare(record: Record, *, query: bool = True) -> Prepared:
    """Normalise a record. Only inquiries need the swapped reading of their names."""
    return Prepared(
        id=record.id,
        given=split_given(record.given_names),
        surname=split_surname(record.prefix, record.surname),
        swapped_given=split_given(f"{record.prefix} {record.surname}".strip())
        if query
        else _NO_GIVEN,
        swapped_surname=split_surname("", record.given_names) if query else _NO_SURNAME,
        birth=parse_birth_date(record.birth_date),
        sex=sex(record.sex),
        street=street(record.street),
        house=house_number(record.house_number),
        postcode=postcode(record.postcode),
        city=fold(record.city),
        phone=phone(record.phone),
        id_number="".join(ch for ch in record.id_number if ch.isalnum()),
        raw_names=(record.given_names, record.prefix, record.surname),
    )


@dataclass
class Candidate:
    person_id: str
    score: float
    decision: str  # "match" or "possible"
    reasons: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- field comparisons
# Each returns (level, weight, reason). Weights are log2(m/u) with m the chance of the level
# for one person registered twice in haste, u the chance for two different people.

STRONG_NAME = {"exact", "nickname", "other_name", "typo", "phonetic"}


def _typo(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 4:
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1 or JaroWinkler.similarity(a, b) >= 0.93


def compare_given(q: Given, r: Given, weight_exact: float) -> tuple[str, float, str]:
    if not (q.names or q.initials) or not (r.names or r.initials):
        return "missing", 0.0, ""
    if q.names and r.names:
        if q.first == r.first:
            return "exact", weight_exact, f"zelfde voornaam '{r.first}'"
        if q.first_groups & r.first_groups:
            return "nickname", 6.0, f"'{q.first}' is een bekende naam voor '{r.first}'"
        for qg in q.groups:
            for index, rg in enumerate(r.groups):
                if qg & rg:
                    return (
                        "other_name",
                        4.5,
                        f"'{q.first}' staat ook in de voornamen ('{r.names[index]}')",
                    )
        if _typo(q.first, r.first) or "".join(q.names) == "".join(r.names):
            return "typo", 4.0, f"voornaam lijkt op '{r.first}' (tikfout)"
        if (
            q.first[:1] == r.first[:1]
            and Levenshtein.distance(q.first, r.first, score_cutoff=1) <= 1
        ):
            return "typo", 2.5, f"voornaam lijkt op '{r.first}' (tikfout)"  # short names: Roy/Riy
        if JaroWinkler.similarity(q.first, r.first) >= 0.85:
            return "similar", 0.0, ""
        return "different", -7.0, f"andere voornaam ('{q.first}' / '{r.first}')"
    qi, ri = q.initials, r.initials
    if qi and ri and (qi.startswith(ri) or ri.startswith(qi)):
        return "initials", 2.0, "voorletters passen bij de voornamen"
    return "different", -4.0, "voorletters passen niet"


def compare_surname(
    q: Surname, r: Surname, weight_exact: Callable[[str], float]
) -> tuple[str, float, str]:
    if not q.cores or not r.cores:
        return "missing", 0.0, ""
    for qc in q.cores:
        for rc in r.cores:
            if qc == rc:
                reason = f"zelfde achternaam '{rc}'"
                prefix_penalty = 0.0
                if q.prefix != r.prefix and (q.prefix or r.prefix):
                    reason = f"achternaam gelijk na '{r.prefix or q.prefix}'"
                    # Both given but different ("de" / "van"), or one left out: a little weaker.
                    prefix_penalty = 1.0 if q.prefix and r.prefix else 0.5
                elif qc != q.cores[0] or rc != r.cores[0]:
                    # Half of a double name: the person may use it, but so may a relative.
                    reason = f"achternaam '{qc}' is een deel van de (dubbele) achternaam"
                    return "exact", weight_exact(rc) - 2.0 - prefix_penalty, reason
                return "exact", weight_exact(rc) - prefix_penalty, reason
    if set(q.keys) & set(r.keys):
        return "phonetic", 6.0, f"achternaam klinkt gelijk ('{q.primary}' / '{r.primary}')"
    best = max(JaroWinkler.similarity(qc, rc) for qc in q.cores for rc in r.cores)
    if any(_typo(qc, rc) for qc in q.cores for rc in r.cores):
        return "typo", 5.0, f"achternaam lijkt op '{r.primary}' (tikfout)"
    if best >= 0.86:
        return "similar", 1.5, ""
    # Not a veto, and not too heavy: a married woman may give her partner's name.
    return "different", -4.5, f"andere achternaam ('{q.primary}' / '{r.primary}')"


def _one_digit(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def compare_birth(q: BirthDate, r: BirthDate) -> tuple[str, float, str]:
    if q.year is None or r.year is None:
        return "missing", 0.0, ""
    if q.full and r.full:
        if q == r:
            return "exact", 10.0, "zelfde geboortedatum"
        if q.swapped == r:
            return "swapped", 7.0, "geboortedatum met dag en maand verwisseld"
        gap = abs(q.year - r.year)
        if _one_digit(q.digits, r.digits):
            if gap >= 10:  # a slip in the decade makes another generation: weak evidence
                return (
                    "digit_decade",
                    1.0,
                    f"geboortejaar op één cijfer na gelijk ({gap} jaar verschil)",
                )
            return "digit", 6.0, "geboortedatum op één cijfer na gelijk"
        if gap == 0 and q.month == r.month:
            return "month", 1.0, "zelfde geboortemaand en -jaar"
        if gap == 0:
            return "year", -2.0, "alleen het geboortejaar is gelijk"
        if gap >= 12:
            return "generation", -12.0, f"geboortejaar verschilt {gap} jaar: mogelijk ouder of kind"
        return "different", -9.0, "andere geboortedatum"
    if q.year == r.year:
        return "year_only", 4.0, "zelfde geboortejaar"
    if abs(q.year - r.year) == 1:
        return "year_near", 0.0, ""
    return "different", -7.0, "ander geboortejaar"


def compare_address(q: Prepared, r: Prepared) -> tuple[str, float, str]:
    number_same = bool(q.house[0]) and q.house[0] == r.house[0]
    if q.postcode and r.postcode:
        if q.postcode == r.postcode and number_same:
            return "exact", 5.0, "zelfde postcode en huisnummer"
        if q.postcode == r.postcode:
            return "postcode", 2.0, "zelfde postcode"
    if q.street and r.street and number_same and JaroWinkler.similarity(q.street, r.street) >= 0.9:
        return "street", 4.0, "zelfde straat en huisnummer"
    if (q.postcode and r.postcode) or (q.street and r.street):
        return "different", -1.0, ""
    return "missing", 0.0, ""


def compare_id_number(q: str, r: str) -> tuple[str, float, str]:
    if not q or not r:
        return "missing", 0.0, ""
    if q == r:
        return "exact", 14.0, "zelfde identiteitsnummer"
    if _one_digit(q, r):
        return "typo", 5.0, "identiteitsnummer op één cijfer na gelijk"
    return "different", -8.0, "ander identiteitsnummer"


def compare_city(q: str, r: str) -> tuple[str, float, str]:
    if not q or not r:
        return "missing", 0.0, ""
    if q == r:
        return "exact", 2.0, f"zelfde woonplaats '{r}'"
    if _typo(q, r):
        return "typo", 1.0, ""
    return "different", -1.0, ""


# ---------------------------------------------------------------- the index


def _keys(p: Prepared, *, query: bool) -> Iterator[str]:
    """Blocking keys. The query side adds variants: day and month swapped, names swapped."""
    births = [p.birth]
    if query and p.birth.swapped is not None:
        births.append(p.birth.swapped)
    surnames = [p.surname, p.swapped_surname] if query else [p.surname]
    givens = [p.given, p.swapped_given] if query else [p.given]
    for surname, given in zip(surnames, givens, strict=True):
        initial = (given.first or given.initials)[:1]
        for key in surname.keys:
            for birth in births:
                if birth.year is not None:
                    yield f"s{key}|{birth.year}"
            if initial:
                yield f"i{key}|{initial}"
        for group in given.first_groups:
            for birth in births:
                if birth.full:
                    yield f"g{group}|{birth.digits}"
                elif birth.year is not None:
                    yield f"y{group}|{birth.year}"
            if surname.keys:
                yield f"n{group}|{surname.keys[0][:2]}"
    for birth in births:
        if birth.full:
            yield f"d{birth.digits}"
    if p.postcode and p.house[0]:
        yield f"p{p.postcode}|{p.house[0]}"
    if p.phone:
        yield f"t{p.phone}"
    if p.id_number:
        yield f"b{p.id_number}"


class Index:
    """Registered persons, searchable by inquiry; `add` keeps it current as people register."""

    def __init__(self, records: Iterable[Record] = ()) -> None:
        self.records: list[Prepared] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.surname_counts: Counter[str] = Counter()
        self.given_counts: Counter[str] = Counter()
        for record in records:
            self.add(record)

    def __len__(self) -> int:
        return len(self.records)

    def add(self, record: Record) -> None:
        prepared = prepare(record, query=False)
        position = len(self.records)
        self.records.append(prepared)
        for key in set(_keys(prepared, query=False)):
            self.postings[key].append(position)
        for core in prepared.surname.cores[:1]:
            self.surname_counts[core] += 1
        if prepared.given.first:
            self.given_counts[prepared.given.first] += 1

    # -- weights that depend on how common a name is in the index. The observed frequency is
    # blended with a typical one (as if PRIOR_RECORDS more people had been seen), so that a
    # small registry in which three of four people are called Berg does not conclude that
    # Berg is the commonest name there is.
    PRIOR_RECORDS = 1000

    def _frequency_weight(
        self, counts: Counter[str], value: str, *, m: float, typical: float, cap: float
    ) -> float:
        u = (counts.get(value, 0) + self.PRIOR_RECORDS * typical) / (
            len(self.records) + self.PRIOR_RECORDS
        )
        return min(cap, math.log2(m / u))

    def surname_weight(self, core: str) -> float:
        return self._frequency_weight(self.surname_counts, core, m=0.9, typical=0.001, cap=13.0)

    def given_weight(self, name: str) -> float:
        return self._frequency_weight(self.given_counts, name, m=0.85, typical=0.004, cap=9.0)

    def candidates(self, prepared: Prepared, *, exclude: int | None = None) -> set[int]:
        found: set[int] = set()
        shared: Counter[int] = Counter()
        small = SMALL_POSTING if len(self.records) >= LARGE_INDEX else MAX_POSTING
        for key in set(_keys(prepared, query=True)):
            posting = self.postings.get(key)
            if not posting or len(posting) > MAX_POSTING:
                continue
            if len(posting) <= small:
                found.update(posting)
            else:
                shared.update(posting)
        found.update(position for position, count in shared.items() if count >= 2)
        found.discard(exclude if exclude is not None else -1)
        return found

    def score(self, q: Prepared, r: Prepared) -> Candidate:
        given = compare_given(
            q.given, r.given, self.given_weight(r.given.first) if r.given.first else 0.0
        )
        surname = compare_surname(q.surname, r.surname, self.surname_weight)
        swapped_given = compare_given(q.swapped_given, r.given, 6.0)
        swapped_surname = compare_surname(q.swapped_surname, r.surname, self.surname_weight)
        swapped = swapped_given[1] + swapped_surname[1] - 1.0
        names_swapped = swapped > given[1] + surname[1] and swapped_given[0] in STRONG_NAME
        if names_swapped:
            given, surname = swapped_given, swapped_surname
        birth = compare_birth(q.birth, r.birth)
        address = compare_address(q, r)
        city = compare_city(q.city, r.city)
        identity = compare_id_number(q.id_number, r.id_number)
        phone_weight = 7.0 if q.phone and q.phone == r.phone else 0.0
        sex_weight = 0.0
        if q.sex in ("M", "V") and r.sex in ("M", "V"):
            sex_weight = 0.5 if q.sex == r.sex else -5.0
        total = (
            given[1]
            + surname[1]
            + birth[1]
            + address[1]
            + city[1]
            + identity[1]
            + phone_weight
            + sex_weight
        )
        reasons = [r for _level, _w, r in (identity, given, surname, birth, address, city) if r]
        if names_swapped:
            reasons.insert(0, "voornaam en achternaam verwisseld")
        if phone_weight:
            reasons.append("zelfde telefoonnummer")
        if sex_weight < 0:
            reasons.append("ander geslacht")
        if address[0] == "exact" and surname[0] == "exact" and given[0] == "different":
            reasons.append(
                "zelfde adres en achternaam, andere voornaam: waarschijnlijk een gezinslid"
            )
        is_match = self._decide(
            total - self.match_threshold, given[0], surname[0], birth[0], identity[0], sex_weight
        )
        decision = "match" if is_match else "possible"
        return Candidate(r.id, round(total, 2), decision, reasons)

    @property
    def match_threshold(self) -> float:
        return max(MIN_MATCH_SCORE, math.log2(max(len(self.records), 2)) + MATCH_MARGIN)

    @staticmethod
    def _decide(
        excess: float, given: str, surname: str, birth: str, identity: str, sex_weight: float
    ) -> bool:
        """A match needs no contradiction and enough agreement.

        Contradictions that rule a match out: a different given name where surname and birth
        agree (a twin or sibling) unless an identity number agrees, a date of birth a
        generation apart (a parent or a namesake junior), a slip in the decade, another sex.
        A different surname or identity number only weighs against: a married woman may use
        another surname, and numbers get mistyped.

        Then either given name, surname and date of birth all agree (with typos and known
        variants) and the score passes the match threshold (`excess` >= 0), or two agree and
        it passes by 3 more. That margin matters when the date is missing: a father and his
        namesake junior at one address, with a common name, stay "possible". An agreeing
        identity number outweighs one contradiction.
        """
        if sex_weight < 0:
            return False
        agree = [
            given in STRONG_NAME or given == "initials",
            surname in STRONG_NAME,
            birth in ("exact", "swapped", "digit"),
        ]
        if identity == "exact":
            return sum(agree) >= 1 and excess >= 0
        if birth in ("generation", "digit_decade", "year") or given == "different":
            return False
        if all(agree):
            return excess >= 0
        return sum(agree) == 2 and excess >= 3

    def query(self, record: Record, *, limit: int = TOP) -> list[Candidate]:
        """Ranked candidates for one inquiry: best first, at most `limit`, all above
        POSSIBLE_SCORE."""
        prepared = prepare(record)
        scored = [self.score(prepared, self.records[i]) for i in self.candidates(prepared)]
        kept = [c for c in scored if c.score >= POSSIBLE_SCORE]
        kept.sort(key=lambda c: (c.decision != "match", -c.score, c.person_id))
        return kept[:limit]

    def duplicates(self, *, min_decision: str = "match") -> Iterator[tuple[str, str, Candidate]]:
        """Pairs of registrations that are probably the same person (each pair once)."""
        wanted = {"match"} if min_decision == "match" else {"match", "possible"}
        for position, record in enumerate(self.records):
            prepared = record.as_query()
            for other in self.candidates(prepared, exclude=position):
                if other <= position:
                    continue
                candidate = self.score(prepared, self.records[other])
                if candidate.decision in wanted and candidate.score >= POSSIBLE_SCORE:
                    yield prepared.id, self.records[other].id, candidate


def match_pairs(index: Index, inquiries: Iterable[Record]) -> Iterator[tuple[str, list[Candidate]]]:
    for inquiry in inquiries:
        yield inquiry.id, index.query(inquiry)
