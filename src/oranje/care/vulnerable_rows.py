"""Reading the rows of a list of people with reduced self-reliance that a care organisation
or the municipality delivers: which of the file's columns holds which field (guessed from
Dutch and English headers, or remembered per supplier), and each row parsed, with every
problem named by row and column in Dutch (the parsers of `registry.validation`).

The care need comes as yes/no columns (one per need) or as one text column ("rolstoel,
zuurstof"), whose words set the four needs and whose text is kept as the note.

Nothing here writes; `care.services.vulnerable.list_deliver` does, all rows or none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care.constants import CARE_NEEDS, NAME_MAX, PHONE_MAX, TEXT_MAX
from oranje.registry import validation
from oranje.registry.listrows import RowProblem, header_key, text_of

T = TypeVar("T")
REF_MAX = 64
HEADER_MAX = 200


@dataclass(frozen=True)
class ListField:
    name: str
    label: Promise
    #: Header names that mean this field, folded (`registry.listrows.header_key`).
    headers: tuple[str, ...]


FIELDS: tuple[ListField, ...] = (
    ListField(
        "ref",
        gettext_lazy("supplier's id"),
        ("id", "ref", "referentie", "kenmerk", "clientnummer", "client id", "cliëntnummer"),
    ),
    ListField(
        "name", gettext_lazy("name"), ("naam", "volledige naam", "naam client", "name", "client")
    ),
    ListField(
        "street", gettext_lazy("street"), ("straat", "straatnaam", "adres", "street", "address")
    ),
    ListField(
        "house_number",
        gettext_lazy("house number"),
        ("huisnummer", "huisnr", "nr", "house number", "housenumber", "number"),
    ),
    ListField(
        "house_addition",
        gettext_lazy("addition"),
        ("toevoeging", "huisnummertoevoeging", "huisletter", "addition"),
    ),
    ListField("postcode", gettext_lazy("postcode"), ("postcode", "postal code", "zip", "zipcode")),
    ListField("city", gettext_lazy("place"), ("woonplaats", "plaats", "stad", "city", "town")),
    ListField(
        "latitude", gettext_lazy("latitude"), ("breedtegraad", "latitude", "lat", "noorderbreedte")
    ),
    ListField(
        "longitude",
        gettext_lazy("longitude"),
        ("lengtegraad", "longitude", "lon", "lng", "long", "oosterlengte"),
    ),
    ListField(
        "need_mobility",
        gettext_lazy("mobility (yes/no)"),
        ("mobiliteit", "rolstoel", "slecht ter been", "mobility", "wheelchair"),
    ),
    ListField(
        "need_devices",
        gettext_lazy("oxygen or electric medical devices (yes/no)"),
        ("zuurstof", "apparatuur", "medische apparatuur", "stroomafhankelijk", "devices"),
    ),
    ListField("need_dementia", gettext_lazy("dementia (yes/no)"), ("dementie", "dementia")),
    ListField(
        "need_language", gettext_lazy("language (yes/no)"), ("taal", "anderstalig", "language")
    ),
    ListField(
        "needs",
        gettext_lazy("care need (text)"),
        ("zorgbehoefte", "hulpvraag", "beperking", "zorgvraag", "care need", "needs", "need"),
    ),
    ListField(
        "organisation",
        gettext_lazy("organisation"),
        ("organisatie", "zorgaanbieder", "zorgorganisatie", "organisation", "organization"),
    ),
    ListField(
        "contact",
        gettext_lazy("contact"),
        ("contactpersoon", "contact", "mantelzorger", "wijkverpleegkundige"),
    ),
    ListField(
        "phone",
        gettext_lazy("phone"),
        ("telefoon", "telefoonnummer", "tel", "mobiel", "phone", "telephone", "mobile"),
    ),
)
BY_NAME = {f.name: f for f in FIELDS}
NEED_FIELDS = tuple(CARE_NEEDS)

YES = frozenset({"ja", "j", "yes", "y", "x", "1", "waar", "true", "wel"})
NO = frozenset({"", "nee", "n", "no", "0", "onwaar", "false", "niet", "geen", "-"})

#: Words in a care-need text (folded) that set one of the four needs.
NEED_WORDS: dict[str, tuple[str, ...]] = {
    "need_mobility": (
        "mobiliteit",
        "rolstoel",
        "rollator",
        "scootmobiel",
        "slecht ter been",
        "bedlegerig",
        "tillift",
        "traplift",
        "loophulp",
        "mobility",
        "wheelchair",
        "walker",
        "bedridden",
    ),
    "need_devices": (
        "zuurstof",
        "beademing",
        "apparatuur",
        "thuisdialyse",
        "dialyse",
        "stroom",
        "elektrisch",
        "oxygen",
        "ventilator",
        "device",
        "devices",
    ),
    "need_dementia": ("dementie", "dementerend", "alzheimer", "dementia"),
    "need_language": (
        "taal",
        "anderstalig",
        "tolk",
        "spreekt geen nederlands",
        "language",
        "interpreter",
    ),
}


def guess_mapping(headers: list[str], remembered: dict[str, str] | None = None) -> dict[str, str]:
    """Field -> the file's header: the supplier's remembered mapping where its headers are still
    in the file (nothing more: a field left out last time stays out), else guessed from
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
        return mapping
    for f in FIELDS:
        for candidate in f.headers:
            key = header_key(candidate)
            if key in present and key not in used:
                mapping[f.name] = present[key]
                used.add(key)
                break
    return mapping


