"""The exercise banner ("OEFENING/TEST — geen echt incident") is readable everywhere it is
styled: its text sits on a solid colour with WCAG AA contrast (4.5:1), not on the stripes."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

#: Every style sheet that styles `.exercise-banner`.
SHEETS = [
    "core/static/oranje/oranje.css",
    "damage/static/damage/public.css",
    "communication/static/communication/public.css",
    "learning/static/learning/public_survey.css",
]


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _banner_rule(css: str) -> str:
    """The screen rule of the banner (the first; the print rule comes later)."""
    match = re.search(r"\.exercise-banner\s*\{([^}]*)\}", css)
    assert match, "no .exercise-banner rule"
    return match.group(1)


def _under_the_text(rule: str) -> str:
    """The colour the text sits on: the padding-box layer when the stripes frame the banner,
    else a plain background colour. A striped background under the text gives none."""
    layered = re.search(r"linear-gradient\((#[0-9a-fA-F]{3,6}),\s*\1\)\s*padding-box", rule)
    if layered:
        return layered.group(1)
    background = re.search(r"background:\s*(#[0-9a-fA-F]{3,6})\s*;", rule)
    assert background, "the banner's text has no solid background"
    return background.group(1)


def test_contrast_of_black_on_white_is_21():
    assert contrast("#000", "#fff") == pytest.approx(21)


@pytest.mark.parametrize("sheet", SHEETS)
def test_the_banner_text_has_a_solid_background_with_aa_contrast(sheet):
    rule = _banner_rule((settings.BASE_DIR / sheet).read_text())
    text = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", rule)
    assert text, "the banner sets no text colour"
    assert contrast(text.group(1), _under_the_text(rule)) >= 4.5
