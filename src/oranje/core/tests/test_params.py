"""The one parser for numbers, ids and dates from requests, and the id path converter."""

import datetime as dt

import pytest
from django.urls import Resolver404, resolve

from oranje.core.converters import IdConverter
from oranje.core.params import (
    MAX_ID,
    InvalidParameter,
    optional_date,
    optional_id,
    optional_int,
    parse_id,
    parse_int,
    parse_moment,
)


def test_an_id_is_ascii_digits_from_one_to_the_largest_bigint() -> None:
    assert parse_id("42") == 42
    assert parse_id(str(MAX_ID)) == MAX_ID
    for bad in ["³", "٣", "0", "-1", str(MAX_ID + 1), "1e27", "null", "", " ", "4 2", "9" * 400]:
        with pytest.raises(InvalidParameter):
            parse_id(bad)


def test_the_message_names_the_field_and_the_bounds() -> None:
    with pytest.raises(InvalidParameter) as caught:
        parse_int("99", field="weeks", minimum=1, maximum=26)
    assert caught.value.field == "weeks"
    assert "1" in caught.value.message and "26" in caught.value.message
    with pytest.raises(InvalidParameter) as caught:
        parse_int("³", field="pool")
    assert "³" in caught.value.message


def test_absent_or_empty_parameters_give_the_default() -> None:
    assert optional_id({}, "pool") is None
    assert optional_id({"pool": ""}, "pool") is None
    assert optional_int({"na": "7"}, "na", default=0) == 7
    assert optional_int({}, "weeks", default=8) == 8


def test_dates_outside_2000_to_2100_are_refused() -> None:
    assert optional_date({"datum": "2026-03-01"}, "datum") == dt.date(2026, 3, 1)
    for bad in ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "2026-02-30", "³"]:
        with pytest.raises(InvalidParameter) as caught:
            optional_date({"datum": bad}, "datum")
        assert caught.value.field == "datum"
    with pytest.raises(InvalidParameter):
        parse_moment("9999-12-31T23:59:59-12:00", field="at")
    assert parse_moment("2026-03-01T08:00", field="at").tzinfo is not None


def test_the_id_converter_matches_only_ids_a_database_can_hold() -> None:
    converter = IdConverter()
    assert converter.to_python("12") == 12
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))
    with pytest.raises(ValueError):
        converter.to_python("0")
    assert resolve("/incidenten/12/").kwargs == {"pk": 12}
    assert resolve("/api/v1/incidents/12/").kwargs == {"pk": 12}
    for path in [
        "/incidenten/³/",
        "/api/v1/incidents/null/",
        f"/api/v1/incidents/{MAX_ID + 1}/",
        "/api/v1/incidents/99999999999999999999999/",
        "/api/v1/persons/-1/",
    ]:
        with pytest.raises(Resolver404):
            resolve(path)
