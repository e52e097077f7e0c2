"""The access matrix, learning room, part "home".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: home
GET    /leren/                                                          -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
# end part: home
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
