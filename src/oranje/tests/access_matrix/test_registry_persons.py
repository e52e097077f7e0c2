"""The access matrix: the registry's persons (pages and API).

How to read the table: the package's docstring (`__init__.py`). Person data is for the
registry roles only (regi, regc); a registry coordinator (regc) also sees the read log."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc comm qual radm nadm
GET    /incidenten/{incident}/registratie/                              own   302  404  404  404  404  404  200  200  404  404  404  404
GET    /incidenten/{incident}/registratie/                              reg   302  404  404  404  404  404  404  404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    if MATRIX:
        check(matrix, MATRIX)
