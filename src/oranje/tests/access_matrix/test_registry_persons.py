"""The access matrix: the registry's persons (pages and API).

How to read the table: the package's docstring (`__init__.py`). Person data is for the
registry roles only (regi, regc); a registry coordinator (regc) also sees the read log."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/{incident}/registratie/                              own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/                              reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/                     own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/                     reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/nieuw/               own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/nieuw/               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/nieuw/               own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/nieuw/               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/{rperson}/           own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/{rperson}/           reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/{rperson}/status/    own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/{rperson}/status/    reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/{rperson}/wijzigen/  own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/personen/{rperson}/wijzigen/  reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/{rperson}/wijzigen/  own   302  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/{rperson}/wijzigen/  reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/{rperson}/toestemming/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/personen/{rperson}/toestemming/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/dubbele-registraties/         own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/dubbele-registraties/         reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/dubbele-registraties/{duplicate}/samenvoegen/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/dubbele-registraties/{duplicate}/samenvoegen/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/dubbele-registraties/{duplicate}/niet-dezelfde/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/dubbele-registraties/{duplicate}/niet-dezelfde/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/samenvoegingen/               own   302  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /incidenten/{incident}/registratie/samenvoegingen/               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/samenvoegingen/{merge}/ongedaan/ own   302  404  404  404  404  404  302  302 404  404   404  404  404  404  404
POST   /incidenten/{incident}/registratie/samenvoegingen/{merge}/ongedaan/ reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/affected-persons/                   own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/affected-persons/                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/affected-persons/                   own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/incidents/{incident}/affected-persons/                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/affected-persons/{rperson}/                              own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/affected-persons/{rperson}/                              reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/affected-persons/{rperson}/statuses/                     own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/affected-persons/{rperson}/statuses/                     reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/affected-persons/{rperson}/statuses/                     own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/affected-persons/{rperson}/statuses/                     reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/duplicates/                         own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/duplicates/                         reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/duplicates/{duplicate}/merge/                            own   403  404  404  404  404  404  400  400 404  404   404  404  404  404  404
POST   /api/v1/duplicates/{duplicate}/merge/                            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/duplicates/{duplicate}/dismiss/                          own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
POST   /api/v1/duplicates/{duplicate}/dismiss/                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/merges/                             own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
GET    /api/v1/incidents/{incident}/merges/                             reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /api/v1/merges/{merge}/undo/                                     own   403  404  404  404  404  404  200  200 404  404   404  404  404  404  404
POST   /api/v1/merges/{merge}/undo/                                     reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  404
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    if MATRIX:
        check(matrix, MATRIX)
