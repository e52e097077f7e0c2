"""The household card: a 62 mm label whose QR code holds the card's payload (read back from
the rectangles drawn in the PDF), with the code in large type, the household, the number of
persons, the shelter and OEFENING for an exercise."""

from __future__ import annotations

import re
import zlib

import pytest
from django.test import Client

from oranje.care.cards import CARD_HEIGHT, CARD_WIDTH, QR_ERROR, card_of, card_pdf
from oranje.care.models import Household
from oranje.care.services.codes import qr_payload, show_code
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

_RECT = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) (-[\d.]+) re f")


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            continue
    return out


def _text(pdf: bytes) -> str:
    return "\n".join(s.decode("cp1252") for s in _streams(pdf))


def _qr_modules(pdf: bytes) -> list[list[int]]:
    """The QR code's dark modules, rebuilt from the filled rectangles on the page."""
    rects = [tuple(float(v) for v in m) for s in _streams(pdf) for m in _RECT.findall(s)]
    assert rects, "no QR code drawn"
    module = -rects[0][3]
    left = min(r[0] for r in rects)
    top = max(r[1] for r in rects)
    cells = set()
    for x, y, w, _h in rects:
        row, col = round((top - y) / module), round((x - left) / module)
        cells.update((row, col + i) for i in range(round(w / module)))
    size = max(r for r, _c in cells) + 1
    return [[int((r, c) in cells) for c in range(size)] for r in range(size)]


def test_the_card_pdf_carries_the_qr_payload_and_the_code(world: World) -> None:
    import segno

    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem, "Sporthal Zuid"))
    home = check_in(cw, hall, "Anna Jansen", "Bram Jansen", "Cor Jansen")
    assert isinstance(home, Household)
    pdf = card_pdf(card_of(home, hall))
    assert pdf.startswith(b"%PDF")
    width, height = (
        float(v) for v in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups()
    )  # type: ignore[union-attr]
    assert round(width / 72 * 25.4) == CARD_WIDTH and round(height / 72 * 25.4) == CARD_HEIGHT
    payload = qr_payload(cw.incident.pk, home.code, exercise=False)
    expected = [list(row) for row in segno.make(payload, error=QR_ERROR, micro=False).matrix]
    assert _qr_modules(pdf) == expected
    text = _text(pdf)
    assert show_code(home.code) in text
    assert "Jansen" in text and "3 personen" in text and "Sporthal Zuid" in text
    assert "OEFENING" not in text


def test_an_exercise_card_says_oefening_and_its_payload_too(world: World) -> None:
    import segno

    cw = build_care(world, exercise=True)
    hall = open_shelter(cw.incident, location(world.haarlem, "Sporthal Zuid"))
    home = check_in(cw, hall, "Anna Jansen")
    assert isinstance(home, Household)
    pdf = card_pdf(card_of(home, hall))
    assert "OEFENING" in _text(pdf)
    payload = qr_payload(cw.incident.pk, home.code, exercise=True)
    assert payload.endswith(":OEFENING")
    expected = [list(row) for row in segno.make(payload, error=QR_ERROR, micro=False).matrix]
    assert _qr_modules(pdf) == expected


def test_the_card_pages_answer_with_the_pdf_and_the_print_view(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem, "Sporthal Zuid"))
    home = check_in(cw, hall, "Anna Jansen")
    assert isinstance(home, Household)
    client = Client()
    client.force_login(cw.desk)
    base = f"/incidenten/{cw.incident.pk}/opvang/{hall.pk}/balie/huishoudens/{home.pk}/"
    pdf = client.get(f"{base}kaart.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    view = client.get(f"{base}kaart/").content.decode()
    assert show_code(home.code) in view and "<svg" in view
