"""The access matrix, issue 17, part "people".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_people.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: people
GET    /mensen/{person}/soort/                                          own   302  403  403  403  200  200  403  403  403  403  403  403  403  200  200
GET    /mensen/{person}/soort/                                          mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /mensen/{person}/soort/                                          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /mensen/{person}/soort/                                          own   302  403  403  403  200  200  403  403  403  403  403  403  403  200  200
POST   /mensen/{person}/soort/                                          mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /mensen/{person}/soort/                                          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/persons/{person}/kind/                                   own   403  403  403  403  400  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/persons/{person}/kind/                                   mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/persons/{person}/kind/                                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /mensen/import/                                                  -     302  403  403  403  200  200  403  403  403  403  403  403  403  200  200
POST   /mensen/import/                                                  -     302  403  403  403  200  200  403  403  403  403  403  403  403  200  200
POST   /api/v1/persons/import/                                          -     403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /piket/hard-zacht/                                               -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /piket/hard-zacht/?formaat=csv                                   -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/regions/{region}/hard-soft/                              own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/regions/{region}/hard-soft/                              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: people
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
