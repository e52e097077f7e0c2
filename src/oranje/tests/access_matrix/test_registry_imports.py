"""The access matrix: the registry's imports (pages and API).

How to read the table: the package's docstring (`__init__.py`). Person data is for the
registry roles only (regi, regc); a registry coordinator (regc) also sees the read log.
An upload waiting for its column mapping belongs to the user who uploaded it: a token that
is not the user's own answers 404 to everyone (the services' tests check the owner's way in)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/registratie/import/                       own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/import/                       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/import/                       own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/import/                       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/import/koppelen/nietvanu/     own   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/import/koppelen/nietvanu/     own   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/import/{batch}/               own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/import/{batch}/               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/imports/                   own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/imports/                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/registry/imports/                   own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/registry/imports/                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/senders/                   own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/senders/                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    if MATRIX:
        check(matrix, MATRIX)
