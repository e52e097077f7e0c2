"""The access matrix, communication room: the public page per region, its Atom feed of CAP alerts, and the logged-in preview of an incident's public page, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /publiek/{region}/                                               own   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /publiek/{region}/                                               reg   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /publiek/{region}/                                               own   405  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /incidenten/{incident}/communicatie/publiek/                     own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/publiek/                     mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/publiek/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{warning}/cap.xml  own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{warning}/cap.xml  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{message}/cap.xml  own   302  302  302  302  302  302  302  302  302  302  302  302  302  302  302
GET    /incidenten/{incident}/communicatie/berichten/{warning}/nl-alert/ own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{warning}/nl-alert/ mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{warning}/nl-alert/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{message}/persbericht.pdf own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/persbericht.pdf reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/sociale-media/ own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/sociale-media/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /publiek/{region}/waarschuwingen.atom                            own   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /publiek/{region}/waarschuwingen.atom                            reg   200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /publiek/{region}/waarschuwingen.atom                            own   405  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /publiek/{region}/cap/{warning}.xml                              own   404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /publiek/{region}/cap/{pubmessage}.xml                           own   404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /api/v1/communication/messages/{warning}/cap/                    own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/communication/messages/{warning}/cap/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/communication/messages/{message}/cap/                    own   403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
