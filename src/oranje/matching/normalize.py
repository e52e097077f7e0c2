"""Normalisation of Dutch person data for matching. Pure functions, no Django.

Names are folded (case, diacritics, punctuation); surname prefixes (tussenvoegsels) are split
off in any spelling and position ("Berg, van der", "vd Berg", "Vandenberg"); double surnames
("Jansen-de Vries") yield each half; given names map to groups of official names and the
names people use (Johannes: Jan, Hans, Johan); a phonetic key absorbs common Dutch spelling
variants (ij/y/ei, ou/au, ch/g, c/k, s/z, dt/d/t). Dates, postcodes, house numbers and phone
numbers are normalised to comparable forms.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_NON_ALNUM = re.compile(r"[^a-z0-9']+")
#: Names repeat: the same surname and given name are read once, not once per person. The
#: results are immutable, so sharing them is safe.
NAME_CACHE = 1 << 16


@lru_cache(maxsize=NAME_CACHE)
def fold(text: str | None) -> str:
    """Lower case, no diacritics, punctuation to spaces (apostrophes kept for 't)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("’", "'").replace("`", "'").replace("ß", "ss")
    return " ".join(_NON_ALNUM.sub(" ", plain).split())


@cache
def prefixes() -> tuple[tuple[str, ...], ...]:
    """Known prefixes as token tuples, longest first."""
    lines = (DATA / "prefixes.txt").read_text(encoding="utf-8").splitlines()
    items = {tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(items, key=len, reverse=True))


#: Abbreviations people write for common prefixes.
_ABBREVIATIONS = {"vd": ("van", "der"), "v": ("van",), "vd.": ("van", "der"), "vdr": ("van", "der")}
#: Prefixes written glued to the name ("Vandenberg"), longest first.
_GLUED = ("vander", "vanden", "vande", "vanhet", "vant", "van", "inhet", "int", "ter", "ten", "de")


@dataclass(frozen=True)
class Surname:
    prefix: str  # "van der"
    cores: tuple[str, ...]  # every form the core may take: ("jansen de vries", "jansen", "vries")
    keys: tuple[str, ...]  # phonetic keys of the cores

    @property
    def primary(self) -> str:
        return self.cores[0] if self.cores else ""


def _strip_prefix(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split leading prefix tokens off a token list: (prefix tokens, rest)."""
    expanded: list[str] = []
    for token in tokens:
        expanded.extend(_ABBREVIATIONS.get(token, (token,)))
    for candidate in prefixes():
        n = len(candidate)
        if len(expanded) > n and tuple(expanded[:n]) == candidate:
            return list(candidate), expanded[n:]
    return [], expanded


def _is_prefix(tokens: list[str]) -> bool:
    expanded = tuple(t for token in tokens for t in _ABBREVIATIONS.get(token, (token,)))
    return bool(expanded) and expanded in prefixes()


@lru_cache(maxsize=NAME_CACHE)
def split_surname(prefix: str | None, surname: str | None) -> Surname:
    raw = str(surname or "")
    given_prefix = fold(prefix)
    if "," in raw:  # "Berg, van der"
        head, _sep, tail = raw.partition(",")
        raw = f"{tail} {head}"
    parts = [p for p in re.split(r"\s*-\s*", raw) if p.strip()] or [""]
    # A hyphen after a bare prefix ("de-Vries", "van-der-Berg") only separates the prefix
    # from the name; reading it as a double surname would make "de vries" a core that a
    # second reading splits differently.
    while len(parts) > 1 and _is_prefix(fold(parts[0]).split()):
        parts = [f"{parts[0]} {parts[1]}", *parts[2:]]
    cores: list[str] = []
    found_prefix = given_prefix
    for index, part in enumerate(parts):
        tokens = fold(part).split()
        pre, rest = _strip_prefix(tokens)
        if index == 0 and pre and not found_prefix:
            found_prefix = " ".join(pre)
        if rest:
            cores.append(" ".join(rest))
    whole = " ".join(cores)
    forms = [whole] if whole else []
    if len(cores) > 1:
        forms += cores
    for core in list(forms):
        if " " not in core:
            bare = core.replace("'", "")  # "Van'thof", "In'tveld"
            for glued in _GLUED:
                if bare.startswith(glued) and len(bare) - len(glued) >= 3:
                    forms.append(bare[len(glued) :])
                    break
    unique = tuple(dict.fromkeys(f for f in forms if f))
    return Surname(found_prefix, unique, tuple(dict.fromkeys(phonetic(c) for c in unique)))


_PHONETIC_RULES = [
    ("sch", "s"),
    ("ch", "g"),
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("ie", "i"),
    ("ou", "au"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("ck", "k"),
    ("c", "k"),
    ("z", "s"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("ae", "a"),
    ("oe", "u"),
    ("gh", "g"),
]


_SILENT_H = re.compile(r"h(?![aeiouy])")


@lru_cache(maxsize=NAME_CACHE)
def phonetic(text: str) -> str:
    """A coarse key for Dutch spelling variants: Meijer, Meyer, Meier and Mijer share it."""
    s = fold(text).replace(" ", "").replace("'", "")
    # Rules can create new matches for each other ("dd" → "dt" → "t"): apply them until
    # nothing changes, so the key of a key is the key itself.
    while True:
        before = s
        for old, new in _PHONETIC_RULES:
            s = s.replace(old, new)
        if s.endswith("d"):
            s = s[:-1] + "t"
        s = _SILENT_H.sub("", s)  # silent h after a vowel or at the end
        s = "".join(letter for letter, _run in itertools.groupby(s))  # double letters
        if s == before:
            return s


@cache
def given_name_groups() -> dict[str, frozenset[str]]:
    """Name → the group ids it belongs to (the official name of each group)."""
    groups: dict[str, set[str]] = {}
    with (DATA / "given_names.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(line for line in handle if not line.startswith("#")):
            names = [fold(n) for n in row if n.strip()]
            if not names:
                continue
            canonical = names[0]
            for name in names:
                groups.setdefault(name, set()).add(canonical)
    return {name: frozenset(ids) for name, ids in groups.items()}


@dataclass(frozen=True)
class Given:
    names: tuple[str, ...]  # full names in order; empty when only initials were given
    initials: str  # "jp" for Johannes Petrus or "J.P."
    groups: tuple[frozenset[str], ...]  # per name: the groups it belongs to (or itself)

    @cached_property
    def first(self) -> str:
        return self.names[0] if self.names else ""

    @cached_property
    def first_groups(self) -> frozenset[str]:
        return self.groups[0] if self.groups else frozenset()


@lru_cache(maxsize=NAME_CACHE)
def split_given(text: str | None) -> Given:
    raw = str(text or "")
    # "J.P." and "JP" (all capitals, short) are initials.
    compact = raw.replace(".", " ").split()
    if compact and all(len(t) == 1 for t in compact):
        return Given((), "".join(fold(t) for t in compact), ())
    if len(compact) == 1 and compact[0].isupper() and len(compact[0]) <= 3 and "." in raw:
        return Given((), fold(compact[0]).replace(" ", ""), ())
    names = tuple(t for t in fold(raw.replace(".", " ")).split() if len(t) > 1)
    initials = "".join(t[0] for t in fold(raw.replace(".", " ")).split())
    table = given_name_groups()
    groups = tuple(table.get(n, frozenset({n})) | {n} for n in names)
    return Given(names, initials, groups)


@dataclass(frozen=True)
class BirthDate:
    year: int | None
    month: int | None = None
    day: int | None = None

    @cached_property
    def full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    @cached_property
    def digits(self) -> str:
        return f"{self.year:04d}{self.month:02d}{self.day:02d}" if self.full else ""

    @cached_property
    def swapped(self) -> BirthDate | None:
        """Day and month exchanged, where that is still a date."""
        if not self.full or self.day is None or self.day > 12 or self.day == self.month:
            return None
        return BirthDate(self.year, self.day, self.month)


_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2}))?\s*$")
_DATE_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def parse_birth_date(text: str | None) -> BirthDate:
    """YYYY-MM-DD, YYYY, or D-M-YYYY; anything else is treated as missing."""
    if not text:
        return BirthDate(None)
    value = str(text)
    m = _DATE.match(value)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
    else:
        m = _DATE_DMY.match(value)
        if not m:
            digits = re.sub(r"\D", "", value)
            if len(digits) == 8:
                year, month, day = digits[:4], digits[4:6], digits[6:]
            else:
                return BirthDate(None)
        else:
            day, month, year = m.group(1), m.group(2), m.group(3)
    if month is None or day is None:
        return BirthDate(int(year))
    y, mo, d = int(year), int(month), int(day)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return BirthDate(y)
    return BirthDate(y, mo, d)


def postcode(text: str | None) -> str:
    """1234AB for a Dutch postcode in any spacing; other postcodes folded without spaces."""
    value = fold(text).replace(" ", "").upper()
    return value


_HOUSE = re.compile(r"^\s*(\d+)\s*[-/ ]?\s*([a-z0-9]*)", re.IGNORECASE)


def house_number(text: str | None) -> tuple[str, str]:
    """("12", "a") for "12a", "12-A", "12 A"; ("", "") when there is no number."""
    m = _HOUSE.match(fold(text))
    if not m:
        return "", ""
    return str(int(m.group(1))), m.group(2).lower()


_PHONE_JUNK = re.compile(r"[\s().\-/]")
_PHONE_TRUNK = re.compile(r"^(\+|00)(\d{1,3})\s*\(0\)")  # "+31 (0)6 …": the 0 is not dialled
#: Dutch service numbers (0800, 0900, 0906, 0909) are shorter or longer than the nine digits
#: every other Dutch number has after the 0.
_NL_SERVICE = ("800", "900", "906", "909")


def phone_e164(text: str | None) -> str:
    """A phone number in E.164 ("+31612345678"), or "" when the text is not one.

    Dutch national numbers in any notation (06-12345678, 020 123 4567, 0031 6 …, +31 (0)6 …,
    6 1234 5678 without its 0) become +31 and the nine digits after the 0; foreign numbers
    must start with + or 00 and have 8 to 15 digits. The one normal form of a phone number in
    Oranje: core validates and stores numbers with it, matching compares them with it. Pure
    string work, no number plan: core adds the validity check of `phonenumbers`.
    """
    raw = str(text or "").strip()
    if raw[:4].lower() == "tel:":
        raw = raw[4:].strip()
    raw = _PHONE_TRUNK.sub(r"\1\2", raw)
    compact = "".join(
        str(unicodedata.digit(c)) if c.isdigit() else c for c in _PHONE_JUNK.sub("", raw)
    )
    if compact.startswith("+00"):
        compact = compact[1:]
    if compact.startswith("+"):
        international, digits = True, compact[1:]
    elif compact.startswith("00"):
        international, digits = True, compact[2:]
    else:
        international, digits = False, compact
    if not digits.isascii() or not digits.isdigit():  # letters: "06 1234 5678 (work)"
        return ""
    if international:
        if digits.startswith("31"):
            return _dutch(digits[2:])
        return f"+{digits}" if 8 <= len(digits) <= 15 and digits[0] != "0" else ""
    if digits.startswith("0"):
        return _dutch(digits[1:])
    if len(digits) == 11 and digits.startswith("31"):  # 31612345678: the + left out
        return _dutch(digits[2:])
    return _dutch(digits) if len(digits) == 9 else ""  # 612345678: the 0 left out


def _dutch(national: str) -> str:
    """+31 and the national significant number (the digits after the 0), if it is one."""
    if national.startswith("0"):  # "+31 06 …": the 0 written after the country code
        national = national[1:]
    if len(national) == 9 and national[0] != "0":
        return f"+31{national}"
    if national.startswith(_NL_SERVICE) and 7 <= len(national) <= 10:
        return f"+31{national}"
    return ""


def phone(text: str | None) -> str:
    """The comparable form of a phone number: E.164 (see `phone_e164`)."""
    return phone_e164(text)


def sex(text: str | None) -> str:
    value = fold(text)[:1]
    return {"m": "M", "v": "V", "f": "V", "w": "V", "x": "X"}.get(value, "")


_STREET_ABBREVIATIONS = {"str": "straat", "ln": "laan", "pl": "plein", "wg": "weg", "gr": "gracht"}


def street(text: str | None) -> str:
    tokens = [_STREET_ABBREVIATIONS.get(t, t) for t in fold(text).split()]
    return " ".join(tokens)
