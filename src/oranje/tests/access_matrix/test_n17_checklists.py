"""The access matrix, issue 17, part "checklists".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_checklists.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: checklists
GET    /checklists/                                                     -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /checklists/CGS/                                                 -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /checklists/CGS/instructie/                                      -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /checklists/CGS/instructie/                                      -     302  403  403  403  403  400  403  403 403  403   403  403  403  400  400
# end part: checklists
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
