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
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
