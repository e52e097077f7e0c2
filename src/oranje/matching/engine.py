"""The matching engine: an index of registered persons, queried one inquiry at a time or
searched for duplicates.

Scoring follows Fellegi–Sunter: every field comparison lands on a level (exact, known
nickname, typo, different, missing…) with a weight, the log2 of how much likelier that level
is for the same person than for two different people. Exact name agreement is weighed by how
common the name is in the index (agreeing on "Jansen" says less than on "Oosterhuis"). A reason
in words goes with each level. The sum is the score.

Two profiles (Model): the *registry* profile, the default, has fixed weights written for
registrations made in haste (DEFAULT_WEIGHTS) and household rules. A candidate is a *match*
only with agreement on given name, surname and date of birth (or, for a partial date, an
agreeing address or phone) and a score over the match threshold; otherwise it is *possible*
when the score passes POSSIBLE_SCORE. Family awareness falls out of the levels: a sibling or
twin at the same address disagrees on the given name, a junior named after a parent on the year
of birth, and either disagreement rules out a match. The *linkage* profile, for lists of
unrelated people, has no household rules; `Index.calibrate` estimates its weights from the data
without labels, and a match is a posterior probability over one half.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import random
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
    phonetic,
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
#: Reading the names the other way round ("Tschirn Kale") is a little weaker evidence.
SWAP_PENALTY = 1.0


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
        return Prepared(  # not dataclasses.replace: this runs once per record in a batch
            self.id,
            self.given,
            self.surname,
            split_given(f"{prefix} {surname}".strip()),
            split_surname("", given),
            self.birth,
            self.sex,
            self.street,
            self.house,
            self.postcode,
            self.city,
            self.phone,
            self.id_number,
            self.raw_names,
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
# Each comparison lands on a level and says why in words; the model (below) holds the weight
# of every level. Comparisons of names whose weight depends on how common the name is also
# return the name ("tf": term frequency).

STRONG_NAME = {
    "exact",
    "prefix",
    "part",
    "nickname",
    "other_name",
    "typo",
    "typo_short",
    "phonetic",
}
Level = tuple[str, str, str]  # level, reason, the name agreed on (for tf weights) or ""


def _typo(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 4:
        return False
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1 or JaroWinkler.similarity(a, b) >= 0.93


def compare_given(q: Given, r: Given) -> Level:
    if not (q.names or q.initials) or not (r.names or r.initials):
        return "missing", "", ""
    if q.names and r.names:
        if q.first == r.first:
            return "exact", f"zelfde voornaam '{r.first}'", r.first
        if q.first_groups & r.first_groups:
            return "nickname", f"'{q.first}' is een bekende naam voor '{r.first}'", ""
        for qg in q.groups:
            for index, rg in enumerate(r.groups):
                if qg & rg:
                    return (
                        "other_name",
                        f"'{q.first}' staat ook in de voornamen ('{r.names[index]}')",
                        "",
                    )
        if _typo(q.first, r.first) or "".join(q.names) == "".join(r.names):
            return "typo", f"voornaam lijkt op '{r.first}' (tikfout)", ""
        if (
            q.first[:1] == r.first[:1]
            and Levenshtein.distance(q.first, r.first, score_cutoff=1) <= 1
        ):  # short names: Roy/Riy
            return "typo_short", f"voornaam lijkt op '{r.first}' (tikfout)", ""
        if JaroWinkler.similarity(q.first, r.first) >= 0.85:
            return "similar", "", ""
        return "different", f"andere voornaam ('{q.first}' / '{r.first}')", ""
    qi, ri = q.initials, r.initials
    if qi and ri and (qi.startswith(ri) or ri.startswith(qi)):
        return "initials", "voorletters passen bij de voornamen", ""
    return "initials_different", "voorletters passen niet", ""


def compare_surname(q: Surname, r: Surname) -> Level:
    if not q.cores or not r.cores:
        return "missing", "", ""
    for qc in q.cores:
        for rc in r.cores:
            if qc == rc:
                if qc != q.cores[0] or rc != r.cores[0]:
                    # Half of a double name: the person may use it, but so may a relative.
                    return "part", f"achternaam '{qc}' is een deel van de (dubbele) achternaam", rc
                if q.prefix != r.prefix and (q.prefix or r.prefix):
                    # Different ("de" / "van"), or one left out: a little weaker.
                    return "prefix", f"achternaam gelijk na '{r.prefix or q.prefix}'", rc
                return "exact", f"zelfde achternaam '{rc}'", rc
    if set(q.keys) & set(r.keys):
        return "phonetic", f"achternaam klinkt gelijk ('{q.primary}' / '{r.primary}')", ""
    if any(_typo(qc, rc) for qc in q.cores for rc in r.cores):
        return "typo", f"achternaam lijkt op '{r.primary}' (tikfout)", ""
    if max(JaroWinkler.similarity(qc, rc) for qc in q.cores for rc in r.cores) >= 0.86:
        return "similar", "", ""
    # Not a veto, and not too heavy: a married woman may give her partner's name.
    return "different", f"andere achternaam ('{q.primary}' / '{r.primary}')", ""


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


def compare_birth(q: BirthDate, r: BirthDate) -> Level:
    if q.year is None or r.year is None:
        return "missing", "", ""
    if q.full and r.full:
        if q == r:
            return "exact", "zelfde geboortedatum", ""
        if q.swapped == r:
            return "swapped", "geboortedatum met dag en maand verwisseld", ""
        gap = abs(q.year - r.year)
        if _one_digit(q.digits, r.digits):
            if gap >= 10:  # a slip in the decade makes another generation: weak evidence
                return (
                    "digit_decade",
                    f"geboortejaar op één cijfer na gelijk ({gap} jaar verschil)",
                    "",
                )
            return "digit", "geboortedatum op één cijfer na gelijk", ""
        if gap == 0 and q.month == r.month:
            return "month", "zelfde geboortemaand en -jaar", ""
        if gap == 0:
            return "year", "alleen het geboortejaar is gelijk", ""
        if gap >= 12:
            return "generation", f"geboortejaar verschilt {gap} jaar: mogelijk ouder of kind", ""
        return "different", "andere geboortedatum", ""
    if q.year == r.year:
        return "year_only", "zelfde geboortejaar", ""
    if abs(q.year - r.year) == 1:
        return "year_near", "", ""
    return "year_different", "ander geboortejaar", ""


def compare_address(q: Prepared, r: Prepared) -> Level:
    number_same = bool(q.house[0]) and q.house[0] == r.house[0]
    if q.postcode and r.postcode:
        if q.postcode == r.postcode and number_same:
            return "exact", "zelfde postcode en huisnummer", ""
        if q.postcode == r.postcode:
            return "postcode", "zelfde postcode", ""
    if q.street and r.street and number_same and JaroWinkler.similarity(q.street, r.street) >= 0.9:
        return "street", "zelfde straat en huisnummer", ""
    if (q.postcode and r.postcode) or (q.street and r.street):
        return "different", "", ""
    return "missing", "", ""


def compare_id_number(q: str, r: str) -> Level:
    if not q or not r:
        return "missing", "", ""
    if q == r:
        return "exact", "zelfde identiteitsnummer", ""
    if _one_digit(q, r):
        return "typo", "identiteitsnummer op één cijfer na gelijk", ""
    return "different", "ander identiteitsnummer", ""


def compare_city(q: str, r: str) -> Level:
    if not q or not r:
        return "missing", "", ""
    if q == r:
        return "exact", f"zelfde woonplaats '{r}'", ""
    if _typo(q, r):
        return "typo", "", ""
    return "different", "", ""


def compare_phone(q: str, r: str) -> Level:
    if not q or not r:
        return "missing", "", ""
    if q == r:
        return "exact", "zelfde telefoonnummer", ""
    return "different", "", ""


def compare_sex(q: str, r: str) -> Level:
    if q not in ("M", "V") or r not in ("M", "V"):
        return "missing", "", ""
    if q == r:
        return "same", "", ""
    return "different", "ander geslacht", ""


FIELDS = ("given", "surname", "birth", "address", "city", "id_number", "phone", "sex")
#: The order in which reasons are read out.
REASON_ORDER = ("id_number", "given", "surname", "birth", "address", "city", "phone", "sex")


@dataclass(frozen=True, slots=True)
class Comparison:
    levels: tuple[Level, ...]  # in the order of FIELDS
    names_swapped: bool


def compare(q: Prepared, r: Prepared) -> Comparison:
    given = compare_given(q.given, r.given)
    surname = compare_surname(q.surname, r.surname)
    names_swapped = False
    if q.swapped_given is not _NO_GIVEN and given[0] not in STRONG_NAME:
        # Read the other way round only when both names then agree (the surname first: it
        # rules most pairs out).
        swapped_surname = compare_surname(q.swapped_surname, r.surname)
        if swapped_surname[0] in STRONG_NAME:
            swapped_given = compare_given(q.swapped_given, r.given)
            if swapped_given[0] in STRONG_NAME:
                names_swapped = True
                given, surname = swapped_given, swapped_surname
    return Comparison(
        (
            given,
            surname,
            compare_birth(q.birth, r.birth),
            compare_address(q, r),
            compare_city(q.city, r.city),
            compare_id_number(q.id_number, r.id_number),
            compare_phone(q.phone, r.phone),
            compare_sex(q.sex, r.sex),
        ),
        names_swapped,
    )


# ---------------------------------------------------------------- the model
# Weights are log2(m/u): m the chance of a level for one person registered twice, u for two
# different people. The defaults below are written for registrations made in haste and
# inquiries from relatives; `Index.calibrate` estimates them from the data at hand instead
# (u from random pairs, m by expectation–maximisation over the candidate pairs, no labels).
# Levels that agree on a name take their u from how common that name is in the index, so
# agreeing on "Jansen" says less than agreeing on "Oosterhuis": the model holds their m.

DEFAULT_WEIGHTS: dict[tuple[str, str], float] = {
    ("given", "nickname"): 6.0,
    ("given", "other_name"): 4.5,
    ("given", "typo"): 4.0,
    ("given", "typo_short"): 2.5,
    ("given", "similar"): 0.0,
    ("given", "different"): -7.0,
    ("given", "initials"): 2.0,
    ("given", "initials_different"): -4.0,
    ("surname", "phonetic"): 6.0,
    ("surname", "typo"): 5.0,
    ("surname", "similar"): 1.5,
    ("surname", "different"): -4.5,
    ("birth", "exact"): 10.0,
    ("birth", "swapped"): 7.0,
    ("birth", "digit"): 6.0,
    ("birth", "digit_decade"): 1.0,
    ("birth", "month"): 1.0,
    ("birth", "year"): -2.0,
    ("birth", "generation"): -12.0,
    ("birth", "different"): -9.0,
    ("birth", "year_only"): 4.0,
    ("birth", "year_near"): 0.0,
    ("birth", "year_different"): -7.0,
    ("address", "exact"): 5.0,
    ("address", "postcode"): 2.0,
    ("address", "street"): 4.0,
    ("address", "different"): -1.0,
    ("city", "exact"): 2.0,
    ("city", "typo"): 1.0,
    ("city", "different"): -1.0,
    ("id_number", "exact"): 14.0,
    ("id_number", "typo"): 5.0,
    ("id_number", "different"): -8.0,
    ("phone", "exact"): 7.0,
    ("phone", "different"): 0.0,
    ("sex", "same"): 0.5,
    ("sex", "different"): -5.0,
}
#: m of the levels weighed by name frequency. A prefix given differently or left out, or only
#: half of a double name, is a little weaker evidence than the whole name.
DEFAULT_TF_M: dict[tuple[str, str], float] = {
    ("given", "exact"): 0.85,
    ("surname", "exact"): 0.9,
    ("surname", "prefix"): 0.9 * 2**-0.75,
    ("surname", "part"): 0.9 * 2**-2.5,
}
#: Name frequencies are blended with a typical one, as if PRIOR_RECORDS more people had been
#: seen, so that a small registry in which three of four people are called Berg does not
#: conclude that Berg is the commonest name there is.
PRIOR_RECORDS = 1000
TYPICAL_FREQUENCY = {"given": 0.004, "surname": 0.001}
TF_CAP = {"given": 9.0, "surname": 13.0}


@dataclass(frozen=True)
class Model:
    """The weight of every comparison level and the rule that turns a score into a decision.

    `families` switches on the household rules (see `Index._decide`): right for a registry of
    people who fled their homes together, wrong for a list of unrelated people. `prior` is the
    log2 odds that two people picked at random are one person; None means one in the size of
    the index (every inquiry is about somebody). A match needs a score of at least
    `margin` - `prior`, and never less than `min_score`.
    """

    weights: dict[tuple[str, str], float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    tf_m: dict[tuple[str, str], float] = field(default_factory=lambda: dict(DEFAULT_TF_M))
    families: bool = True
    prior: float | None = None
    margin: float = MATCH_MARGIN
    min_score: float = MIN_MATCH_SCORE
    #: What the estimation saw: for reports.
    estimated_from: str = ""

    def with_m(
        self,
        m: dict[str, dict[str, float]],
        u: dict[str, dict[str, float]],
        *,
        estimated_from: str,
    ) -> Model:
        """This model with the weights that the estimated m (per field, per level) give."""
        weights = dict(self.weights)
        tf_m = dict(self.tf_m)
        for f, levels in m.items():
            for level, m_level in levels.items():
                if (f, level) in tf_m:
                    tf_m[(f, level)] = m_level
                else:
                    weights[(f, level)] = max(-20.0, min(20.0, math.log2(m_level / u[f][level])))
        return replace(self, weights=weights, tf_m=tf_m, estimated_from=estimated_from)


#: A registry of people who fled their homes together: the household rules, the weights
#: above, and "match" only at posterior odds of about 45 to 1 (an inquiry's answer may be
#: read out to a mother).
REGISTRY = Model()
#: Lists of unrelated people (FEBRL, or two registries to link): no household rules, and
#: "match" at even posterior odds, as Splink's and recordlinkage's classifiers do. Its weights
#: are meant to be estimated with `Index.calibrate`.
LINKAGE = Model(families=False, margin=0.0, min_score=0.0)

#: Every level that has a weight.
LEVELS = (*DEFAULT_WEIGHTS, *DEFAULT_TF_M)
#: Estimation sessions: the blocking keys that choose the pairs (by their first letter), the
#: fields those keys make agree (left out of that session), and the fields whose m the
#: session estimates. Pairs sharing a date of birth say how names and addresses of one person
#: differ; pairs sharing a surname and an initial say how the dates do; pairs sharing an
#: address stand in where dates are scarce.
SESSIONS = (
    ("d", {"birth"}, ("given", "surname", "address", "city", "id_number", "phone", "sex")),
    ("i", {"surname", "given"}, ("birth", "address", "city", "id_number", "phone", "sex")),
    ("p", {"address", "city"}, ("given", "surname", "birth")),
)
MIN_SESSION_PAIRS = 200
PRIOR_PAIRS = 10.0


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
    if p.city:
        # Without a date of birth or an address, the place is what is left to go on.
        if p.surname.keys:
            yield f"c{p.surname.keys[0][:4]}|{p.city}"
        if p.given.first:
            yield f"f{phonetic(p.given.first)[:3]}|{p.city}"
    if p.postcode and p.house[0]:
        yield f"p{p.postcode}|{p.house[0]}"
    if p.postcode:
        for surname in surnames:
            for key in surname.keys[:1]:
                yield f"q{p.postcode}|{key[:2]}"
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


class Index:
    """Registered persons, searchable by inquiry; `add` keeps it current as people register.

    `families=False` drops the household rules, for lists of unrelated people (see Model).
    """

    def __init__(self, records: Iterable[Record] = (), *, families: bool = True) -> None:
        self.records: list[Prepared] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.counts: dict[str, Counter[str]] = {"given": Counter(), "surname": Counter()}
        self.model = REGISTRY if families else LINKAGE
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
            self.counts["surname"][core] += 1
        if prepared.given.first:
            self.counts["given"][prepared.given.first] += 1

    def frequency(self, field_name: str, value: str) -> float:
        """How common a name is among the registered: the u of agreeing on it."""
        return (
            self.counts[field_name].get(value, 0) + PRIOR_RECORDS * TYPICAL_FREQUENCY[field_name]
        ) / (len(self.records) + PRIOR_RECORDS)

    def candidates(
        self, prepared: Prepared, *, exclude: int | None = None, keys: set[str] | None = None
    ) -> set[int]:
        """Registered people sharing blocking keys with `prepared` (its keys, or `keys` when
        the caller has them already)."""
        found: set[int] = set()
        shared: Counter[int] = Counter()
        small = SMALL_POSTING if len(self.records) >= LARGE_INDEX else MAX_POSTING
        for key in set(_keys(prepared, query=True)) if keys is None else keys:
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
        levels = dict(zip(FIELDS, comparison.levels, strict=True))
        reasons = [levels[f][1] for f in REASON_ORDER if levels[f][1]]
        if comparison.names_swapped:
            reasons.insert(0, "voornaam en achternaam verwisseld")
        given, surname, birth = levels["given"][0], levels["surname"][0], levels["birth"][0]
        if levels["address"][0] == "exact" and surname == "exact" and given == "different":
            reasons.append(
                "zelfde adres en achternaam, andere voornaam: waarschijnlijk een gezinslid"
            )
        is_match = self._decide(
            total - self.match_threshold,
            given,
            surname,
            birth,
            levels["id_number"][0],
            levels["sex"][0],
        )
        return Candidate(r.id, round(total, 2), "match" if is_match else "possible", reasons)

    @property
    def match_threshold(self) -> float:
        prior = self.model.prior
        if prior is None:  # every inquiry is about one of the registered
            prior = -math.log2(max(len(self.records), 2))
        return max(self.model.min_score, self.model.margin - prior)

    def _decide(
        self, excess: float, given: str, surname: str, birth: str, identity: str, sex: str
    ) -> bool:
        """A match needs enough evidence (`excess` >= 0) and, in a registry of households,
        no contradiction.

        The household rules: a different given name where surname and birth agree (a twin or
        sibling) rules a match out unless an identity number agrees, and so do a date of birth
        a generation apart (a parent or a namesake junior), a slip in the decade and another
        sex. A different surname or identity number only weighs against: a married woman may
        use another surname, and numbers get mistyped. Then either given name, surname and
        date of birth all agree (with typos and known variants), or two agree and the score
        passes by 3 more. That margin matters when the date is missing: a father and his
        namesake junior at one address, with a common name, stay "possible". An agreeing
        identity number outweighs one contradiction.
        """
        if not self.model.families:
            return excess >= 0
        if sex == "different":
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
        scored = (self._scored(prepared, self.records[i]) for i in self.candidates(prepared))
        kept = [c for c in scored if c is not None]
        kept.sort(key=lambda c: (c.decision != "match", -c.score, c.person_id))
        return kept[:limit]

    def _duplicate_pairs(
        self, start: int = 0, stop: int | None = None
    ) -> Iterator[tuple[Prepared, int]]:
        """Each record (from start to stop) read as an inquiry, with the later records it
        might be a duplicate of."""
        end = len(self.records) if stop is None else min(stop, len(self.records))
        for position in range(start, end):
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

    # ------------------------------------------------------------ estimation

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
        sessions = {prefix: Counter[tuple[str, ...]]() for prefix, _biased, _fields in SESSIONS}
        biased_by = {prefix: biased for prefix, biased, _fields in SESSIONS}
        scored: list[Comparison] = []
        space = 0
        n = len(self.records)
        for position, q in chosen:
            space += n if position is None else n - 1 - position
            shared: defaultdict[int, set[str]] = defaultdict(set)
            keys = set(_keys(q, query=True))
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
        jobs = [(start, start + chunk, min_decision) for start in range(0, len(index), chunk)]
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for part in pool.imap(_duplicates_slice, jobs):
                yield from part
    finally:
        _FORKED = None


def match_pairs(index: Index, inquiries: Iterable[Record]) -> Iterator[tuple[str, list[Candidate]]]:
    for inquiry in inquiries:
        yield inquiry.id, index.query(inquiry)


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