def check_mapping(
    headers: list[str], mapping: dict[str, str]
) -> tuple[dict[str, str], list[RowProblem]]:
    """The mapping reduced to known fields and headers in the file, and the problems: a
    mapped column that is not in the file, the name column missing, one of the coordinates
    without the other."""
    present = {h.strip().lower() for h in headers if h}
    columns: dict[str, str] = {}
    problems = []
    for name, header in mapping.items():
        header = str(header or "").strip()
        if name not in BY_NAME or not header:
            continue
        if header.lower() not in present:
            problems.append(
                RowProblem(
                    1,
                    header[:HEADER_MAX],
                    _("The file lacks the column '%(column)s' (for %(field)s).")
                    % {"column": header[:60], "field": BY_NAME[name].label},
                )
            )
            continue
        columns[name] = header
    if "name" not in columns:
        problems.append(
            RowProblem(
                1,
                str(BY_NAME["name"].label),
                _("Choose the column that holds the name."),
            )
        )
    if ("latitude" in columns) != ("longitude" in columns):
        problems.append(
            RowProblem(
                1,
                str(BY_NAME["latitude"].label),
                _("Choose both coordinate columns (latitude and longitude), or neither."),
            )
        )
    return columns, problems


@dataclass
class ResidentRow:
    """One row of a list, parsed: the values of `Resident`'s fields."""

    line: int
    values: dict[str, object]

    @property
    def ref(self) -> str:
        return str(self.values.get("ref") or "")

    def key(self) -> str:
        """What finds the same person in the supplier's previous delivery: the supplier's own
        id, or else the name at the address."""
        if self.ref:
            return f"ref:{self.ref}"
        return resident_key(self.values)


def resident_key(values: dict[str, object]) -> str:
    parts = ("name", "postcode", "house_number", "house_addition")
    return "adr:" + "|".join(header_key(str(values.get(p) or "")) for p in parts)


