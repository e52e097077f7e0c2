"""The access matrix: the shelter desk: check-in and out, households, cards, transfers, housing.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/opvang/{shelter}/balie/                   own   302  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/                   own   302  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/ own   302  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/uitchecken/ own   302  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/uitchecken/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/overplaatsen/ own   302  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/overplaatsen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/kaart/ own   302  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/kaart/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/kaart.pdf own   302  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/huishoudens/{household}/kaart.pdf reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/scan/              own   302  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/scan/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/scan/              own   302  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /incidenten/{incident}/opvang/{shelter}/balie/scan/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/gasten/            own   302  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /incidenten/{incident}/opvang/{shelter}/balie/gasten/            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /api/v1/incidents/{incident}/households/by-code/{code}/          own   403  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /api/v1/incidents/{incident}/households/by-code/{code}/          reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /api/v1/households/{household}/                                  own   403  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /api/v1/households/{household}/                                  reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /api/v1/households/{household}/check-out/                        own   403  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /api/v1/households/{household}/check-out/                        reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /api/v1/households/{household}/transfer/                         own   403  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /api/v1/households/{household}/transfer/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
