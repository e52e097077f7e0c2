"""PFIF 1.4, the People Finder Interchange Format (http://zesty.ca/pfif/1.4), as plain data:
writing a document from records and reading one back with every fault listed.

A record is a dict of PFIF field name -> string (dates already in the UTC form
"YYYY-MM-DDTHH:MM:SSZ"). This module knows the format and nothing of Oranje's models;
`services/exchange.py` maps between the two.

What the specification (section 5, its RELAX NG schema) requires and this reader checks:
the namespace; a person has person_record_id, source_date and full_name; a note has
note_record_id, author_name, source_date and text; a note outside a person names its
person_record_id, one inside names its own person or none; no field twice; record ids are
"domain/local"; dates are UTC with "Z"; sex, status, booleans, date_of_birth ("YYYY",
"YYYY-MM", "YYYY-MM-DD"), age ("N" or "N-M") and home_country (two capitals) have their
forms. Field order does not matter (PFIF 1.3 and later).

Parsing goes through defusedxml: a DTD, entity definitions or external references are
refused, so no billion laughs and no reading of local files.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

NS = "http://zesty.ca/pfif/1.4"
MIME = "application/xml"
#: A document larger than this is refused before parsing.
MAX_BYTES = 20 * 1024 * 1024
#: Records (persons and notes together) in one document.
MAX_RECORDS = 50_000
#: The longest value of any field (a note's text included).
MAX_VALUE = 10_000

PERSON_FIELDS = (
    "person_record_id",
    "entry_date",
    "expiry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_name",
    "source_date",
    "source_url",
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "description",
    "sex",
    "date_of_birth",
    "age",
    "home_street",
    "home_neighborhood",
    "home_city",
    "home_state",
    "home_postal_code",
    "home_country",
    "photo_url",
    "profile_urls",
)
NOTE_FIELDS = (
    "note_record_id",
    "person_record_id",
    "linked_person_record_id",
    "entry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_date",
    "author_made_contact",
    "status",
    "email_of_found_person",
    "phone_of_found_person",
    "last_known_location",
    "text",
    "photo_url",
)
PERSON_REQUIRED = ("person_record_id", "source_date", "full_name")
NOTE_REQUIRED = ("note_record_id", "author_name", "source_date", "text")

SEXES = ("female", "male", "other")
STATUSES = (
    "information_sought",
    "is_note_author",
    "believed_alive",
    "believed_missing",
    "believed_dead",
)

_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"
#: Field -> (pattern the whole value must match, what to tell the sender).
_FORMS: dict[str, tuple[str, str]] = {
    "person_record_id": (r".+/.+", "domain/id"),
    "note_record_id": (r".+/.+", "domain/id"),
    "linked_person_record_id": (r".+/.+", "domain/id"),
    "entry_date": (_TIME, "YYYY-MM-DDTHH:MM:SSZ"),
    "expiry_date": (_TIME, "YYYY-MM-DDTHH:MM:SSZ"),
    "source_date": (_TIME, "YYYY-MM-DDTHH:MM:SSZ"),
    "author_email": (r".+@.+", "e-mail"),
    "email_of_found_person": (r".+@.+", "e-mail"),
    "author_phone": (r"[\-+()\d ]+", "0-9 + - ( )"),
    "phone_of_found_person": (r"[\-+()\d ]+", "0-9 + - ( )"),
    "sex": ("|".join(SEXES), " / ".join(SEXES)),
    "date_of_birth": (r"\d{4}(-\d\d(-\d\d)?)?", "YYYY, YYYY-MM, YYYY-MM-DD"),
    "age": (r"\d+(-\d+)?", "N, N-M"),
    "home_country": (r"[A-Z][A-Z]", "ISO 3166-1, e.g. NL"),
    "author_made_contact": (r"true|false", "true / false"),
    "status": ("|".join(STATUSES), " / ".join(STATUSES)),
}
_COMPILED = {name: re.compile(pattern) for name, (pattern, _hint) in _FORMS.items()}


def utc(moment: dt.datetime) -> str:
    """A moment in PFIF's form: UTC, whole seconds, 'Z'."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> dt.datetime:
    """'2026-12-03T10:15:00Z' (fraction allowed) -> an aware datetime. The form is checked
    by the reader; this raises ValueError for an impossible date (2026-02-30)."""
    return dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=dt.UTC)


