"""The access matrix, damage room: the incident tab, the public form, reports, intake, triage,
the overview and map, the export, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
GET    /incidenten/{incident}/schade/                                   own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/schade/                                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# part: dpublic
GET    /incidenten/{incident}/schade/foto/{dphoto}/                     own   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/foto/{dphoto}/                     mun   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/foto/{dphoto}/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /schade/{incident}/                                              own   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /schade/{incident}/                                              mun   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /schade/{incident}/                                              reg   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /schade/{incident}/                                              own   400  400  400  400  400  400  400  400  400  400  400  400  400  400  400
POST   /schade/{incident}/                                              reg   400  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /schade/{incident}/ontvangen/                                    own   404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/schade/formulier/                         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/schade/formulier/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/schade/formulier/                         own   302  400  400  400  400  400  400  400  400  400  400  400  400  400  400
POST   /incidenten/{incident}/schade/formulier/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/schade/formulier/instellen/               own   302  403  403  302  302  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/schade/formulier/instellen/               mun   302  403  403  403  403  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/schade/formulier/instellen/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
# end part: dpublic
# part: dstaff
GET    /incidenten/{incident}/schade/meldingen/                         own   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/meldingen/                         mun   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/meldingen/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/schade/meldingen/nieuw/                   own   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/meldingen/nieuw/                   mun   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/meldingen/nieuw/                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/schade/meldingen/nieuw/                   own   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/nieuw/                   mun   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/nieuw/                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/schade/meldingen/{dreport}/               own   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/meldingen/{dreport}/               mun   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/meldingen/{dreport}/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/triage/        own   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/triage/        mun   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/triage/        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/status/        own   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/status/        mun   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/status/        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/behandelaar/   own   302  403  403  403  403  403  302  302  403  403  403  302  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/behandelaar/   mun   302  403  403  403  403  403  302  302  403  403  403  302  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/behandelaar/   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/notitie/       own   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/notitie/       mun   302  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /incidenten/{incident}/schade/meldingen/{dreport}/notitie/       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/schade/export/                            own   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/export/                            mun   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/export/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/schade/export.csv                         own   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/export.csv                         mun   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/export.csv                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/schade/export.xlsx                        own   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/export.xlsx                        mun   302  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /incidenten/{incident}/schade/export.xlsx                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/schade/overzicht/                         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/schade/overzicht/                         mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/schade/overzicht/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/schade/overzicht/punten.geojson           own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/schade/overzicht/punten.geojson           mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/schade/overzicht/punten.geojson           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/damage/reports/                     own   403  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /api/v1/incidents/{incident}/damage/reports/                     mun   403  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /api/v1/incidents/{incident}/damage/reports/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/incidents/{incident}/damage/reports/                     own   403  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /api/v1/incidents/{incident}/damage/reports/                     mun   403  403  403  403  403  403  400  400  403  403  403  400  403  403  403
POST   /api/v1/incidents/{incident}/damage/reports/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /api/v1/damage/reports/{dreport}/                                own   403  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /api/v1/damage/reports/{dreport}/                                mun   403  403  403  403  403  403  200  200  403  403  403  200  403  403  403
GET    /api/v1/damage/reports/{dreport}/                                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
PATCH  /api/v1/damage/reports/{dreport}/                                own   403  403  403  403  403  403  200  200  403  403  403  200  403  403  403
PATCH  /api/v1/damage/reports/{dreport}/                                mun   403  403  403  403  403  403  200  200  403  403  403  200  403  403  403
PATCH  /api/v1/damage/reports/{dreport}/                                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /api/v1/incidents/{incident}/damage/overview/                    own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/damage/overview/                    mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/damage/overview/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: dstaff
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
