"""The access matrix: the registry's inquiries (pages and API).

How to read the table: the package's docstring (`__init__.py`). Person data is for the
registry roles only (regi, regc); a registry coordinator (regc) also sees the read log."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/registratie/vragen/                       own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/vragen/                       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/vragen/wachtrij/              own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/vragen/wachtrij/              reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/vragen/nieuw/                 own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/vragen/nieuw/                 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/nieuw/                 own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/nieuw/                 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/vragen/{inquiry}/             own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/vragen/{inquiry}/             reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/nemen/       own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/nemen/       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/kandidaten/{candidate}/bevestigen/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/kandidaten/{candidate}/bevestigen/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/kandidaten/{candidate}/afwijzen/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/kandidaten/{candidate}/afwijzen/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/terugbellen/ own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/terugbellen/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/toestemming/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/toestemming/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/politie/gevraagd/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/politie/gevraagd/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/politie/bevestigd/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/politie/bevestigd/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/sluiten/     own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/vragen/{inquiry}/sluiten/     reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/inquiries/                          own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/inquiries/                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/inquiries/                          own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/inquiries/                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/inquiries/{inquiry}/                                     own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/inquiries/{inquiry}/                                     reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/inquiries/{inquiry}/candidates/                          own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/inquiries/{inquiry}/candidates/                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/take/                                own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/take/                                reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/candidates/{candidate}/confirm/      own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/candidates/{candidate}/confirm/      reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/candidates/{candidate}/reject/       own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/candidates/{candidate}/reject/       reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/police-asked/                        own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/police-asked/                        reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/police-confirmed/                    own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/police-confirmed/                    reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/inquiries/{inquiry}/calls/                               own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/inquiries/{inquiry}/calls/                               reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/calls/                               own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/calls/                               reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/consent/                             own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/consent/                             reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/close/                               own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/inquiries/{inquiry}/close/                               reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    if MATRIX:
        check(matrix, MATRIX)
