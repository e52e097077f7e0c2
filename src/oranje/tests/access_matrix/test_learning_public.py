"""The access matrix, learning room, part "public".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: public
GET    /enquete/{ltoken}/                                               own   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /enquete/{ltoken}/                                               mun   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /enquete/{ltoken}/                                               reg   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /enquete/{ltoken}/                                               own   400  400  400  400  400  400  400  400  400  400  400  400  400  400  400
POST   /enquete/{ltoken}/                                               reg   400  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /enquete/{ltoken}/bedankt/                                       own   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /enquete/{ltoken}/bedankt/                                       reg   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /enquete/{ltoken}/bedankt/                                       own   405  405  405  405  405  405  405  405  405  405  405  405  405  405  405

# end part: public
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
