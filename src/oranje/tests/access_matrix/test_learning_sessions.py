"""The access matrix, learning room, part "sessions".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: sessions
GET    /leren/werksessies/                                              -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/werksessies/?jaar=2026&regio=1                            -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/werksessies/nieuw/                                        -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /leren/werksessies/nieuw/                                        -     302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
GET    /leren/werksessies/{lsession}/                                   own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/werksessies/{lsession}/                                   mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/werksessies/{lsession}/                                   reg   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/werksessies/{lsession}/bewerken/                          own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /leren/werksessies/{lsession}/bewerken/                          own   302  403  403  403  400  400  403  403  403  403  403  403  400  400  400
GET    /leren/werksessies/{lsession}/impressieverslag.pdf               own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/werksessies/{lsession}/bewerken/                          reg   302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /leren/werksessies/{lsession}/bewerken/                          reg   302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /leren/werksessies/{lsession}/impressieverslag.pdf               reg   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/learning/work-sessions/                                  -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/learning/work-sessions/                                  -     403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/learning/work-sessions/{lsession}/                       own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/learning/work-sessions/{lsession}/                       own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/work-sessions/{lsession}/                       reg   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/learning/work-sessions/{lsession}/                       reg   403  403  403  403  403  403  403  403  403  403  403  403  403  403  200
# end part: sessions
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
