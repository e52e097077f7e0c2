"""Every registry form and every API write refuses a POST without the CSRF token when the
session logs the user in (a page of another site cannot make a registry officer's browser
register, merge, confirm or export)."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from oranje.organisation.tests.factories import World
from oranje.registry.models import Merge
from oranje.registry.tests.test_readlog_walk import _world

pytestmark = pytest.mark.django_db

PAGES = [
    "personen/nieuw/",
    "personen/{p}/status/",
    "personen/{p}/wijzigen/",
    "personen/{p}/toestemming/",
    "dubbele-registraties/{d}/samenvoegen/",
    "dubbele-registraties/{d}/niet-dezelfde/",
    "samenvoegingen/{m}/ongedaan/",
    "import/",
    "vragen/nieuw/",
    "vragen/{q}/nemen/",
    "vragen/{q}/kandidaten/{c}/bevestigen/",
    "vragen/{q}/kandidaten/{c}/afwijzen/",
    "vragen/{q}/terugbellen/",
    "vragen/{q}/toestemming/",
    "vragen/{q}/politie/gevraagd/",
    "vragen/{q}/politie/bevestigd/",
    "vragen/{q}/sluiten/",
    "instellingen/",
    "archief/",
    "pfif/",
]

API = [
    "/api/v1/incidents/{i}/affected-persons/",
    "/api/v1/affected-persons/{p}/statuses/",
    "/api/v1/duplicates/{d}/merge/",
    "/api/v1/duplicates/{d}/dismiss/",
    "/api/v1/merges/{m}/undo/",
    "/api/v1/incidents/{i}/inquiries/",
    "/api/v1/inquiries/{q}/take/",
    "/api/v1/inquiries/{q}/candidates/{c}/confirm/",
    "/api/v1/inquiries/{q}/close/",
    "/api/v1/incidents/{i}/registry/imports/",
    "/api/v1/incidents/{i}/registry/pfif/",
]


def test_no_registry_write_without_the_csrf_token(world: World) -> None:
    ids = _world(world)
    ids["m"] = Merge.objects.get().pk
    page = Client(enforce_csrf_checks=True)
    page.force_login(ids["rw"].coordinator)
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(ids["rw"].coordinator)
    base = "/incidenten/{i}/registratie/".format(**ids)
    answers = {base + p.format(**ids): page.post(base + p.format(**ids)).status_code for p in PAGES}
    answers |= {u.format(**ids): api.post(u.format(**ids)).status_code for u in API}
    assert {url: code for url, code in answers.items() if code != 403} == {}
