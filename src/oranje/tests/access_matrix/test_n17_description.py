"""The access matrix, issue 17, part "description".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_description.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: description
GET    /bevolkingszorg/{region}/                                        own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /bevolkingszorg/{region}/                                        reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /bevolkingszorg/{region}/versies/                                own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /bevolkingszorg/{region}/versies/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /bevolkingszorg/{region}/aanvullen/                              own   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /bevolkingszorg/{region}/aanvullen/                              own   302  403  403  403  403  400  403  403 403  403   403  403  403  400  400
GET    /bevolkingszorg/{region}/aanvullen/                              reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /bevolkingszorg/{region}/landelijke-tekst/                       own   302  403  403  403  403  403  403  403 403  403   403  403  403  403  200
POST   /bevolkingszorg/{region}/landelijke-tekst/                       own   302  403  403  403  403  403  403  403 403  403   403  403  403  403  400
GET    /bevolkingszorg/{region}/aanspreekpunt/                          own   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /bevolkingszorg/{region}/aanspreekpunt/                          own   302  403  403  403  403  400  403  403 403  403   403  403  403  400  400
POST   /bevolkingszorg/{region}/aanspreekpunt/                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /incidenten/{incident}/situatierapport/{pubreport}.edxl.xml      own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/{pubreport}.edxl.xml      reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/situatierapport/{report}.edxl.xml         own   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /partners/{region}/incidenten/{incident}/situatierapport/{pubreport}.edxl.xml own 302 200 200 200 200 200 200 200 200 200 200 200 200 200 200
GET    /partners/{region}/incidenten/{incident}/situatierapport/{pubreport}.edxl.xml reg 302 404 404 404 404 404 404 404 404 404 404 404 404 404 200
GET    /api/v1/regions/{region}/population-care-description/            own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/{region}/population-care-description/            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
PUT    /api/v1/regions/{region}/population-care-description/            own   403  403  403  403  403  400  403  403 403  403   403  403  403  400  400
PUT    /api/v1/regions/{region}/population-care-description/            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/population-care-description/national/                    -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
PUT    /api/v1/population-care-description/national/                    -     403  403  403  403  403  403  403  403 403  403   403  403  403  403  400
GET    /api/v1/regions/{region}/contact-point/                          own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/regions/{region}/contact-point/                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
PUT    /api/v1/regions/{region}/contact-point/                          own   403  403  403  403  403  400  403  403 403  403   403  403  403  400  400
PUT    /api/v1/regions/{region}/contact-point/                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
# end part: description
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
