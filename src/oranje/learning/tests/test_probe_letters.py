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


def test_addresses_not_imported_into_a_survey_closed_meanwhile(world: World) -> None:
    """The page read the survey open; it was closed (addresses deleted) before the import
    took its lock: the import must not bring addresses back into a closed survey."""
    from django.core.exceptions import ValidationError

    from oranje.learning.services import surveys as survey_services
    from oranje.learning.tests.surveys_helpers import csv_file
    from oranje.learning.tests.surveys_helpers import make_survey as region_survey

    survey = region_survey(world)
    survey = survey_services.survey_set_status(
        actor=world.coordinator, survey=survey, status="open"
    )
    seen_open = type(survey).objects.get(pk=survey.pk)  # what the import page read
    survey_services.survey_set_status(actor=world.coordinator, survey=survey, status="closed")
    with pytest.raises(ValidationError):
        invitations.addresses_import(
            actor=world.coordinator,
            survey=seen_open,
            stream=csv_file(["Dorpsstraat 1;1951AA;Velsen-Noord"]),
            filename="adressen.csv",
        )
    assert not Invitation.objects.filter(survey=survey).exclude(street="").exists()
