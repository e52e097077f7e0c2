"""The access matrix, issue 17, part "loans".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_loans.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: loans
GET    /piket/uitleningen/                                              -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /piket/uitleningen/nieuw/                                        -     302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /piket/uitleningen/nieuw/                                        -     302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /piket/uitleningen/{loan}/beeindigen/                            own   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /piket/uitleningen/{loan}/beeindigen/                            mun   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /piket/uitleningen/{loan}/beeindigen/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/loans/                                                   -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/loans/                                                   -     403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/loans/{loan}/                                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/loans/{loan}/                                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/loans/{loan}/end/                                        own   403  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /api/v1/loans/{loan}/end/                                        mun   403  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /api/v1/loans/{loan}/end/                                        reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: loans
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
