"""Core stores phone numbers in the normal form matching compares them in (E.164)."""

import pytest
from django.core.exceptions import ValidationError

from oranje.core.validation import format_phone, normalise_phone
from oranje.matching.normalize import phone_e164


@pytest.mark.parametrize(
    "text",
    ["06-12345678", "+31 (0)6 12345678", "0031 6 1234 5678", "020 123 4567", "+44 20 7946 0958"],
)
def test_core_stores_the_form_matching_compares(text):
    assert normalise_phone(text) == phone_e164(text) != ""


@pytest.mark.parametrize("text", ["12345", "+31 6 1234", "0612345678a", "+999 1234 5678", "abc"])
def test_what_is_no_valid_number_is_refused_with_a_message(text):
    with pytest.raises(ValidationError) as caught:
        normalise_phone(text)
    assert caught.value.code == "invalid_phone"


def test_an_empty_number_is_required():
    with pytest.raises(ValidationError) as caught:
        normalise_phone("  ")
    assert caught.value.code == "required"


def test_a_stored_number_reads_the_dutch_way():
    assert format_phone(normalise_phone("0612345678")) == "06 12345678"
