"""The access matrix, quality room, part "costs".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: costs
GET    /kwaliteit/kosten/                                               -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/kosten/model/                                         -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/kosten/prijzen/                                       -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
GET    /kwaliteit/kosten/scenario/nieuw/                                -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/kosten/scenario/nieuw/                                -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
GET    /kwaliteit/kosten/scenario/{qscenario}/                          own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/kosten/scenario/{qscenario}/                          mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/kosten/scenario/{qscenario}/                          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/kosten/scenario/{qscenario}/                          own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/kosten/scenario/{qscenario}/                          mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/kosten/scenario/{qscenario}/                          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /kwaliteit/kosten/scenario/{qscenario}/verwijderen/              own   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /kwaliteit/kosten/scenario/{qscenario}/verwijderen/              mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /kwaliteit/kosten/scenario/{qscenario}/verwijderen/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/quality/regions/{region}/costs/                          own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/costs/                          reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/scenarios/{qscenario}/                           own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/scenarios/{qscenario}/                           mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/scenarios/{qscenario}/                           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: costs
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
