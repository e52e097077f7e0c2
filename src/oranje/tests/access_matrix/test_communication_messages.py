"""The access matrix, communication room: messages: drafting, versions, approval (four eyes for a warning), publishing, updates and corrections, CAP export, the press release, mailings to affected people, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/           own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/stand/     own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/stand/     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/mail/      own   302  403  403  200  200  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/mail/      mun   302  403  403  403  403  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/mail/      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/mail/      own   302  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/mail/      mun   302  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/sms/       own   302  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/berichten/{pubmessage}/verzending/mail/      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/communication/messages/{pubmessage}/mailings/                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/communication/messages/{pubmessage}/mailings/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/communication/messages/{pubmessage}/mailings/                            own   403  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/communication/messages/{pubmessage}/mailings/                            mun   403  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/communication/messages/{pubmessage}/mailings/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/berichten/nieuw/             own   302  403  403  200  200  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/berichten/nieuw/             mun   302  403  403  403  403  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/berichten/nieuw/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/berichten/nieuw/             own   302  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/berichten/nieuw/             mun   302  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/berichten/nieuw/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/berichten/{message}/         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{message}/         mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{message}/         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{warning}/         own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{warning}/         mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/communicatie/berichten/{warning}/         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/communicatie/berichten/{message}/bewerken/ own   302  403  403  200  200  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/berichten/{message}/bewerken/ mun   302  403  403  403  403  200  403  403  403  403  200  403  403  200  200
GET    /incidenten/{incident}/communicatie/berichten/{message}/bewerken/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/communicatie/berichten/{message}/bewerken/ own   302  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/berichten/{message}/bewerken/ mun   302  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /incidenten/{incident}/communicatie/berichten/{message}/bewerken/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/bewerken/ own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/bewerken/ mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
GET    /incidenten/{incident}/communicatie/berichten/{pubmessage}/bewerken/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/berichten/{message}/goedkeuren/ own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{message}/goedkeuren/ mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{message}/goedkeuren/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/berichten/{message}/afwijzen/ own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{message}/afwijzen/ mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{message}/afwijzen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/berichten/{warning}/publiceren/ own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{warning}/publiceren/ mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{warning}/publiceren/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/communicatie/berichten/{pubmessage}/vervolg/ own   302  403  403  302  302  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{pubmessage}/vervolg/ mun   302  403  403  403  403  302  403  403  403  403  302  403  403  302  302
POST   /incidenten/{incident}/communicatie/berichten/{pubmessage}/vervolg/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/incidents/{incident}/communication/messages/             own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/communication/messages/             mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/communication/messages/             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/communication/messages/             own   403  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/incidents/{incident}/communication/messages/             mun   403  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/incidents/{incident}/communication/messages/             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/communication/messages/{message}/                        own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/communication/messages/{message}/                        mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/communication/messages/{message}/                        reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/communication/messages/{message}/                        own   403  403  403  200  200  200  403  403  403  403  200  403  403  200  200
PATCH  /api/v1/communication/messages/{message}/                        mun   403  403  403  403  403  200  403  403  403  403  200  403  403  200  200
PATCH  /api/v1/communication/messages/{message}/                        reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/communication/messages/{message}/approve/                own   403  403  403  200  200  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/communication/messages/{message}/approve/                mun   403  403  403  403  403  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/communication/messages/{message}/approve/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/communication/messages/{message}/reject/                 own   403  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/communication/messages/{message}/reject/                 mun   403  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/communication/messages/{message}/reject/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /api/v1/communication/messages/{warning}/publish/                own   403  403  403  200  200  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/communication/messages/{warning}/publish/                mun   403  403  403  403  403  200  403  403  403  403  200  403  403  200  200
POST   /api/v1/communication/messages/{warning}/publish/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/communication/messages/{pubmessage}/follow-up/           own   403  403  403  400  400  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/communication/messages/{pubmessage}/follow-up/           mun   403  403  403  403  403  400  403  403  403  403  400  403  403  400  400
POST   /api/v1/communication/messages/{pubmessage}/follow-up/           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
