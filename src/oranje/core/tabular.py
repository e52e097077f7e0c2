"""Reading spreadsheets (CSV or .xlsx) for imports: header names mapped to canonical columns,
every data row with its line number. Imports validate the rows themselves.

CSV files come in the encoding and with the separator the spreadsheet program chose (Dutch
Excel: Windows-1252 with ';'); a file that is no table gets a message saying what to do,
never a Python error."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
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
NOT_A_TABLE = _(
    "This file is neither a CSV file nor an Excel workbook (.xlsx). Save it from your "
    "spreadsheet program as .xlsx or as CSV and try again."
)
OLD_EXCEL = _(
    "This is a workbook in the old Excel format (.xls). Save it as .xlsx (Excel workbook) "
    "or as CSV and try again."
)
DAMAGED_XLSX = _(
    "This .xlsx workbook cannot be opened; it may be damaged or protected with a password. "
    "Save it again as .xlsx or as CSV and try again."
)
TOO_MANY_ROWS = _("The file has more than %(max)s rows. Split it into smaller lists.")
UNKNOWN_ENCODING = _(
    "The characters of this CSV file cannot be read. Save it as 'CSV UTF-8' or as .xlsx "
    "and try again."
)

#: Encodings a CSV file from a Dutch office arrives in: UTF-8 (with or without the mark
#: Excel puts in front), UTF-16 ("Unicode text"), and Windows-1252 / Latin-1, which Dutch
#: Excel uses for "CSV (gescheiden door lijstscheidingsteken)".
_ENCODINGS = ["utf_8", "utf_16", "cp1252", "latin_1"]


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
    raw_rows = _raw_rows(stream.read(), filename)
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


def read_header(data: bytes, filename: str) -> list[str]:
    """The column names of a CSV or .xlsx file as written in its first row (for a step where
    the user maps the file's columns); at least one data row must follow."""
    raw_rows = _raw_rows(data, filename, limit=HEADER_LOOKAHEAD)
    if len(raw_rows) < 2 or not any(str(v or "").strip() for row in raw_rows[1:] for v in row):
        raise ValidationError(str(EMPTY))
    return [str(h or "").strip() for h in raw_rows[0]]


#: How many rows `read_header` reads of a workbook (a large one is not read whole for it).
HEADER_LOOKAHEAD = 50

#: The most rows a file may have (a hospital list has thousands), and the most columns read
#: of a workbook. A workbook of a few hundred bytes can claim to reach cell XFD1048576: the
#: reader would fill every row and column up to there with empty cells (gigabytes).
MAX_ROWS = 100_000
MAX_COLUMNS = 200
#: The most bytes a workbook's parts may unpack to.
MAX_UNPACKED = 300 * 1024 * 1024


def _bounded(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """The rows without their empty trailing cells; a ValidationError past MAX_ROWS."""
    out: list[list[Any]] = []
    for row in rows:
        if len(out) >= MAX_ROWS + 1:  # the header and MAX_ROWS rows
            raise ValidationError(str(TOO_MANY_ROWS % {"max": MAX_ROWS}))
        cells = list(row[:MAX_COLUMNS])
        while cells and cells[-1] is None:
            cells.pop()
        out.append(cells)
    return out


def _raw_rows(data: bytes, filename: str, *, limit: int | None = None) -> list[list[Any]]:
    name = filename.lower()
    if data[:4] == b"\xd0\xcf\x11\xe0" or name.endswith(".xls"):
        raise ValidationError(str(OLD_EXCEL))
    is_xlsx = name.endswith(".xlsx") or data[:2] == b"PK"
    return _xlsx_rows(data, limit=limit) if is_xlsx else _csv_rows(data)


def decode_text(data: bytes) -> str:
    """The text of a CSV file in whichever of the usual encodings it was saved."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValidationError(str(UNKNOWN_ENCODING)) from exc
    if b"\x00" in data:  # a binary file: a PDF, an image, a zip without the xlsx parts
        raise ValidationError(str(NOT_A_TABLE))
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_ENCODINGS).best()
    if best is None:
        raise ValidationError(str(UNKNOWN_ENCODING))
    return str(best)


def _csv_rows(data: bytes) -> list[list[object]]:
    text = decode_text(data)
    if any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"):
        raise ValidationError(str(NOT_A_TABLE))
    first_line = text.split("\n", 1)[0]
    # Dutch spreadsheet programs write semicolons; others commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _bounded(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:  # a cell past the csv module's field limit (128 KB), a bad quote
        raise ValidationError(str(NOT_A_TABLE)) from exc


def _xlsx_rows(data: bytes, *, limit: int | None = None) -> list[list[Any]]:
    from openpyxl import load_workbook

    if data[:2] != b"PK":
        raise ValidationError(str(NOT_A_TABLE))
    try:
        # A zip bomb: a few megabytes that unpack to gigabytes of XML (openpyxl reads the
        # shared strings whole). zipfile never unpacks a member past its declared size.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationError(str(DAMAGED_XLSX)) from exc
    if unpacked > MAX_UNPACKED:
        raise ValidationError(str(DAMAGED_XLSX))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(str(DAMAGED_XLSX)) from exc
    sheet = workbook.worksheets[0]
    # Columns bounded before openpyxl pads each row to the width the sheet claims; rows one
    # past the bound, so that too long a file is told apart from one just long enough.
    width = min(sheet.max_column or 1, MAX_COLUMNS)
    try:
        rows = _bounded(
            sheet.iter_rows(max_row=limit or MAX_ROWS + 2, max_col=width, values_only=True)
        )
    finally:
        workbook.close()
    return rows
