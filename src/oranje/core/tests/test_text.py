"""Free text on the way in loses bidirectional and C0 control characters; a text on its way
into XML keeps only what XML 1.0 allows."""

from __future__ import annotations

from django import forms

from oranje.core.forms import InputForm
from oranje.core.text import neutralise_controls, xml_text


def test_vertical_tab_and_form_feed_become_a_newline_other_c0_controls_go() -> None:
    typed = "Regel 1\x0bRegel 2\x0cRegel 3\x01\x1b\x1f\x08 \u202eklaar"
    assert neutralise_controls(typed) == "Regel 1\nRegel 2\nRegel 3 klaar"


def test_tab_newline_and_carriage_return_stay() -> None:
    assert neutralise_controls("a\tb\r\nc\nd") == "a\tb\r\nc\nd"


def test_xml_text_keeps_only_characters_xml_allows() -> None:
    assert xml_text("a\x0bb\x0cc\x00d\x1fe\ufffef\ufffeé😀\t\r\n") == "a\nb\ncdefé😀\t\r\n"


class _Note(InputForm):
    note = forms.CharField()


def test_a_form_stores_no_c0_control_characters() -> None:
    form = _Note({"note": "Regel 1\x0bRegel 2\x07"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "Regel 1\nRegel 2"