def domain_of(record_id: str) -> str:
    return record_id.partition("/")[0]


# Writing ------------------------------------------------------------------------------


@dataclass
class PersonOut:
    fields: dict[str, str]
    notes: list[dict[str, str]] = field(default_factory=list)


def _append(parent: ET.Element, name: str, order: tuple[str, ...], values: dict[str, str]) -> None:
    element = ET.SubElement(parent, f"{{{NS}}}{name}")
    for key in order:
        value = values.get(key, "")
        if value:
            ET.SubElement(element, f"{{{NS}}}{key}").text = _xml_safe(value)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(value: str) -> str:
    """Characters XML 1.0 cannot carry (control characters) are left out."""
    return _NOT_XML.sub("", value)


def write(persons: list[PersonOut], *, comment: str = "") -> bytes:
    """A PFIF 1.4 document: each person with its notes inside it."""
    ET.register_namespace("pfif", NS)
    root = ET.Element(f"{{{NS}}}pfif")
    if comment:
        root.append(ET.Comment(f" {comment} "))
    for person in persons:
        _append(root, "person", PERSON_FIELDS, person.fields)
        element = root[-1]
        for note in person.notes:
            _append(element, "note", NOTE_FIELDS, note)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# Reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One fault: which record (its id, or its place in the file), which field, what."""

    record: str
    field: str
    message: str


@dataclass
class NoteIn:
    fields: dict[str, str]
    #: The person element it sat in ("" for a note at the top level).
    parent: str = ""


@dataclass
class PersonIn:
    fields: dict[str, str]
    notes: list[NoteIn] = field(default_factory=list)


