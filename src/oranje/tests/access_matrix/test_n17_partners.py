"""The access matrix, issue 17, part "partners".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_partners.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: partners
GET    /partners/                                                       -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /partners/                                                       -     302  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /partners/{region}/                                              own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /partners/{region}/                                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /partners/{region}/                                              own   302  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /partners/{region}/situatierapporten/{pincident}/                own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /partners/{region}/situatierapporten/{pincident}/                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /partners/{region}/situatierapporten/{incident}/                 own   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /partners/{region}/toegang/                                      own   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /partners/{region}/toegang/                                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /partners/{region}/toegang/                                      own   302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /partners/{region}/toegang/                                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /partners/{region}/toegang/{paccess}/intrekken/                  own   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /partners/{region}/toegang/{paccess}/intrekken/                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /partners/{region}/toegang/{paccess}/intrekken/                  own   302  405  405  405  405  405  405  405  405  405  405  405  405  405  405
POST   /partners/{region}/toegang/{paccess}/uitnodiging/                own   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /partners/{region}/toegang/{paccess}/uitnodiging/                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /partners/wachtwoord/MQ/bad-token/                               -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /partners/wachtwoord/gekozen/                                    -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/partners/{region}/                                       own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/partners/{region}/                                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/partners/{region}/reports/{pincident}/                   own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/partners/{region}/reports/{pincident}/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/partners/{region}/reports/{incident}/                    own   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
# end part: partners
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
