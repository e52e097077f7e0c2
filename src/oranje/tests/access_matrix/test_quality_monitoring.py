"""The access matrix, quality room, part "monitoring".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: monitoring
GET    /kwaliteit/                                                       own   302  403  403  403  302  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/?periode=2025-Q3                                       own   302  403  403  403  302  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/gemeente/{qmunicipality}/                              own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/gemeente/{qmunicipality}/                              mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/gemeente/{qmunicipality}/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /kwaliteit/landelijk/                                             -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/monitoring/                      own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/monitoring/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/national/                                         -     403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
# end part: monitoring
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
