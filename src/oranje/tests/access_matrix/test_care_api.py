"""The access matrix: the care room's API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
POST   /api/v1/shelters/{shelter}/check-in/                             own   403  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /api/v1/shelters/{shelter}/check-in/                             mun   403  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /api/v1/shelters/{shelter}/check-in/                             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/verzenden/         own   302  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/verzenden/         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/sw.js              own   302  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/sw.js              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
