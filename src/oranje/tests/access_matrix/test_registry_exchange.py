"""The access matrix: the registry's exchange (pages and API).

How to read the table: the package's docstring (`__init__.py`). Person data is for the
registry roles only (regi, regc); the export (the whole registry leaving Oranje) is for a
registry coordinator (regc) only. The matrix posts JSON: the PFIF API answers 415 to those who
may import (it takes application/xml), after the door."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/registratie/pfif/                         own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/pfif/                         reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/pfif/                         own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/pfif/                         reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/pfif/export.xml               own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/pfif/export.xml               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/pfif/export.xml               own   302  405  405  405  405  405  405  405 405  405   405  405  405  405  405
GET    /api/v1/incidents/{incident}/registry/pfif/                      own   403  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/pfif/                      reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/registry/pfif/                      own   403  404  404  404  404  404  415  415 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/registry/pfif/                      reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    if MATRIX:
        check(matrix, MATRIX)
