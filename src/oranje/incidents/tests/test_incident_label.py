"""An incident's label (its dropdown text): an exercise says OEFENING, once."""

from __future__ import annotations

import pytest

from oranje.incidents.models import Incident


@pytest.mark.parametrize(
    ("title", "exercise", "label"),
    [
        ("Gasstoring Velsen", False, "Gasstoring Velsen"),
        ("Gasstoring Velsen", True, "OEFENING Gasstoring Velsen"),
        (
            "Oefening ontruiming zorgcentrum Heemstede",
            True,
            "Oefening ontruiming zorgcentrum Heemstede",
        ),
        ("OEFENING dijkdoorbraak", True, "OEFENING dijkdoorbraak"),
        ("oefening gas", True, "oefening gas"),
        ("Oefenterrein brand", True, "OEFENING Oefenterrein brand"),
        ("Oefeningterrein brand", True, "OEFENING Oefeningterrein brand"),
        ("Oefening: stroomuitval", True, "Oefening: stroomuitval"),
        ("Oefening brand (geen oefening)", False, "Oefening brand (geen oefening)"),
    ],
)
def test_an_exercise_is_marked_once(title, exercise, label):
    assert str(Incident(title=title, is_exercise=exercise)) == label
