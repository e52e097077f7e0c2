"""The scan page reads a household card through the camera: Chromium's fake camera plays a
video of the card's QR code (made from the same payload the card prints), the page's
script reads it (BarcodeDetector where the browser has one, else the vendored jsQR) and
opens the household. With the Content-Security-Policy in force."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import segno
from django.db import connections
from playwright.sync_api import expect

from oranje.care.cards import QR_ERROR
from oranje.care.models import Household
from oranje.care.services.codes import qr_payload
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.core.tests.browser import BROWSER_TEST, CHROMIUM, log_in
from oranje.organisation.tests.factories import build_world

pytestmark = BROWSER_TEST

WIDTH, HEIGHT = 640, 480


def _card_video(payload: str, path: Path) -> None:
    """A few frames of a Y4M video (what Chromium's fake camera plays): the QR code in
    black on white, centred, 8 pixels a module."""
    matrix = segno.make(payload, error=QR_ERROR, micro=False).matrix
    scale = 8
    size = len(matrix) * scale
    left, top = (WIDTH - size) // 2, (HEIGHT - size) // 2
    luma = bytearray(b"\xeb" * (WIDTH * HEIGHT))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if not dark:
                continue
            for y in range(top + r * scale, top + (r + 1) * scale):
                start = y * WIDTH + left + c * scale
                luma[start : start + scale] = b"\x10" * scale
    chroma = b"\x80" * (WIDTH // 2 * HEIGHT // 2)
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * 10)


@pytest.fixture
def camera_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """A page whose browser has a fake camera playing `request.param`'s video file."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    video = tmp_path / "card.y4m"
    request.node.video_path = video
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}",
            ],
        )
        context = browser.new_context(
            locale="nl-NL", timezone_id="Europe/Amsterdam", viewport={"width": 1024, "height": 768}
        )
        context.grant_permissions(["camera"])
        yield context.new_page()
        connections.close_all()
        context.close()
        browser.close()


def test_the_camera_reads_the_card_and_opens_the_household(
    camera_page: Any, live_server: Any, request: pytest.FixtureRequest
) -> None:
    page = camera_page
    cw = build_care(build_world())
    cw.desk.set_password("test-pass-123")
    cw.desk.save()
    hall = open_shelter(cw.incident, location(cw.world.haarlem, "Sporthal Zuid"))
    home = check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    assert isinstance(home, Household)
    _card_video(qr_payload(cw.incident.pk, home.code, exercise=False), request.node.video_path)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server, "desk_anna")
    page.goto(f"{live_server.url}/incidenten/{cw.incident.pk}/opvang/{hall.pk}/balie/scan/")
    page.get_by_role("button", name="Scannen met de camera").click()
    page.wait_for_url(f"**/balie/huishoudens/{home.pk}/", timeout=20_000)
    expect(page.get_by_role("heading", name="Uitchecken")).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors
