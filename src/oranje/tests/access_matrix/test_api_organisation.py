"""The access matrix: the API of core, organisation and readiness.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /api/                                                            -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/                                                         -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/schema/                                                  -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/docs/                                                    -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/redoc/                                                   -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/                                                 -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/{region}/                                        own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/{region}/                                        reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/municipalities/                                          -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/municipalities/{municipality}/                           own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/municipalities/{municipality}/                           reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/regions/{region}/on-call-now/                            own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/{region}/on-call-now/                            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/regions/{region}/gaps/                                   own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/{region}/gaps/                                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/regions/{region}/readiness/                              own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/{region}/readiness/                              reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/readiness/national/                                      -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/functions/                                               -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/functions/{function}/                                    -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/persons/                                                 -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/persons/                                                 -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
GET    /api/v1/persons/{person}/                                        own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/persons/{person}/                                        mun   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/persons/{person}/                                        reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
PATCH  /api/v1/persons/{person}/                                        own   403  403  403  403  200  200  403  403 403  403   403  403  403  200  200
PATCH  /api/v1/persons/{person}/                                        mun   403  403  403  403  403  200  403  403 403  403   403  403  403  200  200
PATCH  /api/v1/persons/{person}/                                        reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/persons/{person}/passport/                               own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/persons/{person}/passport/                               reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/pools/                                                   -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/pools/                                                   -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
GET    /api/v1/pools/{pool}/                                            own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/pools/{pool}/                                            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
PUT    /api/v1/pools/{pool}/                                            own   403  403  403  403  400  400  403  403 403  403   403  403  403  400  400
PUT    /api/v1/pools/{pool}/                                            mun   403  403  403  403  403  400  403  403 403  403   403  403  403  400  400
PUT    /api/v1/pools/{pool}/                                            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/shifts/                                                  -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/shifts/                                                  -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
POST   /api/v1/shifts/import/                                           -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
GET    /api/v1/shifts/{shift}/                                          own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/shifts/{shift}/                                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
DELETE /api/v1/shifts/{shift}/                                          own   403  403  403  403  204  204  403  403 403  403   403  403  403  204  204
DELETE /api/v1/shifts/{shift}/                                          mun   403  403  403  403  403  204  403  403 403  403   403  403  403  204  204
DELETE /api/v1/shifts/{shift}/                                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  204
POST   /api/v1/shifts/{shift}/handover/                                 own   403  403  403  403  400  400  403  403 403  403   403  403  403  400  400
POST   /api/v1/shifts/{shift}/handover/                                 mun   403  403  403  403  403  400  403  403 403  403   403  403  403  400  400
POST   /api/v1/shifts/{shift}/handover/                                 reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/unavailabilities/                                        -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/unavailabilities/                                        -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
DELETE /api/v1/unavailabilities/{unavailability}/                       own   403  403  403  403  204  204  403  403 403  403   403  403  403  204  204
DELETE /api/v1/unavailabilities/{unavailability}/                       mun   403  403  403  403  403  204  403  403 403  403   403  403  403  204  204
DELETE /api/v1/unavailabilities/{unavailability}/                       reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  204
GET    /api/v1/activities/                                              -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/activities/                                              -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
POST   /api/v1/activities/import/?region=VR12                           -     403  415  415  415  415  415  415  415 415  415   415  415  415  415  415
GET    /api/v1/profiles/                                                -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/profiles/                                                -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
GET    /api/v1/exercises/                                               -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/exercises/                                               -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
GET    /api/v1/exercises/{exercise}/                                    own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/exercises/{exercise}/                                    reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /api/v1/exercises/{exercise}/complete/                           own   403  403  403  403  400  400  403  403 403  403   403  403  403  400  400
POST   /api/v1/exercises/{exercise}/complete/                           mun   403  403  403  403  403  400  403  403 403  403   403  403  403  400  400
POST   /api/v1/exercises/{exercise}/complete/                           reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/alarm-tests/                                             -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/alarm-tests/                                             -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
GET    /api/v1/alarm-tests/{alarmtest}/                                 own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/alarm-tests/{alarmtest}/                                 reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
