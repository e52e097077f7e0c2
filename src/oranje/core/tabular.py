"""Reading spreadsheets (CSV or .xlsx) for imports: header names mapped to canonical columns,
every data row with its line number. Imports validate the rows themselves."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RowError:
    """One problem in one row of an import, for the report the user fixes the file from."""

    line: int
    field: str
    message: str


@dataclass
class ImportReport:
    """What an all-or-nothing import did: every problem, or how many rows it created."""

    created: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


MISSING_COLUMNS = _("The file lacks the column(s): %(columns)s.")
EMPTY = _("The file contains no rows.")
UNREADABLE = _("The file could not be read as CSV or .xlsx: %(error)s")


def read_table(
    stream: IO[bytes],
    filename: str,
    *,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
) -> list[tuple[int, dict[str, object]]]:
    """Rows of a CSV or .xlsx file as (line number, {canonical column: value}).

    `columns` maps each canonical column to the header names accepted for it (lower case).
    """
    data = stream.read()
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        raw_rows = _xlsx_rows(data)
    else:
        raw_rows = _csv_rows(data)
    if not raw_rows:
        raise ValidationError(str(EMPTY))
    header = [str(h or "").strip().lower() for h in raw_rows[0]]
    index: dict[str, int] = {}
    for canonical, names in columns.items():
        for position, name in enumerate(header):
            if name in names:
                index[canonical] = position
                break
    missing = [columns[c][0] for c in required if c not in index]
    if missing:
        raise ValidationError(str(MISSING_COLUMNS % {"columns": ", ".join(missing)}))
    rows = []
    for offset, raw in enumerate(raw_rows[1:], start=2):
        if not any(str(v or "").strip() for v in raw):
            continue
        values = {c: (raw[i] if i < len(raw) else None) for c, i in index.items()}
        rows.append((offset, values))
    if not rows:
        raise ValidationError(str(EMPTY))
    return rows


def _csv_rows(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(str(UNREADABLE % {"error": exc})) from exc
    first_line = text.split("\n", 1)[0]
    # Dutch spreadsheet programs write semicolons; others commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(str(UNREADABLE % {"error": exc})) from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows
