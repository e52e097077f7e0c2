"""The access matrix, learning room, part "evaluations".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: evaluations
GET    /leren/evaluaties/                                               -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/?status=final&van=incident&jaar=2026           -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/nieuw/                                         -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/incidenten/{incident}/evaluatie/                          own   302  403  403  403  302  302  403  403  403  403  403  403  302  302  302
GET    /leren/incidenten/{incident}/evaluatie/                          mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
GET    /leren/incidenten/{incident}/evaluatie/                          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /leren/evaluaties/nieuw/?incident={incident}                     own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/nieuw/?incident={incident}                     mun   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/nieuw/?incident={incident}                     reg   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /leren/evaluaties/nieuw/                                         -     302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
GET    /leren/evaluaties/{levaluation}/                                 own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/                                 mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/                                 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /leren/evaluaties/{levaluation}/bewerken/                        own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/bewerken/                        mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/bewerken/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/evaluaties/{levaluation}/bewerken/                        own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/evaluaties/{levaluation}/bewerken/                        mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/evaluaties/{levaluation}/bewerken/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /leren/evaluaties/{levaluation}/definitief/                      own   302  403  403  403  302  302  403  403  403  403  403  403  302  302  302
POST   /leren/evaluaties/{levaluation}/definitief/                      mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /leren/evaluaties/{levaluation}/definitief/                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /leren/evaluaties/{levaluation}/deelnemers/                      own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/evaluaties/{levaluation}/deelnemers/                      mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/evaluaties/{levaluation}/deelnemers/                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /leren/deelnemers/{lparticipant}/verwijderen/                    own   302  403  403  403  302  302  403  403  403  403  403  403  302  302  302
POST   /leren/deelnemers/{lparticipant}/verwijderen/                    mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /leren/deelnemers/{lparticipant}/verwijderen/                    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /leren/evaluaties/{levaluation}/bevindingen/nieuw/               own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/bevindingen/nieuw/               mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/bevindingen/nieuw/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/evaluaties/{levaluation}/bevindingen/nieuw/               own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/evaluaties/{levaluation}/bevindingen/nieuw/               mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/evaluaties/{levaluation}/bevindingen/nieuw/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /leren/bevindingen/{lfinding}/                                   own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/bevindingen/{lfinding}/                                   mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /leren/bevindingen/{lfinding}/                                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/bevindingen/{lfinding}/                                   own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/                                   mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/                                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /leren/bevindingen/{lfinding}/verwijderen/                       own   302  403  403  403  302  302  403  403  403  403  403  403  302  302  302
POST   /leren/bevindingen/{lfinding}/verwijderen/                       mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /leren/bevindingen/{lfinding}/verwijderen/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /leren/bevindingen/{lfinding}/bewijs/                            own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/bewijs/                            mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/bewijs/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /leren/bewijs/{levidence}/verwijderen/                           own   302  403  403  403  302  302  403  403  403  403  403  403  302  302  302
POST   /leren/bewijs/{levidence}/verwijderen/                           mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /leren/bewijs/{levidence}/verwijderen/                           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /leren/bevindingen/{lfinding}/acties/nieuw/                      own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/acties/nieuw/                      mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/acties/nieuw/                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /leren/bevindingen/{lfinding}/acties/koppelen/                   own   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/acties/koppelen/                   mun   302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /leren/bevindingen/{lfinding}/acties/koppelen/                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /leren/bevindingen/{lfinding}/acties/{qaction}/ontkoppelen/      own   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /leren/bevindingen/{lfinding}/acties/{qaction}/ontkoppelen/      mun   302  403  403  403  403  302  403  403  403  403  403  403  302  302  302
POST   /leren/bevindingen/{lfinding}/acties/{qaction}/ontkoppelen/      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/learning/regions/{region}/evaluations/                   own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/regions/{region}/evaluations/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/learning/regions/{region}/evaluations/                   own   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/regions/{region}/evaluations/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/learning/evaluations/{levaluation}/                      own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/evaluations/{levaluation}/                      mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/evaluations/{levaluation}/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/learning/evaluations/{levaluation}/                      own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
PATCH  /api/v1/learning/evaluations/{levaluation}/                      mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
PATCH  /api/v1/learning/evaluations/{levaluation}/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/learning/evaluations/{levaluation}/final/                own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /api/v1/learning/evaluations/{levaluation}/final/                mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /api/v1/learning/evaluations/{levaluation}/final/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/learning/evaluations/{levaluation}/participants/         own   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/evaluations/{levaluation}/participants/         mun   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/evaluations/{levaluation}/participants/         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/learning/evaluations/{levaluation}/findings/             own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/evaluations/{levaluation}/findings/             mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/evaluations/{levaluation}/findings/             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/learning/evaluations/{levaluation}/findings/             own   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/evaluations/{levaluation}/findings/             mun   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/evaluations/{levaluation}/findings/             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/learning/findings/{lfinding}/                            own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/findings/{lfinding}/                            mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/findings/{lfinding}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/learning/findings/{lfinding}/                            own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
PATCH  /api/v1/learning/findings/{lfinding}/                            mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
PATCH  /api/v1/learning/findings/{lfinding}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/learning/findings/{lfinding}/evidence/                   own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/findings/{lfinding}/evidence/                   mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/findings/{lfinding}/evidence/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/learning/findings/{lfinding}/evidence/                   own   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/findings/{lfinding}/evidence/                   mun   403  403  403  403  403  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/findings/{lfinding}/evidence/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
# end part: evaluations
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
