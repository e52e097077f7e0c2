"""Readability for Dutch (Flesch–Douma) and the length of a message per channel."""

from __future__ import annotations

import pytest

from oranje.communication import readability as r

#: Words and their syllables; the editor's script is held to the same list (browser test).
SYLLABLES = {
    "brand": 1,
    "grote": 2,
    "gemeente": 3,
    "brandweer": 2,
    "blijf": 1,
    "bijeen": 2,
    "nieuw": 1,
    "draaien": 2,
    "mooi": 1,
    "groei": 1,
    "eeuw": 1,
    "situatie": 4,
    "radio": 3,
    "theater": 3,
    "Italië": 4,
    "geïnformeerd": 4,
    "financiële": 5,
    "bureau": 2,
    "evacuatie": 5,
    "verantwoordelijkheid": 6,
    "informatievoorziening": 7,
    "koolmonoxide": 5,
    "update": 2,
    "website": 2,
    "auto's": 2,
    "zo'n": 1,
    "NL-Alert": 3,
    "GRIP": 1,
    "112": 1,
}

SIMPLE = "Blijf binnen. Sluit ramen en deuren. Zet de ventilatie uit."
BUREAUCRATIC = (
    "Ten gevolge van de omstandigheid dat de verantwoordelijke instanties gezamenlijk hebben "
    "geconstateerd dat de concentraties van verontreinigende stoffen in de buitenlucht "
    "gedurende een langere periode de geldende normwaarden overschrijden, wordt de bevolking "
    "geadviseerd om ventilatievoorzieningen buiten werking te stellen."
)


@pytest.mark.parametrize(("word", "count"), SYLLABLES.items())
def test_dutch_syllables(word: str, count: int) -> None:
    assert r.syllables(word) == count


def test_a_short_simple_sentence_scores_high() -> None:
    result = r.readability(SIMPLE)
    assert result.sentences == 3
    assert result.words == 10
    assert result.syllables == 16
    # 206.835 − 0.93 × 10/3 − 77 × 16/10
    assert result.score == pytest.approx(206.835 - 0.93 * 10 / 3 - 77 * 1.6, abs=0.05)
    assert result.level == "A2"
    assert result.meets_target
    assert result.long_sentences == 0
    assert result.long_words == 1  # ventilatie


def test_a_long_bureaucratic_sentence_scores_low() -> None:
    result = r.readability(BUREAUCRATIC)
    assert result.sentences == 1
    assert result.score is not None and result.score < 30
    assert result.level == "C2"
    assert not result.meets_target
    assert result.long_sentences == 1
    assert result.long_word_percent > 20


def test_the_bands() -> None:
    assert [r.level_of(s) for s in (95, 80, 79.9, 65, 64.9, 50, 49.9, 30, 29.9, -10)] == [
        "A2",
        "A2",
        "B1",
        "B1",
        "B2",
        "B2",
        "C1",
        "C1",
        "C2",
        "C2",
    ]


def test_abbreviations_do_not_end_a_sentence_but_a_line_break_does() -> None:
    assert r.sentences("De brandweer o.a. is er. Blijf weg") == [
        "De brandweer o.a. is er",
        "Blijf weg",
    ]
    assert len(r.sentences("Houd ramen dicht\nZet de ventilatie uit")) == 2


def test_no_text_has_no_score() -> None:
    result = r.readability("  \n ")
    assert result.score is None
    assert result.label == "nog geen tekst"


def test_a_message_reads_headline_text_and_instruction() -> None:
    result = r.message_readability(title="Brand", text="Er is brand.", instruction="Blijf binnen.")
    assert result.sentences == 3


def test_sms_in_gsm7_and_ucs2() -> None:
    assert r.sms_length("Blijf binnen.") == r.SmsLength("GSM-7", 13, 1)
    assert r.sms_length("x" * 160).parts == 1
    assert r.sms_length("x" * 161).parts == 2  # 153 per part
    assert r.sms_length("x" * 306).parts == 2
    assert r.sms_length("x" * 307).parts == 3
    assert r.sms_length("€").length == 2  # the extension table: escape + character
    ucs = r.sms_length("Brand in Velsen – blijf binnen")
    assert ucs.encoding == "UCS-2"
    assert ucs.offenders == "–"
    assert r.sms_length("–" * 70).parts == 1
    assert r.sms_length("–" * 71).parts == 2  # 67 per part
    assert r.sms_length("😀").length == 2  # outside the BMP: two code units


def test_channel_lengths_against_their_limits() -> None:
    social, alert, sms = r.channel_lengths(
        title="Brand", text="Er is brand.", instruction="Blijf binnen.", social_text="x" * 281
    )
    assert (social.length, social.limit, social.too_long) == (281, 280, True)
    assert alert.length == len("Brand\nEr is brand.\nBlijf binnen.")
    assert alert.limit == 1395 and not alert.too_long
    assert sms.length == len("Brand\nEr is brand.")
    assert sms.detail == "1 deel, GSM-7"
