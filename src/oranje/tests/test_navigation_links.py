"""Where a coordinator looks for them: the checklists per function and the training
providers are linked from the readiness overview, the exercises page and the function
catalogue (not only from "Incidenten" and "Profielen"), and every member of the region opens
them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHECKLISTS = reverse("incidents:checklist_index")
PROVIDERS = reverse("readiness:providers")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("page", "targets"),
    [
        ("readiness:readiness", [PROVIDERS]),
        ("readiness:exercises", [CHECKLISTS]),
        ("organisation:functions", [CHECKLISTS, PROVIDERS]),
    ],
)
def test_the_overviews_link_the_checklists_and_providers(world, page, targets):
    for user in (world.coordinator, world.viewer):
        client = _client(user)
        html = client.get(reverse(page)).content.decode()
        for target in targets:
            assert f'href="{target}"' in html, (page, target)
            assert client.get(target).status_code == 200
