"""Importing a register of shelter locations from a spreadsheet (CSV or .xlsx).

One row per location; header names are case-insensitive, Dutch or English (`COLUMNS`). A file
for one municipality needs no municipality column; a file for the whole region names each
row's municipality by CBS code (GM0392, 0392) or name. The import is all or nothing: every bad
row is reported with its row number and column, and nothing of a file with one bad row is
kept. A location is found again by its municipality and `code`, so importing the same file
twice changes nothing the second time (no audit entry, no new `updated_at`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oranje.care.access import can_manage_location
from oranje.care.constants import FACILITIES, LocationKind
from oranje.care.models import Location, LocationContact
from oranje.care.services.locations import (
    ContactData,
    LocationData,
    location_problems,
    location_write,
)
from oranje.core import access as core_access
from oranje.core import tabular
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region
from oranje.core.params import InvalidParameter, parse_int
from oranje.core.spreadsheet import csv_bytes
from oranje.core.tabular import ImportReport, RowError
from oranje.core.validation import parse_day
from oranje.registry.validation import parse_house

#: The largest file accepted (a register of a region is a few hundred rows).
UPLOAD_MAX = 5 * 1024 * 1024
#: Contacts a file may give per row: contact1_… to contact<CONTACT_SLOTS>_….
CONTACT_SLOTS = 3
_CONTACT_COLUMNS = {
    "name": ("naam", "name"),
    "role": ("rol", "role", "functie"),
    "phone": ("telefoon", "phone", "tel"),
    "email": ("email", "e-mail", "mail"),
}

#: Canonical column -> accepted header names; the first is the one the template writes.
COLUMNS: dict[str, tuple[str, ...]] = {
    "municipality": ("gemeente", "municipality", "cbs", "cbs-code", "gemeentecode"),
    "code": ("code", "locatiecode", "id"),
    "name": ("naam", "name", "locatie"),
    "kind": ("soort", "kind", "type"),
    "street": ("straat", "street"),
    "house": ("huisnummer", "house_number", "nummer"),
    "postcode": ("postcode", "postal_code"),
    "city": ("plaats", "woonplaats", "city"),
    "latitude": ("breedtegraad", "latitude", "lat"),
    "longitude": ("lengtegraad", "longitude", "lon", "lng"),
    "capacity_day": ("capaciteit_dag", "zitplaatsen", "capacity_day"),
    "capacity_night": ("capaciteit_nacht", "bedden", "capacity_night"),
    "kitchen": ("keuken", "kitchen"),
    "showers": ("douches", "showers"),
    "wheelchair": ("rolstoeltoegankelijk", "rolstoel", "wheelchair"),
    "pets": ("huisdieren", "pets"),
    "medical_room": ("medische_ruimte", "ehbo", "medical_room"),
    "power_backup": ("noodstroom", "power_backup"),
    "owner": ("eigenaar", "owner"),
    "agreement_until": ("overeenkomst_tot", "convenant_tot", "agreement_until"),
    "available": ("beschikbaar", "available"),
    "unavailable_until": ("niet_beschikbaar_tot", "unavailable_until"),
    "note": ("opmerking", "note", "reden"),
    **{
        f"contact{n}_{key}": tuple(f"contact{n}_{header}" for header in headers)
        for n in range(1, CONTACT_SLOTS + 1)
        for key, headers in _CONTACT_COLUMNS.items()
    },
}
REQUIRED = ("code", "name")
#: The column named in a row error: the template's (Dutch) header of the field.
_HEADER = {canonical: names[0] for canonical, names in COLUMNS.items()}
_HEADER.update({"house_number": "huisnummer", "house_addition": "huisnummer"})

_YES = {"ja", "j", "yes", "y", "x", "1", "waar", "true", "wel"}
_NO = {"nee", "n", "no", "0", "onwaar", "false", "niet", ""}
#: Dutch names of the kinds a file may use beside the codes.
_KINDS = {
    "sporthal": LocationKind.SPORTS_HALL,
    "buurthuis": LocationKind.COMMUNITY_CENTRE,
    "wijkcentrum": LocationKind.COMMUNITY_CENTRE,
    "dorpshuis": LocationKind.COMMUNITY_CENTRE,
    "hotel": LocationKind.HOTEL,
    "school": LocationKind.SCHOOL,
    "kerk": LocationKind.CHURCH,
    "evenementenhal": LocationKind.EVENT_HALL,
    "anders": LocationKind.OTHER,
    "overig": LocationKind.OTHER,
}


@dataclass
class LocationImportReport(ImportReport):
    """`created` new locations, `updated` changed ones, `unchanged` ones left as they were."""

    updated: int = 0
    unchanged: int = 0


def template_csv() -> bytes:
    """The header row of an import file, for the user to fill in."""
    return csv_bytes([names[0] for names in COLUMNS.values()], [])


def read_locations(stream: IO[bytes], filename: str) -> list[tuple[int, dict[str, object]]]:
    """Rows of a locations file as (line number, {column: value}); ValidationError (Dutch)
    for a file that is no table or lacks the code or name column."""
    return tabular.read_table(stream, filename, columns=COLUMNS, required=REQUIRED)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a spreadsheet's number cell: 12.0 is 12
    return str(value).strip()


def _yes_no(value: object, *, default: bool) -> bool:
    text = _text(value).lower()
    if not text:
        return default
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(_("'%(value)s' is not ja or nee.") % {"value": text[:20]})


def _decimal(value: object) -> Decimal | None:
    text = _text(value).replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("'%(value)s' is not a number.") % {"value": text[:20]}) from None
    if not number.is_finite():
        raise ValidationError(_("'%(value)s' is not a number.") % {"value": text[:20]})
    return number


def _count(value: object) -> int:
    text = _text(value)
    if not text:
        return 0
    try:
        return parse_int(text, field="", minimum=0, maximum=10**9)
    except InvalidParameter as exc:
        raise ValidationError(exc.message) from None


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime | dt.date) or _text(value):
        return parse_day(value)
    return None


def _kind(value: object) -> str:
    text = _text(value).lower()
    if not text:
        return LocationKind.OTHER
    if text in LocationKind.values:
        return text
    found = _KINDS.get(text) or next(
        (k for k in LocationKind if str(k.label).lower() == text), None
    )
    if found is None:
        raise ValidationError(
            _("'%(value)s' is not a kind of location (%(kinds)s).")
            % {"value": text[:30], "kinds": ", ".join(_KINDS)}
        )
    return str(found)


_CBS = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)


class _Municipalities:
    """The region's current municipalities by CBS code and by name, and which the actor
    may manage."""

    def __init__(self, actor: AnyUser, region: Region) -> None:
        found = list(Municipality.objects.current().filter(region=region).select_related("region"))
        self.by_code = {m.cbs_code.upper(): m for m in found}
        self.by_name = {m.name.lower(): m for m in found}
        self.manages = {m.pk: can_manage_location(actor, m) for m in found}

    def find(self, text: str) -> Municipality | None:
        m = _CBS.match(text.strip())
        if m:
            return self.by_code.get(f"GM{int(m.group(1)):04d}")
        return self.by_name.get(" ".join(text.split()).lower())


def _row_data(values: dict[str, object], bad: _Bad) -> tuple[LocationData, set[str]]:
    """The row as LocationData (a cell that cannot be read left at its default) and the
    columns that could not be read, each reported."""
    failed: set[str] = set()

    def read(column: str, parse: object, *args: object, **kwargs: object) -> object:
        try:
            return parse(values.get(column), *args, **kwargs)  # type: ignore[operator]
        except ValidationError as exc:
            bad(column, exc.messages[0])
            failed.add(column)
            return None

    house = read("house", lambda v: parse_house(_text(v)))
    facilities = {name: read(name, _yes_no, default=False) for name in FACILITIES}
    contacts = tuple(
        ContactData(
            name=_text(values.get(f"contact{n}_name")),
            role=_text(values.get(f"contact{n}_role")),
            phone=_text(values.get(f"contact{n}_phone")),
            email=_text(values.get(f"contact{n}_email")),
        )
        for n in range(1, CONTACT_SLOTS + 1)
    )
    available = read("available", _yes_no, default=True)
    data = LocationData(
        code=_text(values.get("code")),
        name=_text(values.get("name")),
        kind=str(read("kind", _kind) or LocationKind.OTHER),
        street=_text(values.get("street")),
        house_number=house[0] if isinstance(house, tuple) else None,
        house_addition=house[1] if isinstance(house, tuple) else "",
        postcode=_text(values.get("postcode")),
        city=_text(values.get("city")),
        latitude=read("latitude", _decimal),  # type: ignore[arg-type]
        longitude=read("longitude", _decimal),  # type: ignore[arg-type]
        capacity_day=read("capacity_day", _count) or 0,  # type: ignore[arg-type]
        capacity_night=read("capacity_night", _count) or 0,  # type: ignore[arg-type]
        owner=_text(values.get("owner")),
        agreement_until=read("agreement_until", _day),  # type: ignore[arg-type]
        available=True if available is None else bool(available),
        unavailable_until=read("unavailable_until", _day),  # type: ignore[arg-type]
        note=_text(values.get("note")),
        contacts=tuple(c for c in contacts if c.name or c.role or c.phone or c.email),
        **{name: bool(value) for name, value in facilities.items()},
    )
    if failed & {"latitude", "longitude"}:
        failed |= {"latitude", "longitude"}
    if "house" in failed:
        failed |= {"house_number", "house_addition"}
    return data, failed


class _Bad:
    """Collects one row's problems into the report, the column as the template names it."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.line = 0

    def __call__(self, column: str, message: str) -> None:
        self.report.errors.append(RowError(self.line, _HEADER.get(column, column), message))


