"""Field comparisons: each pair of fields lands on a level with a reason in words."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler, Levenshtein

from oranje.matching.engine.records import _NO_GIVEN, Prepared
from oranje.matching.normalize import BirthDate, Given, Surname

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
        # A known name for the official one, the official one written with a typo
        # ("Ger" asked, "Geetrruida" registered).
        for a, b in ((q, r), (r, q)):
            for official in a.first_groups:
                if official != a.first and _typo(official, b.first):
                    return (
                        "typo",
                        f"'{a.first}' is een bekende naam voor '{official}', hier '{b.first}'"
                        " (tikfout)",
                        "",
                    )
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
