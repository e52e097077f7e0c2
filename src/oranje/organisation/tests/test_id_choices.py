"""A multiple choice by id refuses, naming the field, what is no id before it reaches the
database (on SQLite an id above 2^63 - 1 was an OverflowError, a 500)."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from oranje.core.forms import IdMultipleChoiceField
from oranje.core.models import Municipality, Region
from oranje.organisation.models import Function, Person
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("model", [Function, Person, Municipality, Region])
@pytest.mark.parametrize("bad", [HUGE, "9223372036854775808", "0", "-1", "³", "abc", ""])
def test_an_id_out_of_range_or_not_in_digits_is_refused_naming_the_field(
    world: World, model: type, bad: str
) -> None:
    field = IdMultipleChoiceField(label="Functies", queryset=model.objects.all())
    with translation.override("nl"), pytest.raises(forms.ValidationError) as error:
        field.clean([bad])
    assert error.value.messages[0].startswith("Functies: ")


@pytest.mark.parametrize("model", [Function, Person, Municipality, Region])
def test_a_real_id_is_chosen(world: World, model: type) -> None:
    first = model.objects.order_by("pk").first()
    assert first is not None
    field = IdMultipleChoiceField(label="Keuze", queryset=model.objects.all())
    assert list(field.clean([str(first.pk)])) == [first]
    # The largest id there can be is a whole number in range: not there, so not a choice.
    with pytest.raises(forms.ValidationError) as error:
        field.clean([str(2**63 - 1)])
    assert error.value.code == "invalid_choice"
