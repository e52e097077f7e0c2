"""The affected area's polygon: which addresses lie in it."""

from __future__ import annotations

import pytest

from oranje.care import geo

SQUARE = [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 0.0)]
#: A "bow tie": two edges cross at (5, 5).
BOW_TIE = [(0.0, 0.0), (10.0, 10.0), (10.0, 0.0), (0.0, 10.0)]
#: An L shape: the notch (6..10, 6..10) is outside.
L_SHAPE = [(0.0, 0.0), (0.0, 10.0), (6.0, 10.0), (6.0, 6.0), (10.0, 6.0), (10.0, 0.0)]


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (5.0, 5.0, True),
        (0.5, 9.5, True),
        (11.0, 5.0, False),
        (5.0, -0.1, False),
        (-3.0, -3.0, False),
        # on the edges and corners: a house on the boundary is visited
        (0.0, 5.0, True),
        (5.0, 10.0, True),
        (10.0, 10.0, True),
        (0.0, 0.0, True),
        # level with a corner, outside: the ray through a vertex counts it once
        (10.0, -5.0, False),
        (0.0, -5.0, False),
    ],
)
def test_a_square_holds_its_inside_and_its_boundary(lat: float, lon: float, inside: bool) -> None:
    assert geo.Polygon(SQUARE).contains(lat, lon) is inside


def test_the_notch_of_an_l_shaped_area_is_outside() -> None:
    area = geo.Polygon(L_SHAPE)
    assert area.contains(2.0, 2.0)
    assert area.contains(8.0, 2.0)
    assert not area.contains(8.0, 8.0)
    assert area.contains(6.0, 8.0)  # on the notch's edge
    # level with the notch's corner (6, 6), left of it inside, right of it outside
    assert area.contains(6.0, 3.0)
    assert not area.contains(7.0, 7.0)


def test_a_polygon_whose_edges_cross_counts_its_two_lobes_and_not_the_rest() -> None:
    area = geo.Polygon(BOW_TIE)
    # The lobes are the triangles south and north of the crossing at (5, 5), each with one
    # of the edges along a parallel (latitude 0 and 10) as its base.
    assert area.contains(2.0, 5.0)
    assert area.contains(8.0, 5.0)
    assert not area.contains(5.0, 2.0)
    assert not area.contains(5.0, 8.0)
    assert area.contains(5.0, 5.0)  # the crossing lies on both edges


def test_the_area_of_an_incident_is_read_as_a_closed_ring() -> None:
    ring = geo.ring([[52.47, 4.62], [52.47, 4.64], [52.48, 4.64], [52.47, 4.62]])
    assert ring == [(52.47, 4.62), (52.47, 4.64), (52.48, 4.64)]
    assert geo.Polygon(ring).box == geo.Box(52.47, 4.62, 52.48, 4.64)


@pytest.mark.parametrize(
    "area",
    [[], None, "52,4", [[52.4, 4.6], [52.5, 4.7]], [[52.4, "x"], [1, 2], [3, 4]], [[1, 2, 3]]],
)
def test_an_incident_without_a_usable_area_has_no_ring(area: object) -> None:
    assert geo.ring(area) == []


def test_a_polygon_needs_three_points() -> None:
    with pytest.raises(ValueError):
        geo.Polygon([(0.0, 0.0), (1.0, 1.0)])
