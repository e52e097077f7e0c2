"""The access matrix, operations room (issue 18): the health and metrics addresses.

How to read the table: the package's docstring (`__init__.py`). Neither address knows roles:
`/gezond/` answers the whole installation's state to anyone (503 here: the matrix's world has
no worker beating), `/gezond/web/` this instance's database (200), and `/metriek/` answers by
token or client network, not by login (the test client comes from 127.0.0.1, which the
default ORANJE_METRICS_NETWORKS lets in); anything but GET/HEAD is refused."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: operations
GET    /gezond/                                                         -     503  503  503  503  503  503  503  503  503  503  503  503  503  503  503
POST   /gezond/                                                         -     405  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /gezond/web/                                                     -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /gezond/web/                                                     -     405  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /metriek/                                                        -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /metriek/                                                        -     404  404  404  404  404  404  404  404  404  404  404  404  404  404  404

# end part: operations
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
