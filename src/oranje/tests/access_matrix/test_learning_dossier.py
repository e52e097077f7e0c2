"""The access matrix, learning room, part "dossier".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: dossier
GET    /leren/dossier/                                                  -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/dossier/?q=piket&thema=on_call&status=tried               -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/dossier/nieuw/                                            -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/dossier/nieuw/?werksessie={lsession}                      own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/dossier/nieuw/?werksessie={lsession}                      reg   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /leren/dossier/nieuw/                                            -     302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
GET    /leren/dossier/{lentry}/                                         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/dossier/{lentry}/                                         reg   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/dossier/{lentry}/nieuwe-versie/                           own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/dossier/{lentry}/nieuwe-versie/                           reg   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /leren/dossier/{lentry}/nieuwe-versie/                           own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/dossier/{lentry}/nieuwe-versie/                           reg   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/dossier/{lentry}/reactie/                                 own   302  400  400  400  400  400  400  400  400  400  400  400  400  400  400
POST   /leren/dossier/{lentry}/reactie/                                 reg   302  400  400  400  400  400  400  400  400  400  400  400  400  400  400
POST   /leren/dossier/{lentry}/koppelen/                                own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /leren/dossier/{lentry}/koppelen/                                reg   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
GET    /api/v1/learning/entries/                                        -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/learning/entries/?q=piket&theme=on_call&region=VR12      -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/learning/entries/                                        -     403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/learning/entries/{lentry}/                               own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/learning/entries/{lentry}/                               reg   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/learning/entries/{lentry}/versions/                      own   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/entries/{lentry}/versions/                      reg   403  403  403  403  400  400  403  403  403  403  403  403  400  400  400
POST   /api/v1/learning/entries/{lentry}/comments/                      own   403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
POST   /api/v1/learning/entries/{lentry}/comments/                      reg   403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
# end part: dossier
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
