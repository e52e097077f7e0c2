"""CSV written for people who open it in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by Excel
and LibreOffice: a name typed as "=HYPERLINK(…)" would run when the list is opened (CSV
injection). Such a cell gets a leading ' (OWASP's advice), which the spreadsheet shows as
text. Dutch Excel reads UTF-8 only with a byte order mark and splits on semicolons.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as text that a spreadsheet shows as text, never runs."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def decimal_cell(value: float | None, places: int = 1) -> str:
    """A number with a decimal comma, as Dutch Excel reads it in a semicolon CSV ("100,0";
    "100.0" would be read as a date or text); None is an empty cell."""
    return "" if value is None else f"{value:.{places}f}".replace(".", ",")


def csv_bytes(
    header: Iterable[object], rows: Iterable[Iterable[object]], *, marking: str = ""
) -> bytes:
    """A whole CSV file (UTF-8 with BOM, semicolons). A `marking` (OEFENING) is the first
    line, before the header, so nobody takes an exercise list for a real one."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if marking:
        writer.writerow([marking])
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(
    header: Iterable[object],
    rows: Iterable[Iterable[object]],
    *,
    marking: str = "",
    title: str = "Blad1",
) -> bytes:
    """A whole .xlsx workbook of one sheet. Text cells go through `safe_cell` as in the CSV
    (openpyxl would store "=…" as a formula); numbers, booleans and dates stay what they are.
    Control characters that a worksheet cannot hold (a bell or escape typed into a public
    form) are left out, rather than failing the whole file. A `marking` (OEFENING) is the
    first row."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])

    def cell(value: object) -> object:
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        if isinstance(value, dt.date):
            return value
        # Left out first, so that "\x01=…" cannot become a formula afterwards.
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", str(value)))

    if marking:
        sheet.append([marking])
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
