"""The access matrix, issue 17, part "cert".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_cert.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: cert
GET    /vakbekwaamheid/aanbieders/                                      -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /vakbekwaamheid/aanbieders/nieuw/                                -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /vakbekwaamheid/aanbieders/nieuw/                                -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
GET    /vakbekwaamheid/aanbieders/{provider}/                           -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /vakbekwaamheid/aanbieders/{provider}/wijzigen/                  -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /vakbekwaamheid/aanbieders/{provider}/wijzigen/                  -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /vakbekwaamheid/aanbieders/{provider}/actief/                    -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  302
GET    /vakbekwaamheid/aanbieders/{provider}/accreditaties/nieuw/       -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /vakbekwaamheid/aanbieders/{provider}/accreditaties/nieuw/       -     302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
GET    /vakbekwaamheid/aanbieders/accreditaties/{accreditation}/wijzigen/ -   302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /vakbekwaamheid/aanbieders/accreditaties/{accreditation}/wijzigen/ -   302  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /vakbekwaamheid/aanbieders/accreditaties/{accreditation}/verwijderen/ - 302  403  403  403  403  403  403  403  403  403  403  403  403  403  302
GET    /api/v1/providers/                                               -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/providers/                                               -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /api/v1/providers/{provider}/                                    -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/providers/{provider}/                                    -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  200
POST   /api/v1/providers/{provider}/accreditations/                     -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  400
GET    /api/v1/accreditations/{accreditation}/                          -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
PATCH  /api/v1/accreditations/{accreditation}/                          -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  200
DELETE /api/v1/accreditations/{accreditation}/                          -     403  403  403  403  403  403  403  403  403  403  403  403  403  403  204
# end part: cert
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
