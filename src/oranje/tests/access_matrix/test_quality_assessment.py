"""The access matrix, quality room, part "assessment".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: assessment
GET    /kwaliteit/zelfevaluatie/                                        -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/zelfevaluatie/openen/                                 -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
GET    /kwaliteit/zelfevaluatie/{qround}/                               own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/zelfevaluatie/{qround}/                               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/      own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/      mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/      own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/      mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/bewijs/ own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/bewijs/ mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/bewijs/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/beoordelen/ own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/beoordelen/ mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/beoordelen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/zelfevaluatie/bewijs/{qevidence}/                     own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/zelfevaluatie/bewijs/{qevidence}/                     mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/zelfevaluatie/bewijs/{qevidence}/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/regions/{region}/assessment-rounds/              own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/assessment-rounds/              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/assessment-rounds/{qround}/answers/              own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/assessment-rounds/{qround}/answers/              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/assessments/{qassessment}/                       own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/assessments/{qassessment}/                       mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/assessments/{qassessment}/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/quality/assessments/{qassessment}/                       own   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/quality/assessments/{qassessment}/                       mun   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/quality/assessments/{qassessment}/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/bewijs/{qevidence}/verwijderen/ own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/bewijs/{qevidence}/verwijderen/ mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/zelfevaluatie/{qround}/gemeente/{qmunicipality}/bewijs/{qevidence}/verwijderen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
# end part: assessment
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
