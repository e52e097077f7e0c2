"""The access matrix, communication room: the region's agreements on who communicates, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /communicatie/afspraken/                                         -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /communicatie/afspraken/                                         -     302  403  403  403  403  400  403  403  403  403  400  403  403  400  400
GET    /api/v1/regions/{region}/communication-agreements/               own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/communication-agreements/               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PUT    /api/v1/regions/{region}/communication-agreements/               own   403  403  403  403  403  400  403  403  403  403  400  403  403  400  400
PUT    /api/v1/regions/{region}/communication-agreements/               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
