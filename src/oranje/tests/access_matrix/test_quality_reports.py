"""The access matrix, quality room, part "reports".

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: reports
GET    /kwaliteit/bestuursrapportage/                                   -     302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
POST   /kwaliteit/bestuursrapportage/                                   -     302  403  403  403  403  400  403  403  403  403  403  403  400  400  400
GET    /kwaliteit/bestuursrapportage/{qreport}/                         own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/                         mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /kwaliteit/bestuursrapportage/{qreport}/pdf/                     own   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/pdf/                     mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/pdf/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /kwaliteit/bestuursrapportage/{qreport}/gemeente/{qmunicipality}/ own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/gemeente/{qmunicipality}/ mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/gemeente/{qmunicipality}/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /kwaliteit/bestuursrapportage/{qreport}/gemeente/{qmunicipality}/pdf/ own   302  403  403  403  200  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/gemeente/{qmunicipality}/pdf/ mun   302  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /kwaliteit/bestuursrapportage/{qreport}/gemeente/{qmunicipality}/pdf/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/regions/{region}/board-reports/                  own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/board-reports/                  mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/regions/{region}/board-reports/                  reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/quality/board-reports/{qreport}/                         own   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/board-reports/{qreport}/                         mun   403  403  403  403  403  200  403  403  403  403  403  403  200  200  200
GET    /api/v1/quality/board-reports/{qreport}/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: reports
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
