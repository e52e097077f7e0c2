"""The access matrix, quality room, part "actions".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: actions
GET    /kwaliteit/verbeteracties/                                       -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/?status=active&verlopen=on             -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/nieuw/                                 -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/nieuw/?norm={qnorm}&gemeente={qmunicipality}&periode=2026-Q3 own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/nieuw/?norm={qnorm}&gemeente={qmunicipality}&periode=2026-Q3 reg   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/verbeteracties/nieuw/                                 -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
GET    /kwaliteit/verbeteracties/{qaction}/                             own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/{qaction}/                             mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/{qaction}/                             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/verbeteracties/{qaction}/                             own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/verbeteracties/{qaction}/                             mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/verbeteracties/{qaction}/                             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/verbeteracties/{qaction}/bewerken/                    own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/{qaction}/bewerken/                    mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/verbeteracties/{qaction}/bewerken/                    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/verbeteracties/{qaction}/bewerken/                    own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/verbeteracties/{qaction}/bewerken/                    mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/verbeteracties/{qaction}/bewerken/                    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/opschalingen/                                         -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/opschalingen/{incident}/beoordeling/                  own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/opschalingen/{incident}/beoordeling/                  mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/opschalingen/{incident}/beoordeling/                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/quality/regions/{region}/actions/                        own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/actions/                        reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/quality/regions/{region}/actions/                        own   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/quality/regions/{region}/actions/                        reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/quality/actions/{qaction}/                               own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/actions/{qaction}/                               mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/actions/{qaction}/                               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/quality/actions/{qaction}/                               own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
PATCH  /api/v1/quality/actions/{qaction}/                               mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
PATCH  /api/v1/quality/actions/{qaction}/                               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/quality/actions/{qaction}/                               own   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/quality/actions/{qaction}/                               mun   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/quality/actions/{qaction}/                               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/quality/regions/{region}/flexible-scalings/              own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/flexible-scalings/              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: actions
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
