"""The access matrix, quality room, part "indicators".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: indicators
GET    /kwaliteit/indicator/coverage/?gemeente={qmunicipality}&periode=2026-Q3 own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/indicator/coverage/?gemeente={qmunicipality}&periode=2026-Q3 mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/indicator/coverage/?gemeente={qmunicipality}&periode=2026-Q3 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /kwaliteit/indicator/coverage/?gemeente=regio&periode=2026-Q3    -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/indicator/coverage/?gemeente={qmunicipality}&periode=2026-Q3 own   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /kwaliteit/indicator/coverage/?gemeente={qmunicipality}&periode=2026-Q3 mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /kwaliteit/indicator/coverage/?gemeente={qmunicipality}&periode=2026-Q3 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /kwaliteit/indicator/coverage/?gemeente=regio&periode=2026-Q3    -     302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
GET    /api/v1/quality/regions/{region}/indicators/?period=2026-Q3      own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/indicators/?period=2026-Q3      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200

# end part: indicators
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