@dataclass
class Parsed:
    rows: list[ResidentRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


class _Row:
    def __init__(self, line: int, values: dict[str, object], columns: dict[str, str]) -> None:
        self.line, self.values, self.columns = line, values, columns
        self.problems: list[RowProblem] = []

    def text(self, name: str) -> str:
        return text_of(self.values.get(name))

    def problem(self, name: str, message: str) -> None:
        self.problems.append(RowProblem(self.line, self.columns.get(name, name), message))

    def attempt(self, name: str, fn: Callable[..., T], *args: object) -> T | None:
        try:
            return fn(*args)
        except ValidationError as exc:
            self.problem(name, exc.messages[0])
            return None

    def limited(self, name: str, limit: int) -> str:
        text = self.text(name)
        if len(text) > limit:
            self.problem(
                name,
                _("%(field)s: longer than %(max)s characters.")
                % {"field": BY_NAME[name].label, "max": limit},
            )
            return ""
        return text


def _yes_no(value: object, name: str) -> bool:
    key = header_key(text_of(value))
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValidationError(
        _("%(field)s: '%(value)s' is neither yes nor no (ja/nee).")
        % {"field": BY_NAME[name].label, "value": text_of(value)[:30]}
    )


def _coordinate(value: object, name: str, limit: float) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = text_of(value).replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
    if not -limit <= number <= limit:  # NaN fails this too
        raise ValidationError(
            _("%(field)s: '%(value)s' is not a coordinate in degrees (like 52.3874).")
            % {"field": BY_NAME[name].label, "value": text_of(value)[:30]}
        )
    return number


def _phone(text: str) -> str:
    return validation.parse_phone(text, field=_("phone"))


def needs_of(text: str) -> set[str]:
    """The needs a care-need text names ("rolstoel; zuurstof" -> mobility and devices)."""
    folded = f" {header_key(text)} "
    return {need for need, words in NEED_WORDS.items() if any(f" {w} " in folded for w in words)}


def parse_rows(table: list[tuple[int, dict[str, object]]], columns: dict[str, str]) -> Parsed:
    """Every row parsed, or every problem with its row and column."""
    parsed = Parsed()
    seen: dict[str, int] = {}
    for line, cells in table:
        row = _Row(line, cells, columns)
        values: dict[str, object] = {}
        name = row.limited("name", NAME_MAX)
        if not name and not row.problems:
            row.problem("name", _("name: missing."))
        values["name"] = name
        ref = row.limited("ref", REF_MAX)
        values["ref"] = ref
        for text_field in ("street", "city", "organisation", "contact"):
            values[text_field] = row.limited(text_field, NAME_MAX)
        number, addition = row.attempt(
            "house_number", validation.parse_house, row.text("house_number")
        ) or (None, "")
        extra = row.limited("house_addition", 10).upper()
        values["house_number"] = number
        values["house_addition"] = (extra or addition)[:10]
        postcode = row.attempt("postcode", validation.parse_postcode, row.text("postcode")) or ""
        values["postcode"] = postcode.replace(" ", "")
        values["phone"] = (row.attempt("phone", _phone, row.text("phone")) or "")[:PHONE_MAX]
        lat = row.attempt("latitude", _coordinate, cells.get("latitude"), "latitude", 90.0)
        lon = row.attempt("longitude", _coordinate, cells.get("longitude"), "longitude", 180.0)
        if (lat is None) != (lon is None) and not row.problems:
            row.problem("latitude", _("latitude and longitude: give both or neither."))
        values["latitude"], values["longitude"] = lat, lon
        needs: set[str] = set()
        for need in NEED_FIELDS:
            if need in columns and row.attempt(need, _yes_no, cells.get(need), need):
                needs.add(need)
        note = row.limited("needs", TEXT_MAX)
        needs |= needs_of(note)
        for need in NEED_FIELDS:
            values[need] = need in needs
        values["need_note"] = note
        if ref and not row.problems:
            if ref in seen:
                row.problem(
                    "ref",
                    _("supplier's id: '%(value)s' is also on row %(line)s.")
                    % {"value": ref[:30], "line": seen[ref]},
                )
            seen.setdefault(ref, line)
        parsed.problems.extend(row.problems)
        if not row.problems:
            parsed.rows.append(ResidentRow(line, values))
    return parsed
