"""Reading the rows of a list a hospital, the police or a shelter sends: which of the file's
columns holds which Oranje field (guessed from Dutch and English headers, or remembered per
sender), and each row parsed into a person and a status report, with every problem named by
row and column in Dutch (the helpers of `registry.validation`).

Nothing here writes; `services.imports.list_import` does, all rows or none.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.core.validation import parse_local_datetime
from oranje.matching.normalize import fold, prefixes
from oranje.registry import validation
from oranje.registry.constants import (
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    SenderKind,
    Sex,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.services.persons import CLOCK_SLACK, PersonData, StatusData

ROW_ID_MAX = 100
T = TypeVar("T")
HEADER_MAX = 200


@dataclass(frozen=True)
class ListField:
    name: str
    label: Promise
    #: Header names that mean this field, folded (lower case, no diacritics or punctuation).
    headers: tuple[str, ...]


FIELDS: tuple[ListField, ...] = (
    ListField(
        "row_id",
        gettext_lazy("row id (the sender's own number)"),
        (
            "id",
            "rij id",
            "row id",
            "patientnummer",
            "patient nummer",
            "patientnr",
            "patient id",
            "registratienummer",
            "registratienr",
            "regnr",
            "volgnummer",
            "kenmerk",
            "dossiernummer",
            "record id",
            "ref",
            "referentie",
        ),
    ),
    ListField(
        "full_name",
        gettext_lazy("full name (split into names)"),
        ("naam", "volledige naam", "naam patient", "name", "full name", "patient"),
    ),
    ListField(
        "given_names",
        gettext_lazy("given names"),
        (
            "voornaam",
            "voornamen",
            "roepnaam",
            "given name",
            "given names",
            "first name",
            "firstname",
        ),
    ),
    ListField(
        "prefix",
        gettext_lazy("prefix"),
        ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "tussenv", "tv", "prefix", "infix"),
    ),
    ListField(
        "surname",
        gettext_lazy("surname"),
        ("achternaam", "geslachtsnaam", "familienaam", "surname", "last name", "lastname"),
    ),
    ListField(
        "birth",
        gettext_lazy("date of birth"),
        (
            "geboortedatum",
            "geb datum",
            "gebdatum",
            "geboren",
            "date of birth",
            "dob",
            "birth date",
            "birthdate",
        ),
    ),
    ListField("sex", gettext_lazy("sex"), ("geslacht", "gender", "sex", "m v")),
    ListField("postcode", gettext_lazy("postcode"), ("postcode", "postal code", "zip", "zipcode")),
    ListField(
        "house_number",
        gettext_lazy("house number"),
        ("huisnummer", "huisnr", "house number", "housenumber", "number"),
    ),
    ListField(
        "house_addition",
        gettext_lazy("addition"),
        ("toevoeging", "huisnummertoevoeging", "huisletter", "addition"),
    ),
    ListField(
        "street", gettext_lazy("street"), ("straat", "straatnaam", "adres", "street", "address")
    ),
    ListField("city", gettext_lazy("city"), ("woonplaats", "plaats", "stad", "city", "town")),
    ListField(
        "phone",
        gettext_lazy("phone"),
        ("telefoon", "telefoonnummer", "tel", "mobiel", "phone", "telephone", "mobile"),
    ),
    ListField("bsn", gettext_lazy("BSN"), ("bsn", "burgerservicenummer", "citizen service number")),
    ListField("status", gettext_lazy("status"), ("status", "toestand", "conditie", "condition")),
    ListField(
        "place",
        gettext_lazy("where (hospital or place)"),
        (
            "ziekenhuis",
            "locatie",
            "verblijfplaats",
            "waar",
            "opvanglocatie",
            "hospital",
            "location",
            "where",
        ),
    ),
    ListField("department", gettext_lazy("department"), ("afdeling", "department", "ward")),
    ListField(
        "source_at",
        gettext_lazy("source time"),
        (
            "tijdstip",
            "datum tijd",
            "peilmoment",
            "registratietijd",
            "bijgewerkt",
            "time",
            "timestamp",
            "source time",
            "updated",
        ),
    ),
    ListField(
        "note",
        gettext_lazy("note"),
        ("opmerking", "opmerkingen", "bijzonderheden", "toelichting", "note", "notes", "remarks"),
    ),
)
BY_NAME = {f.name: f for f in FIELDS}

#: Status words as lists write them (folded) -> status, and where it puts the person if it says.
STATUS_WORDS: dict[str, tuple[str, str | None]] = {}
for _kind, _where, _words in (
    (
        Status.UNHARMED,
        None,
        "ongedeerd, gezond, niet gewond, veilig, ok, goed, unharmed, uninjured, safe, well",
    ),
    (Status.INJURED, None, "gewond, licht gewond, lichtgewond, zwaargewond, zwaar gewond, injured"),
    (
        Status.INJURED,
        Whereabouts.HOSPITAL,
        "seh, spoedeisende hulp, eerste hulp, ehbo, poli, polikliniek, ed, er, emergency",
    ),
    (Status.INJURED, Whereabouts.HOME, "ontslagen, naar huis, ontslag, discharged"),
    (
        Status.HOSPITALISED,
        Whereabouts.HOSPITAL,
        "opgenomen, opname, klinisch, ic, icu, intensive care, ccu, kliniek, verpleegafdeling, "
        "overgeplaatst, in ziekenhuis, hospitalised, hospitalized, admitted, transferred",
    ),
    (Status.DECEASED, None, "overleden, dood, overl, deceased, dead, died"),
    (Status.MISSING, None, "vermist, missing"),
    (Status.UNKNOWN, None, "onbekend, unknown"),
):
    for _word in _words.split(","):
        STATUS_WORDS[_word.strip()] = (_kind, _where)

#: Words in the "where" column that say where, not which place.
WHERE_WORDS: dict[str, str] = {
    "opvang": Whereabouts.SHELTER,
    "opvanglocatie": Whereabouts.SHELTER,
    "shelter": Whereabouts.SHELTER,
    "ziekenhuis": Whereabouts.HOSPITAL,
    "hospital": Whereabouts.HOSPITAL,
    "thuis": Whereabouts.HOME,
    "huis": Whereabouts.HOME,
    "home": Whereabouts.HOME,
    "elders": Whereabouts.ELSEWHERE,
    "elsewhere": Whereabouts.ELSEWHERE,
    "onbekend": Whereabouts.UNKNOWN,
    "unknown": Whereabouts.UNKNOWN,
}

SEX_WORDS = {
    **dict.fromkeys(("m", "man", "male", "mannelijk", "jongen", "h"), Sex.MALE),
    **dict.fromkeys(("v", "vrouw", "f", "female", "vrouwelijk", "meisje", "w"), Sex.FEMALE),
    **dict.fromkeys(("x", "anders", "other", "divers"), Sex.OTHER),
    **dict.fromkeys(("", "o", "onbekend", "unknown", "u", "?"), Sex.UNKNOWN),
}

SOURCE_OF_KIND: dict[str, str] = {
    SenderKind.HOSPITAL: Source.HOSPITAL,
    SenderKind.POLICE: Source.POLICE,
    SenderKind.SHELTER: Source.SHELTER,
    SenderKind.OTHER: Source.FIELD,
}
#: What a row without a status says, by who sent the list.
DEFAULT_STATUS: dict[str, tuple[str, str]] = {
    SenderKind.HOSPITAL: (Status.HOSPITALISED, Whereabouts.HOSPITAL),
    SenderKind.SHELTER: (Status.UNHARMED, Whereabouts.SHELTER),
    SenderKind.POLICE: (Status.UNKNOWN, Whereabouts.UNKNOWN),
    SenderKind.OTHER: (Status.UNKNOWN, Whereabouts.UNKNOWN),
}


def header_key(text: str) -> str:
    """A header folded for comparing: lower case, no diacritics, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def guess_mapping(headers: list[str], remembered: dict[str, str] | None = None) -> dict[str, str]:
    """Oranje field -> the file's header: the sender's remembered mapping where its headers are
    still in the file (nothing more: a field left out last time stays out), else guessed from
    common Dutch and English names. A header is used once."""
    present = {header_key(h): h for h in reversed(headers) if h}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for name, header in (remembered or {}).items():
        key = header_key(str(header))
        if name in BY_NAME and key in present and key not in used:
            mapping[name] = present[key]
            used.add(key)
    if mapping:
        return mapping  # what the user chose for this sender, fields left out included
    for f in FIELDS:
        for candidate in f.headers:
            if candidate in present and candidate not in used:
                mapping[f.name] = present[candidate]
                used.add(candidate)
                break
    return mapping


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    message: str


