"""The access matrix: needs and supplies, meal counts, temporary housing and the
surroundings (outages, road closures, clean-up tasks), pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/opvang/behoeften/                         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/behoeften/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/behoeften/                         own   302  403  403  400  400  400  403  403  400  400  403  403  403  400  400
POST   /incidenten/{incident}/opvang/behoeften/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/opvang/behoeften/{need}/                  own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/behoeften/{need}/                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/behoeften/{need}/                  own   302  403  403  400  400  400  403  403  400  400  403  403  403  400  400
POST   /incidenten/{incident}/opvang/behoeften/{need}/                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/opvang/behoeften/{need}/status/?status=in_progress own   302  403  403  302  302  302  403  403  302  302  403  403  403  302  302
POST   /incidenten/{incident}/opvang/behoeften/{need}/status/?status=in_progress reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/opvang/maaltijden/                        own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/maaltijden/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/maaltijden/                        own   302  403  403  400  400  400  403  403  400  400  403  403  403  400  400
POST   /incidenten/{incident}/opvang/maaltijden/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/opvang/huisvesting/                       own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/huisvesting/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/huisvesting/                       own   302  403  403  403  403  403  403  403  400  400  403  403  403  403  403
POST   /incidenten/{incident}/opvang/huisvesting/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/opvang/huisvesting/{housing}/plaatsen/    own   302  404  404  404  404  404  404  404  302  302  404  404  404  404  404
POST   /incidenten/{incident}/opvang/huisvesting/{housing}/plaatsen/    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /incidenten/{incident}/opvang/huisvesting/{housing}/beeindigen/  own   302  404  404  404  404  404  404  404  302  302  404  404  404  404  404
POST   /incidenten/{incident}/opvang/huisvesting/{housing}/beeindigen/  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /incidenten/{incident}/opvang/omgeving/                          own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/omgeving/                          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/omgeving/storingen/                own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/opvang/omgeving/storingen/                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/opvang/omgeving/storingen/{outage}/       own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/omgeving/storingen/{outage}/       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/omgeving/storingen/{outage}/       own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/opvang/omgeving/storingen/{outage}/       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/opvang/omgeving/storingen/{outage}/hersteld/ own   302  403  302  302  302  302  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/opvang/omgeving/storingen/{outage}/hersteld/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/opvang/omgeving/afsluitingen/             own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/opvang/omgeving/afsluitingen/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/opvang/omgeving/afsluitingen/{closure}/   own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/omgeving/afsluitingen/{closure}/   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/omgeving/afsluitingen/{closure}/   own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/opvang/omgeving/afsluitingen/{closure}/   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/opvang/omgeving/afsluitingen/{closure}/open/ own   302  403  302  302  302  302  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/opvang/omgeving/afsluitingen/{closure}/open/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/opvang/omgeving/opruimtaken/              own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/opvang/omgeving/opruimtaken/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/opvang/omgeving/opruimtaken/{cleanup}/    own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opvang/omgeving/opruimtaken/{cleanup}/    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opvang/omgeving/opruimtaken/{cleanup}/    own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/opvang/omgeving/opruimtaken/{cleanup}/    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/opvang/omgeving/opruimtaken/{cleanup}/klaar/ own   302  403  302  302  302  302  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/opvang/omgeving/opruimtaken/{cleanup}/klaar/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/incidents/{incident}/care/needs/                         own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/care/needs/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/care/needs/                         own   403  403  403  400  400  400  403  403  400  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/care/needs/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/care/needs/{need}/                                       own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/care/needs/{need}/                                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/care/needs/{need}/                                       own   403  403  403  200  200  200  403  403  200  200  403  403  403  200  200
PATCH  /api/v1/care/needs/{need}/                                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/care/meals/                         own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/care/meals/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/care/meals/                         own   403  403  403  400  400  400  403  403  400  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/care/meals/                         reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/care/meals/{meal}/                                       own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/care/meals/{meal}/                                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/care/meals/{meal}/                                       own   403  403  403  200  200  200  403  403  200  200  403  403  403  200  200
PATCH  /api/v1/care/meals/{meal}/                                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/care/housing/                       own   403  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /api/v1/incidents/{incident}/care/housing/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
POST   /api/v1/incidents/{incident}/care/housing/                       own   403  404  404  404  404  404  404  404  400  400  404  404  404  404  404
POST   /api/v1/incidents/{incident}/care/housing/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /api/v1/care/housing/{housing}/                                  own   403  404  404  404  404  404  404  404  200  200  404  404  404  404  404
GET    /api/v1/care/housing/{housing}/                                  reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
PATCH  /api/v1/care/housing/{housing}/                                  own   403  404  404  404  404  404  404  404  400  400  404  404  404  404  404
PATCH  /api/v1/care/housing/{housing}/                                  reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /api/v1/incidents/{incident}/care/outages/                       own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/care/outages/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/care/outages/                       own   403  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/care/outages/                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/care/outages/{outage}/                                   own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/care/outages/{outage}/                                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/care/outages/{outage}/                                   own   403  403  200  200  200  200  200  200  200  200  200  200  403  200  200
PATCH  /api/v1/care/outages/{outage}/                                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/care/road-closures/                 own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/care/road-closures/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/care/road-closures/                 own   403  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/care/road-closures/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/care/road-closures/{closure}/                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/care/road-closures/{closure}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/care/road-closures/{closure}/                            own   403  403  200  200  200  200  200  200  200  200  200  200  403  200  200
PATCH  /api/v1/care/road-closures/{closure}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/care/cleanup-tasks/                 own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/care/cleanup-tasks/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/care/cleanup-tasks/                 own   403  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/care/cleanup-tasks/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/care/cleanup-tasks/{cleanup}/                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/care/cleanup-tasks/{cleanup}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/care/cleanup-tasks/{cleanup}/                            own   403  403  200  200  200  200  200  200  200  200  200  200  403  200  200
PATCH  /api/v1/care/cleanup-tasks/{cleanup}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
