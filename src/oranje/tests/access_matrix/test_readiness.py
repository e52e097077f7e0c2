"""The access matrix: pages of readiness.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /vakbekwaamheid/                                                 -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /vakbekwaamheid/landelijk/                                       -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /vakbekwaamheid/activiteit/nieuw/                                -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /vakbekwaamheid/activiteit/nieuw/                                -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /vakbekwaamheid/activiteit/{activity}/verwijderen/               own   302  403  403  403  302  302  403  403 403  403   403  403  403  302  302
POST   /vakbekwaamheid/activiteit/{activity}/verwijderen/               mun   302  403  403  403  403  302  403  403 403  403   403  403  403  302  302
POST   /vakbekwaamheid/activiteit/{activity}/verwijderen/               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /vakbekwaamheid/import/                                          -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /vakbekwaamheid/import/                                          -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /vakbekwaamheid/profielen/                                       -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /vakbekwaamheid/profielen/OVD-BZ/regio/                          -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /vakbekwaamheid/profielen/OVD-BZ/regio/                          -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /vakbekwaamheid/profielen/OVD-BZ/landelijk/                      -     302  403  403  403  403  403  403  403 403  403   403  403  403  403  200
POST   /vakbekwaamheid/profielen/OVD-BZ/landelijk/                      -     302  403  403  403  403  403  403  403 403  403   403  403  403  403  200
GET    /mensen/{person}/paspoort/                                       own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /mensen/{person}/paspoort/                                       mun   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /mensen/{person}/paspoort/                                       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /oefeningen/                                                     -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /oefeningen/nieuw/                                               -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /oefeningen/nieuw/                                               -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /oefeningen/{exercise}/                                          own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /oefeningen/{exercise}/                                          mun   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /oefeningen/{exercise}/                                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /oefeningen/{exercise}/                                          own   302  403  403  403  302  302  403  403 403  403   403  403  403  302  302
POST   /oefeningen/{exercise}/                                          mun   302  403  403  403  403  302  403  403 403  403   403  403  403  302  302
POST   /oefeningen/{exercise}/                                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /alarmtest/                                                      -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /alarmtest/                                                      -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /alarmtest/{alarmtest}/                                          own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /alarmtest/{alarmtest}/                                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /alarm/{token:alarm}/                                            -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