@dataclass
class ListRow:
    """One row of a list, parsed."""

    line: int
    row_id: str
    person: PersonData
    status: StatusData


@dataclass
class Parsed:
    rows: list[ListRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def text_of(value: object) -> str:
    """A cell as text: a whole number a spreadsheet stored as 12.0 reads '12'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return re.sub(r"\s+", " ", str(value)).strip()


_PREFIXES: tuple[tuple[str, ...], ...] | None = None


def split_full_name(text: str) -> tuple[str, str, str]:
    """'Johannes van der Berg' or 'Berg, Johannes van der' -> given names, prefix, surname."""
    global _PREFIXES
    if _PREFIXES is None:
        _PREFIXES = prefixes()
    if "," in text:
        surname_part, given_part = (p.strip() for p in text.split(",", 1))
        given_tokens = given_part.split()
        for n in range(1, len(given_tokens)):
            if tuple(fold(t) for t in given_tokens[n:]) in _PREFIXES:
                return " ".join(given_tokens[:n]), " ".join(given_tokens[n:]), surname_part
        return given_part, "", surname_part
    tokens = text.split()
    if len(tokens) < 2:
        return "", "", text
    for start in range(1, len(tokens) - 1):
        for stop in range(len(tokens) - 1, start, -1):
            if tuple(fold(t) for t in tokens[start:stop]) in _PREFIXES:
                return (
                    " ".join(tokens[:start]),
                    " ".join(tokens[start:stop]),
                    " ".join(tokens[stop:]),
                )
    return " ".join(tokens[:-1]), "", tokens[-1]


def _birth(value: object) -> validation.Birth:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return validation.parse_birth(f"{value.day}-{value.month}-{value.year}")
    return validation.parse_birth(text_of(value))


def _moment(value: object, now: dt.datetime) -> dt.datetime | None:
    if value is None or text_of(value) == "":
        return None
    try:
        moment = parse_local_datetime(value)
    except ValidationError:
        raise ValidationError(
            _("source time: '%(value)s' is not a date and time (use 3-12-2026 14:05).")
            % {"value": text_of(value)[:40]}
        ) from None
    if moment > now + CLOCK_SLACK:
        raise ValidationError(_("source time: lies in the future."))
    return moment


def _limited(text: str, name: str, limit: int) -> str:
    if len(text) > limit:
        raise ValidationError(
            _("%(field)s: longer than %(max)s characters.")
            % {"field": BY_NAME[name].label, "max": limit}
        )
    return text


def _status(
    value: str, where_text: str, department: str, kind: str, sender_name: str
) -> tuple[str, str, str]:
    """(status, whereabouts, place) of one row."""
    default_status, default_where = DEFAULT_STATUS.get(kind, DEFAULT_STATUS[SenderKind.OTHER])
    status, hint = default_status, None
    if value:
        key = header_key(value)
        if key not in STATUS_WORDS:
            raise ValidationError(
                _(
                    "status: '%(value)s' is not a known status (for example opgenomen, SEH, "
                    "ontslagen, gewond, ongedeerd, overleden, vermist)."
                )
                % {"value": value[:40]}
            )
        status, hint = STATUS_WORDS[key]
    place = ""
    where = hint
    where_key = header_key(where_text)
    if where_key in WHERE_WORDS:
        where = where or WHERE_WORDS[where_key]
    elif where_text:
        place = where_text
    if status == Status.HOSPITALISED:
        where = Whereabouts.HOSPITAL
    if where is None:
        where = default_where
        if status == Status.MISSING or (status == Status.DECEASED and kind != SenderKind.HOSPITAL):
            where = Whereabouts.UNKNOWN
    if not place and (
        (where == Whereabouts.HOSPITAL and kind == SenderKind.HOSPITAL)
        or (where == Whereabouts.SHELTER and kind == SenderKind.SHELTER)
    ):
        place = sender_name
    if department:
        place = f"{place}, {department}" if place else department
    return status, where, place[:NAME_MAX]


class _Row:
    """One row being read: its cells as text and the problems found so far."""

    def __init__(self, line: int, values: dict[str, object], columns: dict[str, str]) -> None:
        self.line, self.values, self.columns = line, values, columns
        self.problems: list[RowProblem] = []

    def problem(self, name: str, message: str) -> None:
        self.problems.append(RowProblem(self.line, self.columns.get(name, name), message))

    def attempt(self, name: str, fn: Callable[..., T], *args: object) -> T | None:
        try:
            return fn(*args)
        except ValidationError as exc:
            self.problem(name, exc.messages[0])
            return None

    def cell(self, name: str, limit: int = NAME_MAX) -> str:
        return self.attempt(name, _limited, text_of(self.values.get(name)), name, limit) or ""


def parse_rows(
    rows: list[tuple[int, dict[str, object]]],
    *,
    kind: str,
    sender_name: str,
    columns: dict[str, str],
    now: dt.datetime | None = None,
) -> Parsed:
    """Every row parsed, or every problem found (all rows are read, not just up to the first
    bad one). `columns` maps each field to the file's header, for naming the column."""
    now = now or timezone.now()
    out = Parsed()
    seen_ids: dict[str, int] = {}
    for line, values in rows:
        row = _Row(line, values, columns)
        parsed = _parse_row(row, kind=kind, sender_name=sender_name, now=now)
        if parsed is not None and parsed.row_id:
            if parsed.row_id in seen_ids:
                row.problem(
                    "row_id",
                    _("row id: '%(value)s' is also in row %(line)s.")
                    % {"value": parsed.row_id, "line": seen_ids[parsed.row_id]},
                )
            else:
                seen_ids[parsed.row_id] = line
        if row.problems or parsed is None:
            out.problems.extend(row.problems)
        else:
            out.rows.append(parsed)
    return out


def _parse_row(row: _Row, *, kind: str, sender_name: str, now: dt.datetime) -> ListRow | None:
    values = row.values
    row_id = row.cell("row_id", ROW_ID_MAX)
    given, prefix, surname = (
        row.cell("given_names"),
        row.cell("prefix", PREFIX_MAX),
        row.cell("surname"),
    )
    full = row.cell("full_name")
    if full and not (given or surname):
        given, split_prefix, surname = split_full_name(full)
        prefix = prefix or split_prefix[:PREFIX_MAX]
    if not (given or surname):
        name = (
            "surname" if "surname" in row.columns or "full_name" not in row.columns else "full_name"
        )
        row.problem(name, _("name: give at least a given name or a surname."))
    birth = row.attempt("birth", _birth, values.get("birth")) or validation.Birth()
    sex = SEX_WORDS.get(header_key(text_of(values.get("sex"))))
    if sex is None:
        row.problem(
            "sex",
            _("sex: '%(value)s' is not known (use M, V or X).")
            % {"value": text_of(values.get("sex"))[:20]},
        )
    postcode = row.attempt("postcode", validation.parse_postcode, text_of(values.get("postcode")))
    house = row.attempt("house_number", validation.parse_house, text_of(values.get("house_number")))
    number, addition = house if house else (None, "")
    addition = row.cell("house_addition", 10).upper() or addition
    phone_cell = values.get("phone")
    phone_text = text_of(phone_cell)
    if isinstance(phone_cell, int | float) and len(phone_text) == 9:
        phone_text = "0" + phone_text  # a spreadsheet stored 0612345678 as a number
    phone = row.attempt("phone", validation.parse_phone, phone_text)
    bsn = row.attempt("bsn", validation.parse_bsn, text_of(values.get("bsn")))
    source_at = row.attempt("source_at", _moment, values.get("source_at"), now)
    status = row.attempt(
        "status",
        _status,
        row.cell("status", 60),
        row.cell("place"),
        row.cell("department", 100),
        kind,
        sender_name,
    )
    note = row.cell("note", TEXT_MAX)
    street, city = row.cell("street"), row.cell("city")
    if status is None:
        return None
    return ListRow(
        line=row.line,
        row_id=row_id,
        person=PersonData(
            given_names=given,
            prefix=prefix,
            surname=surname,
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
            sex=sex or Sex.UNKNOWN,
            postcode=postcode or "",
            house_number=number,
            house_addition=addition,
            street=street,
            city=city,
            phone=phone or "",
            bsn=bsn or "",
        ),
        status=StatusData(
            status=status[0],
            whereabouts=status[1],
            place=status[2],
            source=SOURCE_OF_KIND.get(kind, Source.FIELD),
            source_at=source_at or now,
            note=note,
        ),
    )
