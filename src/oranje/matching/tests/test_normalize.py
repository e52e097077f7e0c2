import pytest
from hypothesis import given
from hypothesis import strategies as st

from oranje.matching.normalize import (
    fold,
    house_number,
    parse_birth_date,
    phone,
    phone_e164,
    phonetic,
    postcode,
    split_given,
    split_surname,
)


def test_folding_removes_case_diacritics_and_punctuation():
    assert fold("  Zoë  Müller-Ünal ") == "zoe muller unal"
    assert fold("In 't Veld") == "in 't veld"


@pytest.mark.parametrize(
    ("prefix", "surname", "core", "found_prefix"),
    [
        ("van der", "Berg", "berg", "van der"),
        ("", "Berg, van der", "berg", "van der"),
        ("", "vd Berg", "berg", "van der"),
        ("", "van den Berg", "berg", "van den"),
        ("", "Van Der Berg", "berg", "van der"),
        ("", "in 't Veld", "veld", "in 't"),
        ("", "ter Horst", "horst", "ter"),
        ("", "De Vries", "vries", "de"),
    ],
)
def test_prefixes_are_split_off_in_any_spelling_and_position(prefix, surname, core, found_prefix):
    result = split_surname(prefix, surname)
    assert result.primary == core
    assert result.prefix == found_prefix


def test_a_glued_prefix_also_yields_the_core():
    assert "berg" in split_surname("", "Vandenberg").cores


def test_double_surnames_yield_each_half():
    cores = split_surname("", "Jansen-de Vries").cores
    assert {"jansen", "vries"} <= set(cores)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Meijer", "Meyer"),
        ("Meijer", "Meier"),
        ("Bouwman", "Bauwman"),
        ("Schouten", "Souten"),
        ("Claassen", "Klaasen"),
        ("Smits", "Smitz"),
        ("Goedhart", "Goedhard"),
        ("Richard", "Rigard"),
    ],
)
def test_common_dutch_spelling_variants_share_a_phonetic_key(a, b):
    assert phonetic(a) == phonetic(b)


def test_different_names_keep_different_keys():
    assert phonetic("Bakker") != phonetic("Visser")


@pytest.mark.parametrize(
    ("official", "used"),
    [
        ("Johannes", "Jan"),
        ("Johannes", "Hans"),
        ("Johannes", "Johan"),
        ("Wilhelmina", "Willy"),
        ("Wilhelmina", "Mien"),
        ("Mohammed", "Muhammed"),
        ("Mohamed", "Mohammed"),
        ("Cornelis", "Kees"),
    ],
)
def test_official_names_and_the_names_people_use_share_a_group(official, used):
    assert split_given(official).first_groups & split_given(used).first_groups


def test_initials_are_read_as_initials():
    result = split_given("J.P.")
    assert result.names == () and result.initials == "jp"
    assert split_given("Johannes Petrus").initials == "jp"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-03-04", (1980, 3, 4)),
        ("1980", (1980, None, None)),
        ("19800304", (1980, 3, 4)),
        ("4-3-1980", (1980, 3, 4)),
        ("", (None, None, None)),
        ("1980-13-40", (1980, None, None)),
    ],
)
def test_birth_dates_full_partial_or_missing(text, expected):
    date = parse_birth_date(text)
    assert (date.year, date.month, date.day) == expected


def test_day_and_month_can_be_swapped_when_that_is_a_date():
    assert parse_birth_date("1980-03-04").swapped == parse_birth_date("1980-04-03")
    assert parse_birth_date("1980-03-25").swapped is None


def test_postcodes_house_numbers_and_phones_in_any_format():
    assert postcode("1234 ab") == postcode("1234AB") == "1234AB"
    assert house_number("12a") == house_number("12-A") == house_number("12 A") == ("12", "a")
    assert (
        phone("06-12345678") == phone("+31 6 1234 5678") == phone("0031612345678") == "+31612345678"
    )


@pytest.mark.parametrize(
    "text",
    [
        "06-12345678",
        "06 1234 5678",
        "06.12.34.56.78",
        "+31 6 1234 5678",
        "+31 (0)6 12345678",
        "+31 06 12345678",
        "0031612345678",
        "0031 (0)6 12345678",
        "31612345678",
        "612345678",
        "tel:+31612345678",
    ],
)
def test_dutch_mobile_numbers_in_any_notation_become_e164(text):
    assert phone_e164(text) == "+31612345678"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("020-1234567", "+31201234567"),
        ("(020) 123 45 67", "+31201234567"),
        ("0800-1234", "+318001234"),
        ("0900 1234567", "+319001234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+1 (202) 555-0143", "+12025550143"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_landlines_service_and_foreign_numbers_become_e164(text, expected):
    assert phone_e164(text) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "12345", "+31 6 1234", "06123456789", "0612345678a", "+0", "+31", "0"]
)
def test_what_is_not_a_phone_number_is_empty(text):
    assert phone_e164(text) == ""


@given(st.text(max_size=30))
def test_e164_is_a_fixed_point(text):
    e164 = phone_e164(text)
    assert e164 == "" or (e164.startswith("+") and phone_e164(e164) == e164)


names = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéëïöü' -")), max_size=30)


@given(names)
def test_folding_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(names)
def test_the_phonetic_key_is_idempotent(text):
    assert phonetic(phonetic(text)) == phonetic(text)


@given(names, names)
def test_splitting_a_surname_twice_changes_nothing(prefix, surname):
    once = split_surname(prefix, surname)
    again = split_surname(once.prefix, once.primary)
    assert again.primary == once.primary or not once.primary
