"""The access matrix: the care room's pages (shelters, guests, vulnerable residents,
the surroundings), and the shelters' API (opening, ready, capacity, closing, the people
involved).

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/opvang/                                   own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/                                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/opvang/bord/                              own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/bord/                              mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/bord/                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/opvang/openen/                            own   302  403  403  200  200  200  403  403  403  200  403  403  403  200  200
GET    /incidenten/{incident}/opvang/openen/                            mun   302  403  403  403  403  200  403  403  403  200  403  403  403  200  200
GET    /incidenten/{incident}/opvang/openen/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/openen/                            own   302  403  403  200  200  200  403  403  403  200  403  403  403  200  200
POST   /incidenten/{incident}/opvang/openen/                            mun   302  403  403  403  403  200  403  403  403  200  403  403  403  200  200
POST   /incidenten/{incident}/opvang/openen/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/betrokkenen/                       own   302  403  403  302  302  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/betrokkenen/                       mun   302  403  403  403  403  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/betrokkenen/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/opvang/{shelter}/                         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/{shelter}/                         mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/{shelter}/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/{shelter}/gereed/                  own   302  403  403  302  302  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/{shelter}/gereed/                  mun   302  403  403  403  403  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/{shelter}/gereed/                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/opvang/{shelter}/capaciteit/              own   302  403  403  302  302  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/{shelter}/capaciteit/              mun   302  403  403  403  403  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/{shelter}/capaciteit/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/opvang/{shelter}/sluiten/                 own   302  403  403  302  302  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/{shelter}/sluiten/                 mun   302  403  403  403  403  302  403  403  403  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/{shelter}/sluiten/                 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/incidents/{incident}/shelters/                           own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/shelters/                           mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/shelters/                           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/shelters/                           own   403  403  403  400  400  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/shelters/                           mun   403  403  403  403  403  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/shelters/                           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /api/v1/incidents/{incident}/people-involved/                    own   403  403  403  400  400  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/people-involved/                    mun   403  403  403  403  403  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/people-involved/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/shelters/{shelter}/                                      own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/shelters/{shelter}/                                      mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/shelters/{shelter}/                                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/shelters/{shelter}/                                      own   403  403  403  200  200  200  403  403  403  200  403  403  403  200  200
PATCH  /api/v1/shelters/{shelter}/                                      mun   403  403  403  403  403  200  403  403  403  200  403  403  403  200  200
PATCH  /api/v1/shelters/{shelter}/                                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/shelters/{shelter}/ready/                                own   403  403  403  400  400  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/shelters/{shelter}/ready/                                mun   403  403  403  403  403  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/shelters/{shelter}/ready/                                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /api/v1/shelters/{shelter}/change/                               own   403  403  403  200  200  200  403  403  403  200  403  403  403  200  200
POST   /api/v1/shelters/{shelter}/change/                               mun   403  403  403  403  403  200  403  403  403  200  403  403  403  200  200
POST   /api/v1/shelters/{shelter}/change/                               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/shelters/{shelter}/close/                                own   403  403  403  400  400  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/shelters/{shelter}/close/                                mun   403  403  403  403  403  400  403  403  403  400  403  403  403  400  400
POST   /api/v1/shelters/{shelter}/close/                                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
