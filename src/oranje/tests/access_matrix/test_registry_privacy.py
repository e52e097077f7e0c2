"""The access matrix: the registry's privacy (pages and API).

How to read the table: the package's docstring (`__init__.py`). Person data is for the
registry roles only (regi, regc); a registry coordinator (regc) also sees the read log."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/registratie/lijsten/                      own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/                      mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/                      reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/         own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/         mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/         reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/csv/     own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/csv/     mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/csv/     reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/pdf/     own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/pdf/     mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/slachtoffers/pdf/     reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/                own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/                mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/csv/            own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/csv/            mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/csv/            reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/pdf/            own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/pdf/            mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/doden/pdf/            reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/                own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/                mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/csv/            own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/csv/            mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/csv/            reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/pdf/            own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/pdf/            mun   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/match/pdf/            reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/onbekend/             own   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/onbekend/             mun   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/lijsten/onbekend/             reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/                      own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/                      mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/                      reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/?soort=person&dag=2026-01-01 own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/?soort=person&dag=2026-01-01 mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/?soort=person&dag=2026-01-01 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/personen/{rperson}/   own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/personen/{rperson}/   mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/personen/{rperson}/   reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/vragen/{inquiry}/     own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/vragen/{inquiry}/     mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/leeslog/vragen/{inquiry}/     reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/instellingen/                 own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/instellingen/                 mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/instellingen/                 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/instellingen/                 own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/instellingen/                 mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/instellingen/                 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/archief/                      own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/archief/                      mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/archief/                      reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/archief/                      own   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/archief/                      mun   302  404  404  404  404  404  404  200 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/archief/                      reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/lists/slachtoffers/        own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/lists/doden/               mun   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/lists/match/               reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/registry/lists/onbekend/            own   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    if MATRIX:
        check(matrix, MATRIX)
