"""The access matrix, communication room: the environment analysis: signals, their import and charts, the analyses and the Q&A list, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/communicatie/signalen/                    own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/                    mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/                    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/signalen/                    own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/                    mun   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/                    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/signalen/turven/             own   302  403  200  200  200  200  200  200  200  200  200  200  403  200  200
GET    /incidenten/{incident}/communicatie/signalen/turven/             mun   302  403  200  200  200  200  200  200  200  200  200  200  403  200  200
GET    /incidenten/{incident}/communicatie/signalen/turven/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/signalen/turven/             own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/turven/             mun   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/turven/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/signalen/import/             own   302  403  200  200  200  200  200  200  200  200  200  200  403  200  200
GET    /incidenten/{incident}/communicatie/signalen/import/             mun   302  403  200  200  200  200  200  200  200  200  200  200  403  200  200
GET    /incidenten/{incident}/communicatie/signalen/import/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/signalen/import/             own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/import/             mun   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/import/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/signalen/import/sjabloon.csv own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/import/sjabloon.csv mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/import/sjabloon.csv reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/signalen/geruchten/          own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/geruchten/          mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/geruchten/          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/signalen/grafieken/          own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/grafieken/          mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/grafieken/          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/signalen/grafiek.svg         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/grafiek.svg         mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/grafiek.svg         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/signalen/{signal}/           own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/{signal}/           mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/signalen/{signal}/           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/signalen/{signal}/           own   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/{signal}/           mun   302  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/communicatie/signalen/{signal}/           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/communicatie/signalen/{signal}/verwijderen/ own   302  403  302  302  302  302  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/communicatie/signalen/{signal}/verwijderen/ mun   302  403  302  302  302  302  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/communicatie/signalen/{signal}/verwijderen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/signalen/{signal}/weerleggen/ own   302  403  302  302  302  302  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/communicatie/signalen/{signal}/weerleggen/ mun   302  403  302  302  302  302  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/communicatie/signalen/{signal}/weerleggen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/incidents/{incident}/signals/                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/                            mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/signals/                            own   403  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/signals/                            mun   403  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/signals/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /api/v1/incidents/{incident}/signals/tally/                      own   403  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/signals/tally/                      mun   403  403  400  400  400  400  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/signals/tally/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /api/v1/incidents/{incident}/signals/import/                     own   403  403  415  415  415  415  415  415  415  415  415  415  403  415  415
POST   /api/v1/incidents/{incident}/signals/import/                     mun   403  403  415  415  415  415  415  415  415  415  415  415  403  415  415
POST   /api/v1/incidents/{incident}/signals/import/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  415
GET    /api/v1/incidents/{incident}/signals/counts/                     own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/counts/                     mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/counts/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/signals/volume/                     own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/volume/                     mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/volume/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/signals/{signal}/                   own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/{signal}/                   mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/signals/{signal}/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/incidents/{incident}/signals/{signal}/                   own   403  403  200  200  200  200  200  200  200  200  200  200  403  200  200
PATCH  /api/v1/incidents/{incident}/signals/{signal}/                   mun   403  403  200  200  200  200  200  200  200  200  200  200  403  200  200
PATCH  /api/v1/incidents/{incident}/signals/{signal}/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
DELETE /api/v1/incidents/{incident}/signals/{signal}/                   own   403  403  204  204  204  204  204  204  204  204  204  204  403  204  204
DELETE /api/v1/incidents/{incident}/signals/{signal}/                   mun   403  403  204  204  204  204  204  204  204  204  204  204  403  204  204
DELETE /api/v1/incidents/{incident}/signals/{signal}/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  204
GET    /incidenten/{incident}/communicatie/analyses/                    own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/analyses/                    mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/analyses/                    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/analyses/nieuw/              own   302  403  403  200  200  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/analyses/nieuw/              mun   302  403  403  403  403  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/analyses/nieuw/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/analyses/nieuw/              own   302  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/analyses/nieuw/              mun   302  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/analyses/nieuw/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/         mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/bewerken/ own   302  403  403  200  200  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/bewerken/ mun   302  403  403  403  403  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/bewerken/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/analyses/{analysis}/bewerken/ own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/analyses/{analysis}/bewerken/ mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/analyses/{analysis}/bewerken/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/analyses/{analysis}/vaststellen/ own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/analyses/{analysis}/vaststellen/ mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/analyses/{analysis}/vaststellen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/afdrukken/ own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/afdrukken/ mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/analyses/{analysis}/afdrukken/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/vragen/                      own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/vragen/                      mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/vragen/                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/vragen/nieuw/                own   302  403  403  200  200  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/vragen/nieuw/                mun   302  403  403  403  403  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/vragen/nieuw/                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/vragen/nieuw/                own   302  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/vragen/nieuw/                mun   302  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/vragen/nieuw/                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/vragen/afdrukken/            own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/vragen/afdrukken/            mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/vragen/afdrukken/            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/vragen/{qa}/                 own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/vragen/{qa}/                 mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/vragen/{qa}/                 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/vragen/{qa}/                 own   302  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/vragen/{qa}/                 mun   302  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/vragen/{qa}/                 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/communicatie/vragen/{qa}/vaststellen/     own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/vaststellen/     mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/vaststellen/     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/publiek/         own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/publiek/         mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/publiek/         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/intrekken/       own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/intrekken/       mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/intrekken/       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/volgorde/        own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/volgorde/        mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/vragen/{qa}/volgorde/        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/incidents/{incident}/analyses/                           own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/analyses/                           mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/analyses/                           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/analyses/                           own   403  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/incidents/{incident}/analyses/                           mun   403  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/incidents/{incident}/analyses/                           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/analyses/{analysis}/                own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/analyses/{analysis}/                mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/analyses/{analysis}/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/incidents/{incident}/analyses/{analysis}/                own   403  403  403  200  200  200  403  403  403  403  200  403  403  200  200
PATCH  /api/v1/incidents/{incident}/analyses/{analysis}/                mun   403  403  403  403  403  200  403  403  403  403  200  403  403  200  200
PATCH  /api/v1/incidents/{incident}/analyses/{analysis}/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/analyses/{analysis}/approve/        own   403  403  403  200  200  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/incidents/{incident}/analyses/{analysis}/approve/        mun   403  403  403  403  403  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/incidents/{incident}/analyses/{analysis}/approve/        reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/qa/                                 own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/qa/                                 mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/qa/                                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/qa/                                 own   403  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/incidents/{incident}/qa/                                 mun   403  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/incidents/{incident}/qa/                                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/qa/{qa}/                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/qa/{qa}/                            mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/qa/{qa}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/incidents/{incident}/qa/{qa}/                            own   403  403  403  200  200  200  403  403  403  403  200  403  403  200  200
PATCH  /api/v1/incidents/{incident}/qa/{qa}/                            mun   403  403  403  403  403  200  403  403  403  403  200  403  403  200  200
PATCH  /api/v1/incidents/{incident}/qa/{qa}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/qa/{qa}/approve/                    own   403  403  403  200  200  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/incidents/{incident}/qa/{qa}/approve/                    mun   403  403  403  403  403  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/incidents/{incident}/qa/{qa}/approve/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
