"""The access matrix, communication room: the public page per region, its Atom feed of CAP alerts, and the logged-in preview of an incident's public page, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm qual radm nadm
GET    /publiek/{region}/                                               own   200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /publiek/{region}/                                               reg   200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /publiek/{region}/                                               own   405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /incidenten/{incident}/communicatie/publiek/                     own   302  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/publiek/                     mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/publiek/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