@dataclass
class Document:
    persons: list[PersonIn] = field(default_factory=list)
    #: Notes at the top level (outside any person element).
    notes: list[NoteIn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _local(tag: object) -> tuple[str, str]:
    text = str(tag)
    if text.startswith("{"):
        ns, _sep, name = text[1:].partition("}")
        return ns, name
    return "", text


def _read_fields(
    element: ET.Element,
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    label: str,
    problems: list[Problem],
    *,
    notes_inside: bool = False,
) -> tuple[dict[str, str], list[ET.Element]]:
    """The element's fields as strings (whitespace stripped) and its note children."""
    values: dict[str, str] = {}
    notes: list[ET.Element] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        ns, name = _local(child.tag)
        if notes_inside and ns == NS and name == "note":
            notes.append(child)
            continue
        if ns != NS or name not in allowed:
            problems.append(Problem(label, name, _("not a field of PFIF 1.4 here.")))
            continue
        if len(child):
            problems.append(Problem(label, name, _("contains elements; text expected.")))
            continue
        if name in values:
            problems.append(Problem(label, name, _("appears more than once.")))
            continue
        values[name] = (child.text or "").strip()
    for name in required:
        if not values.get(name):
            problems.append(Problem(label, name, _("required, but missing or empty.")))
    for name, value in values.items():
        if len(value) > MAX_VALUE:
            problems.append(
                Problem(label, name, _("longer than %(max)s characters.") % {"max": MAX_VALUE})
            )
            continue
        pattern = _COMPILED.get(name)
        if value and pattern is not None and not pattern.fullmatch(value):
            problems.append(
                Problem(
                    label,
                    name,
                    _("'%(value)s' does not have the form %(form)s.")
                    % {"value": value[:60], "form": _FORMS[name][1]},
                )
            )
        elif value and name in ("entry_date", "expiry_date", "source_date"):
            try:
                parse_utc(value)
            except ValueError:
                problems.append(
                    Problem(label, name, _("'%(value)s' does not exist.") % {"value": value[:40]})
                )
    return values, notes


def _note(element: ET.Element, index: int, parent: str, problems: list[Problem]) -> NoteIn:
    ident = next(
        (
            (c.text or "").strip()
            for c in element
            if isinstance(c.tag, str) and _local(c.tag) == (NS, "note_record_id")
        ),
        "",
    )
    label = f"note {ident}" if ident else f"note #{index}"
    values, _children = _read_fields(element, NOTE_FIELDS, NOTE_REQUIRED, label, problems)
    own = values.get("person_record_id", "")
    if not parent and not own:
        problems.append(
            Problem(label, "person_record_id", _("required for a note outside a person."))
        )
    if parent and own and own != parent:
        problems.append(
            Problem(
                label,
                "person_record_id",
                _("differs from the person the note is in (%(id)s).") % {"id": parent[:100]},
            )
        )
    return NoteIn(values, parent=parent)


def read(data: bytes) -> Document:
    """Parse a PFIF 1.4 document. Every fault found goes to `problems` (the caller imports
    nothing while there is one)."""
    doc = Document()
    if len(data) > MAX_BYTES:
        doc.problems.append(
            Problem(_("file"), "", _("larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
        )
        return doc
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        doc.problems.append(
            Problem(_("file"), "", _("contains a DTD or entities; these are refused."))
        )
        return doc
    except ET.ParseError as exc:
        doc.problems.append(
            Problem(_("file"), "", _("is not valid XML (%(error)s).") % {"error": str(exc)[:120]})
        )
        return doc
    ns, name = _local(root.tag)
    if (ns, name) != (NS, "pfif"):
        doc.problems.append(
            Problem(
                _("file"),
                name,
                _("is not PFIF 1.4 (expected pfif:pfif in the namespace %(ns)s, found %(found)s).")
                % {"ns": NS, "found": f"{ns} {name}".strip()[:120]},
            )
        )
        return doc
    records = 0
    seen_persons: set[str] = set()
    seen_notes: set[str] = set()
    for index, child in enumerate(root, start=1):
        if not isinstance(child.tag, str):
            continue
        records += 1 + len(child)
        if records > MAX_RECORDS:
            doc.problems.append(
                Problem(_("file"), "", _("more than %(max)s records.") % {"max": MAX_RECORDS})
            )
            return doc
        ns, name = _local(child.tag)
        if ns == NS and name == "person":
            doc.persons.append(_person(child, index, doc.problems))
        elif ns == NS and name == "note":
            doc.notes.append(_note(child, index, "", doc.problems))
        else:
            doc.problems.append(
                Problem(f"#{index}", name, _("not a PFIF 1.4 record (person or note)."))
            )
    for person in doc.persons:
        ident = person.fields.get("person_record_id", "")
        if ident and ident in seen_persons:
            doc.problems.append(
                Problem(f"person {ident}", "person_record_id", _("appears twice in the file."))
            )
        seen_persons.add(ident)
    for note in [*doc.notes, *(n for p in doc.persons for n in p.notes)]:
        ident = note.fields.get("note_record_id", "")
        if ident and ident in seen_notes:
            doc.problems.append(
                Problem(f"note {ident}", "note_record_id", _("appears twice in the file."))
            )
        seen_notes.add(ident)
    if not doc.persons and not doc.notes and not doc.problems:
        doc.problems.append(Problem(_("file"), "", _("contains no person and no note.")))
    return doc


def _person(element: ET.Element, index: int, problems: list[Problem]) -> PersonIn:
    ident = next(
        (
            (c.text or "").strip()
            for c in element
            if isinstance(c.tag, str) and _local(c.tag) == (NS, "person_record_id")
        ),
        "",
    )
    label = f"person {ident}" if ident else f"person #{index}"
    values, note_elements = _read_fields(
        element, PERSON_FIELDS, PERSON_REQUIRED, label, problems, notes_inside=True
    )
    person = PersonIn(values)
    for number, child in enumerate(note_elements, start=1):
        person.notes.append(_note(child, number, ident, problems))
    return person
