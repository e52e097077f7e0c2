"""Probe: making letters gives the chosen invitations new codes. When the PDF is not made
after all (an error, or the worker killed on a timeout while it draws 1,300 letters), the
new codes must not be kept: nobody holds a letter with them, and the old letters' codes
would be dead. The codes and the PDF succeed or fail together."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.core.tests.logins import complete_second_step
from oranje.learning.models import Invitation
from oranje.learning.services import surveys_invitations as invitations
from oranje.learning.tests.public_world import make_survey
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_a_failed_letters_pdf_keeps_the_old_codes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = make_survey(invitations=2)
    before = dict(Invitation.objects.filter(survey=made.survey).values_list("pk", "code_hash"))

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("the worker was stopped while drawing the letters")

    monkeypatch.setattr("oranje.learning.views.surveys_invitations.letters_pdf", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    complete_second_step(client, world.coordinator)
    answer = client.post(
        f"/leren/enquetes/{made.survey.pk}/brieven/", {"which": invitations.LETTERS_UNUSED}
    )
    assert answer.status_code == 500
    after = dict(Invitation.objects.filter(survey=made.survey).values_list("pk", "code_hash"))
    assert after == before
