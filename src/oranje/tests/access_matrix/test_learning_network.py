"""The access matrix, learning room, part "network".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: network
GET    /leren/netwerk/                                                  -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/?rol=secretary&vertrokken=on                      -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/nieuw/                                            -     302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /leren/netwerk/nieuw/                                            -     302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
GET    /leren/netwerk/{lmember}/bewerken/                               own   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /leren/netwerk/{lmember}/bewerken/                               own   302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
GET    /leren/netwerk/{lmember}/bewerken/                               reg   302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /leren/netwerk/{lmember}/bewerken/                               reg   302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /leren/netwerk/bijeenkomsten/                                    -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/bijeenkomsten/?jaar=2026&orgaan=portfolio         -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/bijeenkomsten/nieuw/                              -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /leren/netwerk/bijeenkomsten/nieuw/                              -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /leren/netwerk/bijeenkomsten/{lmeeting}/                         -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/bijeenkomsten/{lmeeting}/bewerken/                -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /leren/netwerk/bijeenkomsten/{lmeeting}/bewerken/                -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
POST   /leren/netwerk/bijeenkomsten/{lmeeting}/documenten/              -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
POST   /leren/netwerk/bijeenkomsten/{lmeeting}/besluiten/               -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /leren/netwerk/documenten/{ldocument}/                           -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/adviesvragen/                                     -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/adviesvragen/?soort=asked&verlopen=on             -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/adviesvragen/nieuw/                               -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /leren/netwerk/adviesvragen/nieuw/                               -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /leren/netwerk/adviesvragen/{ladvice}/                           -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /leren/netwerk/adviesvragen/{ladvice}/bewerken/                  -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /leren/netwerk/adviesvragen/{ladvice}/bewerken/                  -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /api/v1/learning/network/members/                                -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/learning/network/members/                                -     403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/learning/network/members/{lmember}/                      own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/learning/network/members/{lmember}/                      own   403  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /api/v1/learning/network/members/{lmember}/                      reg   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/learning/network/members/{lmember}/                      reg   403  403  403  403  403  403  403  403  403  403  403  403  403  403  200
GET    /api/v1/learning/network/meetings/                               -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/learning/network/meetings/                               -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /api/v1/learning/network/meetings/overview/                      -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/learning/network/meetings/{lmeeting}/                    -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/learning/network/meetings/{lmeeting}/                    -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /api/v1/learning/network/meetings/{lmeeting}/decisions/          -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /api/v1/learning/network/advice/                                 -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/learning/network/advice/                                 -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /api/v1/learning/network/advice/{ladvice}/                       -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/learning/network/advice/{ladvice}/                       -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  200
# end part: network
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
