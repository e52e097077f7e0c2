"""Probe: user text of every kind in the board report's PDF and print page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from oranje.organisation.tests.factories import World
from oranje.quality.models import Norm
from oranje.quality.reports import board, pdf
from oranje.quality.tests.report_world import ReportWorld, build_report_world

pytestmark = pytest.mark.django_db

NASTY = [
    "x" * 500,
    "a\tb\r\nc\x0bd\x0ce\x1bf\x7f",
    "<b>bold</b> **md** __u__ --x-- ~~s~~ <script>alert(1)</script>",
    "😀 中文 \u202e evil \u200b zero",
    "{nb} {nb} %s %(x)s",
    "\ud800" if False else "\u0000".replace("\u0000", "") + "endline\n" * 200,
    "W" * 3000,
]


@pytest.fixture
def rw(world: World) -> ReportWorld:
    return build_report_world(world)


@pytest.mark.parametrize("text", NASTY)
def test_pdf_and_print_with_nasty_text(rw: ReportWorld, text: str) -> None:
    rw.report.title = text[:200]
    rw.report.foreword = text
    rw.report.save()
    rw.action.title = text[:200]
    rw.action.owner_name = text[:100]
    rw.action.result = text
    rw.action.save()
    Norm.objects.filter(norm_set__region=rw.world.region).update(title=text[:200], text=text)
    rw.world.velsen.name = text[:100]
    rw.world.velsen.save()
    pdf.board_pdf(board.board_content(rw.report))
    pdf.chapter_pdf(board.chapter_content(rw.report, rw.world.velsen))
    client = Client()
    client.force_login(rw.monitor)
    r = client.get(reverse("quality:report", args=[rw.report.pk]))
    assert r.status_code == 200
    assert b"<script>alert(1)" not in r.content
    r = client.get(reverse("quality:report_pdf", args=[rw.report.pk]))
    assert r.status_code == 200
    r = client.get(reverse("quality:report_chapter_pdf", args=[rw.report.pk, rw.world.velsen.pk]))
    assert r.status_code == 200, r.status_code


def test_a_norm_code_cannot_break_out_of_the_trend_charts_attributes(rw: ReportWorld) -> None:
    """The print page's trend chart puts the norm code in id and aria attributes; a code
    with a quote must not add an attribute of its own."""
    Norm.objects.filter(norm_set__region=rw.world.region).update(code='X" onload="alert(1)')
    client = Client()
    client.force_login(rw.monitor)
    for url in (
        reverse("quality:report", args=[rw.report.pk]),
        reverse("quality:report_chapter", args=[rw.report.pk, rw.world.velsen.pk]),
    ):
        r = client.get(url)
        assert r.status_code == 200
        assert b'onload="alert(1)' not in r.content, url