def locations_import(
    *,
    actor: AnyUser,
    region: Region,
    rows: list[tuple[int, dict[str, object]]],
    municipality: Municipality | None = None,
) -> LocationImportReport:
    """Create or update (by municipality and code) every row's location, or none.

    With `municipality` every row is that municipality's (a municipality column, if any, must
    agree); without, each row names its municipality of `region`. Each row is checked as
    `location_save` checks a form, and the actor must manage each row's municipality."""
    user = core_access.authenticated(actor)
    known = _Municipalities(user, region)
    if municipality is not None:
        core_access.require(known.manages.get(municipality.pk, False))
    else:
        core_access.require(any(known.manages.values()))
    report = LocationImportReport()
    bad = _Bad(report)
    parsed: list[tuple[Municipality, LocationData]] = []
    seen: dict[tuple[int, str], int] = {}
    for line, values in rows:
        bad.line = line
        named = _text(values.get("municipality"))
        target = known.find(named) if named else None
        if municipality is not None:
            if named and target != municipality:
                bad(
                    "municipality",
                    _("'%(value)s' is not %(municipality)s, the municipality of this import.")
                    % {"value": named[:40], "municipality": municipality.name},
                )
                continue
            target = municipality
        elif not named:
            bad("municipality", _("give the municipality (CBS code or name)."))
            continue
        elif target is None:
            bad(
                "municipality",
                _("'%(value)s' is not a municipality of %(region)s.")
                % {"value": named[:40], "region": region.name},
            )
            continue
        if not known.manages.get(target.pk, False):
            bad(
                "municipality",
                _("You may not change the shelter locations of %(municipality)s.")
                % {"municipality": target.name},
            )
            continue
        data, failed = _row_data(values, bad)
        clean, problems = location_problems(data)
        for key, messages in problems.items():
            if key in failed:
                continue  # already reported as unreadable
            for message in messages:
                bad(key, message)
        if problems or failed:
            continue
        earlier = seen.get((target.pk, clean.code))
        if earlier is not None:
            bad(
                "code",
                _("code %(code)s already appears in row %(row)s.")
                % {"code": clean.code, "row": earlier},
            )
            continue
        seen[(target.pk, clean.code)] = line
        parsed.append((target, clean))
    if report.errors:
        report.errors.sort(key=lambda e: e.line)
        return report
    with transaction.atomic():
        existing = {
            (loc.municipality_id, loc.code): loc
            for loc in Location.objects.select_for_update()
            .filter(municipality__in={m.pk for m, _data in parsed})
            .prefetch_related("contacts")
        }
        contacts: list[LocationContact] = []
        for target, clean in parsed:
            location = existing.get((target.pk, clean.code))
            changes = location_write(
                location=location if location is not None else Location(),
                municipality=target,
                data=clean,
                new_contacts=contacts,
            )
            if location is None:
                report.created += 1
            elif changes:
                report.updated += 1
            else:
                report.unchanged += 1
        LocationContact.objects.bulk_create(contacts, batch_size=500)
        if report.created or report.updated:
            audit_record(
                actor=user,
                action=AuditAction.LOCATION_IMPORT,
                object_type="location",
                region=region,
                changes={
                    "created": [0, report.created],
                    "updated": [0, report.updated],
                    "unchanged": [0, report.unchanged],
                },
                note=municipality.name if municipality is not None else "",
            )
    return report
