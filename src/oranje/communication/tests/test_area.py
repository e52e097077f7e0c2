from __future__ import annotations

import pytest

from oranje.communication.area import area_problem, cap_polygon

RING = [[52.46, 4.62], [52.47, 4.63], [52.46, 4.64], [52.46, 4.62]]


def test_a_closed_ring_is_fine_and_becomes_lat_lon_pairs() -> None:
    assert area_problem(RING) is None
    assert cap_polygon(RING).split()[0] == "52.460000,4.620000"
    assert len(cap_polygon(RING).split()) == 4


@pytest.mark.parametrize(
    ("area", "words"),
    [
        ([], "leeg"),
        (RING[:-1], "gesloten"),
        ([[52.46, 4.62], [52.46, 4.62], [52.47, 4.63], [52.46, 4.62]], "drie"),
        ([[52.46, "x"], *RING], "Punt 1"),
        ([[95.0, 4.0], *RING], "buiten"),
        ("52,4", "leeg"),
    ],
)
def test_a_bad_area_is_named(area: object, words: str) -> None:
    problem = area_problem(area)
    assert problem is not None and words in problem
