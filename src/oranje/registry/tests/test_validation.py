import pytest
from django.core.exceptions import ValidationError

from oranje.registry.validation import (
    Birth,
    elfproef,
    parse_birth,
    parse_bsn,
    parse_house,
    parse_postcode,
)


@pytest.mark.parametrize(
    ("text", "birth"),
    [
        ("1950", Birth(1950)),
        ("1950-03", Birth(1950, 3)),
        ("1950-03-04", Birth(1950, 3, 4)),
        ("4-3-1950", Birth(1950, 3, 4)),
        ("04/03/1950", Birth(1950, 3, 4)),
        ("3-1950", Birth(1950, 3)),
        ("", Birth()),
    ],
)
def test_partial_birth_dates(text: str, birth: Birth) -> None:
    assert parse_birth(text) == birth


@pytest.mark.parametrize("text", ["31-2-1950", "1950-13", "1850", "gisteren", "1-1-2999"])
def test_impossible_birth_dates_name_the_field(text: str) -> None:
    with pytest.raises(ValidationError, match="geboortedatum"):
        parse_birth(text)


def test_elfproef() -> None:
    assert elfproef("111222333")
    assert elfproef("123456782")
    assert not elfproef("123456789")
    assert parse_bsn("11122 2333") == "111222333"
    with pytest.raises(ValidationError, match="BSN"):
        parse_bsn("123456789")


def test_postcode_and_house_number() -> None:
    assert parse_postcode("2011ab") == "2011 AB"
    for bad in ("0123 AB", "2011 SS", "B-1000", "20111"):
        with pytest.raises(ValidationError, match="postcode"):
            parse_postcode(bad)
    assert parse_house("12") == (12, "")
    assert parse_house("12a") == (12, "A")
    assert parse_house("12-2") == (12, "2")
    with pytest.raises(ValidationError, match="huisnummer"):
        parse_house("twaalf")
