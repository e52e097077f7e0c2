"""The access matrix: people with reduced self-reliance: suppliers' lists and the worklist.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /opvang/zelfredzaamheid/                                         -     302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
POST   /opvang/zelfredzaamheid/                                         -     302 404 404 404 404 404 400 400 404 400 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/                              own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/                              mun   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/                              reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /opvang/zelfredzaamheid/{supplier}/                              own   302 404 404 404 404 404 400 400 404 400 404  404 404 404 404
POST   /opvang/zelfredzaamheid/{supplier}/                              reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/verwijderen/                  own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/verwijderen/                  mun   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/verwijderen/                  reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /opvang/zelfredzaamheid/{supplier}/verwijderen/                  own   302 404 404 404 404 404 302 302 404 302 404  404 404 404 404
POST   /opvang/zelfredzaamheid/{supplier}/verwijderen/                  reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/levering/                     own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/levering/                     mun   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/levering/                     reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /opvang/zelfredzaamheid/{supplier}/levering/                     own   302 404 404 404 404 404 400 400 404 400 404  404 404 404 404
POST   /opvang/zelfredzaamheid/{supplier}/levering/                     reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/lijst/                        own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/lijst/                        mun   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/lijst/                        reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/lijst.csv                     own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/lijst.csv                     mun   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/lijst.csv                     reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /opvang/zelfredzaamheid/{supplier}/levering/nietvanu/            own   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /opvang/zelfredzaamheid/{supplier}/levering/nietvanu/            own   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/                   own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/                   reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/bijwerken/         own   302 404 404 404 404 404 302 302 404 302 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/bijwerken/         reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /incidenten/{incident}/opvang/zelfredzaamheid/bijwerken/         own   302 404 404 404 404 404 302 302 404 302 404  404 404 404 404
POST   /incidenten/{incident}/opvang/zelfredzaamheid/bijwerken/         reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/afdrukken/         own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/afdrukken/         reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/{case}/            own   302 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /incidenten/{incident}/opvang/zelfredzaamheid/{case}/            reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /incidenten/{incident}/opvang/zelfredzaamheid/{case}/            own   302 404 404 404 404 404 400 400 404 400 404  404 404 404 404
POST   /incidenten/{incident}/opvang/zelfredzaamheid/{case}/            reg   302 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /api/v1/care/suppliers/                                          -     403 404 404 404 404 404 200 200 404 200 404  404 404 404 404
POST   /api/v1/care/suppliers/                                          -     403 404 404 404 404 404 400 400 404 400 404  404 404 404 404
GET    /api/v1/care/suppliers/{supplier}/                               own   403 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /api/v1/care/suppliers/{supplier}/                               reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
PATCH  /api/v1/care/suppliers/{supplier}/                               own   403 404 404 404 404 404 200 200 404 200 404  404 404 404 404
PATCH  /api/v1/care/suppliers/{supplier}/                               reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
DELETE /api/v1/care/suppliers/{supplier}/                               own   403 404 404 404 404 404 204 204 404 204 404  404 404 404 404
DELETE /api/v1/care/suppliers/{supplier}/                               reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /api/v1/care/suppliers/{supplier}/deliveries/                    own   403 404 404 404 404 404 400 400 404 400 404  404 404 404 404
POST   /api/v1/care/suppliers/{supplier}/deliveries/                    reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /api/v1/care/suppliers/{supplier}/residents/                     own   403 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /api/v1/care/suppliers/{supplier}/residents/                     reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /api/v1/incidents/{incident}/care/worklist/                      own   403 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /api/v1/incidents/{incident}/care/worklist/                      reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /api/v1/incidents/{incident}/care/worklist/refresh/              own   403 404 404 404 404 404 400 400 404 400 404  404 404 404 404
POST   /api/v1/incidents/{incident}/care/worklist/refresh/              reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
GET    /api/v1/care/worklist/{case}/                                    own   403 404 404 404 404 404 200 200 404 200 404  404 404 404 404
GET    /api/v1/care/worklist/{case}/                                    reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
POST   /api/v1/care/worklist/{case}/                                    own   403 404 404 404 404 404 400 400 404 400 404  404 404 404 404
POST   /api/v1/care/worklist/{case}/                                    reg   403 404 404 404 404 404 404 404 404 404 404  404 404 404 404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
