"""The access matrix, learning room, part "patterns".

How to read the table: the package's docstring (`__init__.py`); the learning room's objects:
`learning_world.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: patterns
GET    /leren/patronen/                                                 -     302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
POST   /leren/patronen/opnieuw/                                         -     302  403  403  403  302  302  403  403  403  403  403  403  302  302  302
GET    /leren/patronen/{lpattern}/                                      own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/patronen/{lpattern}/                                      reg   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/patterns/                                       -     403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/patterns/{lpattern}/                            own   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/learning/patterns/{lpattern}/                            reg   403  403  403  403  200  200  403  403  403  403  403  403  200  200  200

# end part: patterns
# part: reports (the evaluation report)
GET    /leren/evaluaties/{levaluation}/rapport.pdf                      own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/rapport.pdf                      mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/rapport.pdf                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /leren/evaluaties/{levaluation}/afdrukken/                       own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/afdrukken/                       mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /leren/evaluaties/{levaluation}/afdrukken/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: reports
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
