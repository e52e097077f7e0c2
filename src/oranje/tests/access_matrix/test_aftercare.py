"""The access matrix, aftercare room: the incident tab, the nafase, the transition document,
aftercare tasks, the IAC's cases, newsletters, deployments and the thank-you, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
GET    /incidenten/{incident}/nafase/                                   own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/                                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
