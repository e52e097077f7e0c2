"""The check-in form's parsing (the contract the offline desk reuses): a household with its
persons from form fields or JSON, and Dutch messages that name the field."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from oranje.care.constants import HOUSEHOLD_MAX
from oranje.care.forms_desk import CheckInForm, parse_check_in, parse_client_key

FIELDS: dict[str, Any] = {
    "household-name": "",
    "household-postcode": "2011ab",
    "household-house": "12a",
    "household-street": "Kerkstraat",
    "household-city": "Haarlem",
    "household-phone": "06 12345678",
    "persons": "2",
    "p1-given_names": "Anna",
    "p1-surname": "Jansen",
    "p1-birth": "4-3-1950",
    "p1-medication": "insuline",
    "p1-language": "Arabisch",
    "p1-interpreter": "on",
    "p1-share": "yes",
    "p2-given_names": "Bram",
    "p2-prefix": "de",
    "p2-surname": "Vries",
    "p2-birth": "1980",
    "p2-share": "no",
    "client_key": "0b4f0c4e6a3d4f3e9e1c2b7a5d6f8e90",
}


def _messages(raw: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        parse_check_in(raw)
    return refused.value.message_dict


def test_it_parses_a_household_of_two_from_the_form_fields() -> None:
    household, guests = parse_check_in(QueryDict(mutable=True) | FIELDS)
    assert household.postcode == "2011AB"
    assert (household.house_number, household.house_addition) == (12, "A")
    assert household.phone == "+31612345678"
    assert household.street == "Kerkstraat" and household.city == "Haarlem"
    anna, bram = guests
    assert (anna.given_names, anna.surname) == ("Anna", "Jansen")
    assert (anna.birth_year, anna.birth_month, anna.birth_day) == (1950, 3, 4)
    assert anna.medication == "insuline" and anna.language == "Arabisch"
    assert anna.interpreter is True and anna.share_whereabouts is True
    assert (bram.prefix, bram.birth_year, bram.birth_month) == ("de", 1980, None)
    assert bram.interpreter is False and bram.share_whereabouts is False


def test_it_takes_json_values_as_well() -> None:
    raw = {**FIELDS, "persons": 2, "p1-interpreter": True, "p2-share": ""}
    _household, guests = parse_check_in(raw)
    assert guests[0].interpreter is True
    assert guests[1].share_whereabouts is None


def test_a_bad_birth_date_names_the_person_and_the_field() -> None:
    errors = _messages({**FIELDS, "p2-birth": "31-2-1980"})
    assert errors == {"p2-birth": ["persoon 2, geboortedatum: 31-2-1980 bestaat niet."]}


def test_a_birth_date_that_is_no_date_is_refused() -> None:
    errors = _messages({**FIELDS, "p1-birth": "gisteren"})
    assert errors["p1-birth"][0].startswith("persoon 1, geboortedatum: 'gisteren' is geen datum")


def test_a_person_without_a_name_is_refused() -> None:
    errors = _messages({**FIELDS, "p2-given_names": "", "p2-surname": "", "p2-prefix": ""})
    assert errors == {
        "p2-given_names": ["persoon 2: geef ten minste een voornaam of een achternaam."]
    }


def test_an_empty_person_block_is_skipped_but_nobody_at_all_is_refused() -> None:
    _household, guests = parse_check_in({**FIELDS, "persons": "3"})
    assert len(guests) == 2
    nobody = {k: v for k, v in FIELDS.items() if not k.startswith("p")}
    errors = _messages({**nobody, "persons": "1"})
    assert errors == {"p1-given_names": ["personen: een huishouden heeft ten minste één persoon."]}


def test_too_many_persons_are_refused_before_anything_is_read() -> None:
    errors = _messages({**FIELDS, "persons": str(HOUSEHOLD_MAX + 1)})
    assert errors == {
        "persons": [f"personen: ten hoogste {HOUSEHOLD_MAX} personen op één huishoudkaart."]
    }
    assert "persons" in _messages({**FIELDS, "persons": "twee"})
    assert "persons" in _messages({**FIELDS, "persons": "0"})


def test_every_problem_is_reported_at_once() -> None:
    errors = _messages(
        {
            **FIELDS,
            "household-postcode": "20111",
            "household-house": "nul",
            "p1-phone": "bel me",
            "p2-share": "misschien",
            "p2-surname": "x" * 201,
        }
    )
    assert errors["household-postcode"] == [
        "postcode: '20111' is geen Nederlandse postcode (zoals 2011 AB)."
    ]
    assert errors["household-house"][0].startswith("huisnummer: 'nul'")
    assert errors["p1-phone"][0].startswith("persoon 1, telefoon: 'bel me'")
    assert errors["p2-share"] == [
        "persoon 2, toestemming verblijfplaats te delen: kies ja, nee of onbekend."
    ]
    assert errors["p2-surname"] == ["persoon 2, achternaam: ten hoogste 200 tekens."]


def test_bidirectional_control_characters_are_taken_out() -> None:
    _household, guests = parse_check_in({**FIELDS, "p1-surname": "Jan\u202esen"})
    assert guests[0].surname == "Jansen"


def test_the_client_key_is_a_uuid_or_nothing() -> None:
    assert parse_client_key("0b4f0c4e-6a3d-4f3e-9e1c-2b7a5d6f8e90")
    assert parse_client_key("") == ""
    with pytest.raises(ValidationError):
        parse_client_key("<script>")


def test_the_form_adds_a_person_block_and_focuses_it() -> None:
    form = CheckInForm({**FIELDS}, add_person=True)
    assert form.count == 3
    assert "p3-given_names" in form.fields
    assert form.fields["p3-given_names"].widget.attrs.get("autofocus")
    assert not form.fields["household-name"].widget.attrs.get("autofocus")


def test_an_empty_form_gets_a_fresh_client_key_and_focus_on_the_first_field() -> None:
    one, two = CheckInForm(), CheckInForm()
    assert one.initial["client_key"] != two.initial["client_key"]
    assert one.fields["household-name"].widget.attrs["autofocus"]
    assert one.count == 1


def test_the_form_reports_parse_errors_on_its_fields() -> None:
    form = CheckInForm({**FIELDS, "p2-birth": "31-2-1980"})
    assert not form.is_valid()
    assert form.errors["p2-birth"] == ["persoon 2, geboortedatum: 31-2-1980 bestaat niet."]
    assert form.first_error_field() == "p2-birth"
