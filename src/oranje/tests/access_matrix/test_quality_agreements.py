"""The access matrix, quality room, part "agreements".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: agreements
GET    /kwaliteit/afspraken/                                            -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/afspraken/nieuw/                                      -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/afspraken/nieuw/                                      -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
GET    /kwaliteit/afspraken/{qagreement}/                               own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/afspraken/{qagreement}/                               mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/afspraken/{qagreement}/                               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/afspraken/{qagreement}/                               own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/afspraken/{qagreement}/                               mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/afspraken/{qagreement}/                               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/inwoners/                                             -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/inwoners/                                             -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
GET    /api/v1/quality/regions/{region}/agreements/                     own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/agreements/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/quality/regions/{region}/agreements/                     own   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/quality/regions/{region}/agreements/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/quality/agreements/{qagreement}/                         own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/agreements/{qagreement}/                         mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/agreements/{qagreement}/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PUT    /api/v1/quality/agreements/{qagreement}/                         own   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
PUT    /api/v1/quality/agreements/{qagreement}/                         mun   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
PUT    /api/v1/quality/agreements/{qagreement}/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
# end part: agreements
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
