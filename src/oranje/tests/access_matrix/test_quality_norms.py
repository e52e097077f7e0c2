"""The access matrix, quality room, part "norms".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: norms
GET    /kwaliteit/normen/                                               -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /kwaliteit/normen/wijzigingen/                                   -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /kwaliteit/normen/landelijk/concept/                             -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  302
POST   /kwaliteit/normen/regio/concept/                                 -     302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
GET    /kwaliteit/normen/{qnormset}/                                    own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /kwaliteit/normen/{qnormset}/                                    mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /kwaliteit/normen/{qnormset}/                                    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/normen/{qnormset}/titel/                              own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/{qnormset}/titel/                              mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/{qnormset}/titel/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/normen/{qnormset}/vaststellen/                        own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/{qnormset}/vaststellen/                        mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/{qnormset}/vaststellen/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/normen/{qnormset}/vaststellen/                        own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/{qnormset}/vaststellen/                        mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/{qnormset}/vaststellen/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/normen/{qnormset}/nieuw/                              own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/{qnormset}/nieuw/                              mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/{qnormset}/nieuw/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/normen/{qnormset}/nieuw/                              own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/{qnormset}/nieuw/                              mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/{qnormset}/nieuw/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/normen/norm/{qnorm}/                                  own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/norm/{qnorm}/                                  mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/norm/{qnorm}/                                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/normen/norm/{qnorm}/                                  own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/norm/{qnorm}/                                  mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/norm/{qnorm}/                                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /kwaliteit/normen/norm/{qnorm}/verwijderen/                      own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/norm/{qnorm}/verwijderen/                      mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/norm/{qnorm}/verwijderen/                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/normen/norm/{qnorm}/groeipad/                         own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/norm/{qnorm}/groeipad/                         mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/normen/norm/{qnorm}/groeipad/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /kwaliteit/normen/norm/{qnorm}/groeipad/                         own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/norm/{qnorm}/groeipad/                         mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /kwaliteit/normen/norm/{qnorm}/groeipad/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /kwaliteit/normen/{qnationalset}/                                -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /kwaliteit/normen/{qnationalset}/vaststellen/                    -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /kwaliteit/normen/{qnationalset}/vaststellen/                    -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /api/v1/quality/norm-sets/                                       -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/quality/norm-sets/{qnormset}/                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/quality/norm-sets/{qnormset}/                            mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/quality/norm-sets/{qnormset}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/norm-sets/{qnationalset}/                        -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/quality/regions/{region}/norms/                          own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/quality/regions/{region}/norms/                          mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/quality/regions/{region}/norms/                          reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: norms
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
