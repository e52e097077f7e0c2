"""Import of functionaries from a spreadsheet (CSV or .xlsx): every bad row reported, nothing
kept of a failed batch. Each row goes through `person_create`, so an import applies exactly
the rules (and writes the audit entries) of adding a person by hand.

Columns (header names are case-insensitive; Dutch or English):
  email / e-mail                       the functionary's e-mail address (unique)
  voornaam / given_name                given name
  tussenvoegsel / prefix               optional, e.g. van der
  achternaam / surname                 surname
  telefoon / mobiel / phone            mobile phone, e.g. 06 12345678
  ander nummer / phone_alt             optional
  gemeente / municipality              optional: CBS code (GM0392) or name; empty for regional
  functies / functions                 optional: function codes, separated by comma or space
  soort / kind                         optional: sleutelfunctionaris (default) or ambtenaar
                                       (civil servant who may be called without a path)
"""

from __future__ import annotations

import re
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core import tabular
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.core.tabular import ImportReport, RowError
from oranje.organisation import errors
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Function
from oranje.organisation.services.people import person_create

COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "e-mailadres"),
    "given_name": ("voornaam", "roepnaam", "given_name"),
    "prefix": ("tussenvoegsel", "prefix"),
    "surname": ("achternaam", "surname"),
    "phone": ("telefoon", "mobiel", "mobiele telefoon", "phone"),
    "phone_alt": ("ander nummer", "telefoon 2", "phone_alt"),
    "municipality": ("gemeente", "municipality"),
    "functions": ("functies", "functie", "functions"),
    "kind": ("soort", "kind"),
}
REQUIRED = ("email", "given_name", "surname", "phone")
KINDS = {
    "": PersonKind.KEY,
    "sleutel": PersonKind.KEY,
    "sleutelfunctie": PersonKind.KEY,
    "sleutelfunctionaris": PersonKind.KEY,
    "key": PersonKind.KEY,
    "ambtenaar": PersonKind.CIVIL,
    "ambtenaar zonder traject": PersonKind.CIVIL,
    "ambtenaar zonder opleidingstraject": PersonKind.CIVIL,
    "zonder traject": PersonKind.CIVIL,
    "civil": PersonKind.CIVIL,
}
FIELD_LABELS = {
    "email": "email",
    "given_name": "voornaam",
    "prefix": "tussenvoegsel",
    "surname": "achternaam",
    "phone": "telefoon",
    "phone_alt": "ander nummer",
    "municipality": "gemeente",
    "functions": "functies",
    "kind": "soort",
}
#: Longest text per column (as the person form allows).
MAX_LENGTHS = {
    "email": 254,
    "given_name": 100,
    "prefix": 10,
    "surname": 100,
    "phone": 30,
    "phone_alt": 30,
}
_SEPARATORS = re.compile(r"[\s,;|/]+")


def read_table(stream: IO[bytes], filename: str) -> list[tuple[int, dict[str, object]]]:
    """Rows of a people spreadsheet as (line number, {column: value})."""
    return tabular.read_table(stream, filename, columns=COLUMNS, required=REQUIRED)


def _text(values: dict[str, object], key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value).strip()


def people_import(
    *,
    actor: User,
    region: Region,
    rows: list[tuple[int, dict[str, object]]],
    filename: str = "",
) -> ImportReport:
    """Add every row as a functionary of `region`, or none when any row is wrong."""
    core_access.require(core_access.can_manage_anything(actor, region.pk))
    report = ImportReport()

    def bad(line: int, field_name: str, message: str) -> None:
        report.errors.append(RowError(line, FIELD_LABELS.get(field_name, field_name), message))

    functions = {f.code.upper(): f for f in Function.objects.all()}
    municipalities: dict[str, Municipality] = {}
    for m in Municipality.objects.current().filter(region=region):
        municipalities[m.cbs_code.upper()] = m
        municipalities[m.name.lower()] = m

    with transaction.atomic():
        for line, values in rows:
            row_ok = True
            data = {key: _text(values, key) for key in MAX_LENGTHS}
            for key, limit in MAX_LENGTHS.items():
                if len(data[key]) > limit:
                    bad(line, key, _("At most %(max)s characters.") % {"max": limit})
                    row_ok = False
            for key in REQUIRED:
                if not data[key]:
                    bad(line, key, _("This column is empty in this row."))
                    row_ok = False
            place = _text(values, "municipality")
            municipality = None
            if place:
                municipality = municipalities.get(place.upper()) or municipalities.get(
                    place.lower()
                )
                if municipality is None:
                    bad(line, "municipality", str(errors.UNKNOWN_MUNICIPALITY % {"value": place}))
                    row_ok = False
            chosen = []
            for code in _SEPARATORS.split(_text(values, "functions").upper()):
                if not code:
                    continue
                function = functions.get(code)
                if function is None:
                    bad(line, "functions", str(errors.IMPORT_UNKNOWN_FUNCTION % {"value": code}))
                    row_ok = False
                elif function not in chosen:
                    chosen.append(function)
            kind_text = _text(values, "kind").lower()
            kind = KINDS.get(kind_text)
            if kind is None:
                bad(line, "kind", str(errors.IMPORT_BAD_PERSON_KIND % {"value": kind_text[:40]}))
                row_ok = False
            if not row_ok:
                continue
            assert kind is not None
            try:
                with transaction.atomic():
                    person_create(
                        actor=actor,
                        region=region,
                        municipality=municipality,
                        functions=chosen,
                        kind=kind,
                        **data,
                    )
            except ValidationError as exc:
                problems = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                for field_name, messages in problems.items():
                    for message in messages:
                        bad(line, field_name or "email", message)
            except PermissionDenied:
                bad(line, "municipality", str(errors.IMPORT_NOT_YOURS))
            else:
                report.created += 1
        if report.errors:
            transaction.set_rollback(True)
            report.created = 0
            report.errors.sort(key=lambda e: (e.line, e.field))
            return report
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_IMPORT,
            object_type="person",
            region=region,
            changes={"created": [0, report.created]},
            note=filename,
        )
    return report
