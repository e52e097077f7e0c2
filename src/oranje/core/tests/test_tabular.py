"""The shared spreadsheet reader: Dutch Excel's CSV (Windows-1252, ';') is read as it is,
and a file that is no table gets a Dutch message instead of a Python error."""

import io

import pytest
from django.core.exceptions import ValidationError

from oranje.core.tabular import read_table

COLUMNS = {"name": ("naam",), "place": ("plaats",)}


def _read(data: bytes, filename: str = "lijst.csv") -> list:
    return read_table(io.BytesIO(data), filename, columns=COLUMNS, required=("name",))


def test_a_csv_from_dutch_excel_in_windows_1252_with_semicolons_is_read() -> None:
    data = "naam;plaats\r\nJosé Müller;Den Haag\r\nRené Çelik;Zoë's hof €\r\n".encode("cp1252")
    rows = _read(data)
    assert rows == [
        (2, {"name": "José Müller", "place": "Den Haag"}),
        (3, {"name": "René Çelik", "place": "Zoë's hof €"}),
    ]


def test_utf_8_with_the_excel_mark_and_utf_16_are_read_too() -> None:
    text = "naam,plaats\nJosé,Velsen\n"
    assert _read(text.encode("utf-8-sig"))[0][1]["name"] == "José"
    assert _read(text.encode("utf-16"))[0][1]["name"] == "José"


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (b"%PDF-1.4\x00\x01\x02 binary", "lijst.csv", "geen CSV-bestand"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "foto.png", "geen CSV-bestand"),
        (b"PK\x03\x04 not really a workbook", "lijst.xlsx", "beschadigd"),
        (b"\xd0\xcf\x11\xe0 old excel", "lijst.xls", ".xls"),
    ],
)
def test_a_file_that_is_no_table_says_what_to_do_in_dutch(
    data: bytes, filename: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _read(data, filename)
    message = caught.value.messages[0]
    assert words in message
    assert "zip" not in message and "codec" not in message


def _sparse_workbook(*, cell: str) -> bytes:
    """A workbook of a few hundred bytes whose sheet claims to reach `cell` (one value
    there): the reader must not fill the space between with empty cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["A2"] = "naam", "plaats", "Jan"
    sheet[cell] = "x"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_workbook_claiming_thousands_of_columns_is_read_without_the_empty_ones() -> None:
    from oranje.core import tabular

    rows = tabular._raw_rows(_sparse_workbook(cell="XFD3"), "lijst.xlsx")
    assert max(len(row) for row in rows) <= tabular.MAX_COLUMNS
    assert _read(_sparse_workbook(cell="XFD3"), "lijst.xlsx")[0][1]["name"] == "Jan"


def test_a_file_with_more_rows_than_an_import_takes_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from oranje.core import tabular

    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    with pytest.raises(ValidationError, match="10"):
        _read(_sparse_workbook(cell="A5000"), "lijst.xlsx")
    csv_data = ("naam\n" + "Jan\n" * 20).encode()
    with pytest.raises(ValidationError, match="10"):
        _read(csv_data)
    assert len(_read(("naam\n" + "Jan\n" * 9).encode())) == 9


def test_a_workbook_that_unpacks_to_more_than_the_bound_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from oranje.core import tabular

    data = _sparse_workbook(cell="C3")
    assert _read(data, "lijst.xlsx")[0][1]["name"] == "Jan"
    monkeypatch.setattr(tabular, "MAX_UNPACKED", 1000)
    with pytest.raises(ValidationError, match=r"beschadigd|damaged"):
        _read(data, "lijst.xlsx")
