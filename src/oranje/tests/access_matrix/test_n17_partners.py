"""The access matrix, issue 17, part "partners".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_partners.py`."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from oranje.core.models import User
from oranje.partners.constants import PartnerKind
from oranje.partners.models import PartnerAccess
from oranje.tests.access_matrix.world import Matrix, ask, check, fill, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: partners
GET    /partners/                                                       -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /partners/                                                       -     302  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /partners/{region}/                                              own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /partners/{region}/                                              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /partners/{region}/                                              own   302  405  405  405  405  405  405  405  405  405  405  405  405  405  405
GET    /partners/{region}/situatierapporten/{pincident}/                own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /partners/{region}/situatierapporten/{pincident}/                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /partners/{region}/situatierapporten/{pdraft}/                   own   302  404  404  404  404  404  404  404  404  404  404  404  404  404  404
GET    /partners/{region}/toegang/                                      own   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /partners/{region}/toegang/                                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /partners/{region}/toegang/                                      own   302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /partners/{region}/toegang/                                      reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /partners/{region}/toegang/{paccess}/intrekken/                  own   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /partners/{region}/toegang/{paccess}/intrekken/                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /partners/{region}/toegang/{paccess}/intrekken/                  own   302  405  405  405  405  405  405  405  405  405  405  405  405  405  405
POST   /partners/{region}/toegang/{paccess}/uitnodiging/                own   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /partners/{region}/toegang/{paccess}/uitnodiging/                reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /partners/wachtwoord/MQ/bad-token/                               -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /partners/wachtwoord/gekozen/                                    -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/partners/{region}/                                       own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/partners/{region}/                                       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/partners/{region}/reports/{pincident}/                   own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/partners/{region}/reports/{pincident}/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/partners/{region}/reports/{pdraft}/                      own   403  404  404  404  404  404  404  404  404  404  404  404  404  404  404
# end part: partners
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)


#: A partner's own account pages: the partner sets up two-step verification like anyone.
OWN_ACCOUNT = ("/account/", "/uitloggen/")


def _in_partners_room(path: str) -> bool:
    if path.startswith("/api/v1/partners/"):
        return True
    try:
        return resolve(urlsplit(path).path).namespace == "partners"
    except Resolver404:
        return False


def test_a_partner_login_gets_nothing_outside_the_partners_room(matrix: Matrix) -> None:
    """Every line of every table, asked as a partner of Kennemerland: outside the partners
    room it gets no more than an anonymous visitor (the public pages, a link that is its own
    key) — never a staff page or API answer."""
    from oranje.tests.access_matrix.test_complete import TABLES

    world, _clients = matrix
    partner = User.objects.create_user(username="matrix-partner-vr12@politie.example.nl")
    PartnerAccess.objects.create(
        user=partner,
        region=world.scopes["own"].region,
        kind=PartnerKind.POLICE,
        organisation="Politie Noord-Holland",
    )
    client = Client()
    client.force_login(partner)
    done = {200, 201, 204}
    asked = 0
    wrong = []
    for table in TABLES:
        for line in table:
            path = fill(line.path, world, line.scope)
            if _in_partners_room(path) or path.startswith(OWN_ACCOUNT):
                continue
            asked += 1
            got = ask(client, line.method, path)
            if got in done and line.expected["anon"] not in done:
                wrong.append(f"{line}: {got}")
    assert asked > 500
    assert not wrong, "\n".join(wrong)
