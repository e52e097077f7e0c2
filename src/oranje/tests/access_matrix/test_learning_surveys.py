"""The access matrix, learning room, part "surveys".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: surveys
GET    /leren/enquetes/                                                 -     302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/nieuw/                                           -     302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
POST   /leren/enquetes/nieuw/                                           -     302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
GET    /leren/enquetes/vragen/                                          -     302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/vragen/nieuw/                                    -     302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
POST   /leren/enquetes/vragen/nieuw/                                    -     302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
GET    /leren/enquetes/vragen/{lstandard}/                              own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/vragen/{lstandard}/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/enquetes/vragen/{lstandard}/                              own   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/vragen/{lstandard}/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /leren/enquetes/{lsurvey}/                                       own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/                                       mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/                                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /leren/enquetes/{lsurvey}/bewerken/                              own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/bewerken/                              mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/bewerken/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/enquetes/{lsurvey}/bewerken/                              own   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/bewerken/                              mun   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/bewerken/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /leren/enquetes/{lsurvey}/status/                                own   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/status/                                mun   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/status/                                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /leren/enquetes/{lsurvey}/qr.svg                                 own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/qr.svg                                 mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/qr.svg                                 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /leren/enquetes/{lsurvey}/adressen/                              own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/adressen/                              mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/adressen/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/enquetes/{lsurvey}/adressen/                              own   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/adressen/                              mun   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/adressen/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /leren/enquetes/{lsurvey}/brieven/                               own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/brieven/                               mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/brieven/                               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/enquetes/{lsurvey}/brieven/                               own   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/brieven/                               mun   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/brieven/                               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /leren/enquetes/{lsurvey}/resultaten/                            own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/resultaten/                            mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/resultaten/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /leren/enquetes/{lsurvey}/antwoorden.csv                         own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/antwoorden.csv                         mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/antwoorden.csv                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /leren/enquetes/{lsurvey}/vragen/{lquestion}/bewijs/             own   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/vragen/{lquestion}/bewijs/             mun   302  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /leren/enquetes/{lsurvey}/vragen/{lquestion}/bewijs/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /leren/enquetes/{lsurvey}/vragen/{lquestion}/bewijs/             own   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/vragen/{lquestion}/bewijs/             mun   302  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /leren/enquetes/{lsurvey}/vragen/{lquestion}/bewijs/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/learning/surveys/{lsurvey}/                              own   403  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /api/v1/learning/surveys/{lsurvey}/                              mun   403  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /api/v1/learning/surveys/{lsurvey}/                              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/learning/surveys/{lsurvey}/results/                      own   403  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /api/v1/learning/surveys/{lsurvey}/results/                      mun   403  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /api/v1/learning/surveys/{lsurvey}/results/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/learning/regions/{region}/surveys/                       own   403  403  403  403  403  200  403  403  403  403  200  200  200  200  200
GET    /api/v1/learning/regions/{region}/surveys/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/learning/regions/{region}/surveys/                       own   403  403  403  403  403  400  403  403  403  403  400  400  400  400  400
POST   /api/v1/learning/regions/{region}/surveys/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400

# end part: surveys
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
