"""The access matrix, communication room: the incident's tab "Communicatie".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/communicatie/                             own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/                             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
