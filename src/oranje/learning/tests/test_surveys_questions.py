"""The region's own standard questions beside the national set, and a new survey copying
them: options typed as lines, Dutch errors on the field, the national set read-only, a
question of another region out of sight."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oranje.core.models import AuditEntry
from oranje.learning.models import StandardQuestion
from oranje.learning.services import surveys as services
from oranje.learning.tests.surveys_helpers import client_for, make_survey, member
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

LIST = "/leren/enquetes/vragen/"
NEW = "/leren/enquetes/vragen/nieuw/"


def test_options_as_lines_with_or_without_a_value() -> None:
    assert services.parse_options("ja|Ja, meteen\n\nLater wel\n") == [
        {"value": "ja", "label": "Ja, meteen"},
        {"value": "later_wel", "label": "Later wel"},
    ]
    with pytest.raises(ValidationError) as exc:
        services.parse_options("Ja\nja")
    assert "regel 2" in str(exc.value.message_dict["options"]) or "line 2" in str(
        exc.value.message_dict["options"]
    )


def test_a_region_adds_a_choice_question_and_a_new_survey_asks_it(world: World) -> None:
    client = client_for(world.coordinator)
    page = client.get(LIST).content.decode()
    assert "Kreeg u op tijd informatie" in page  # the national set, read-only
    response = client.post(
        NEW,
        {
            "text": "Wist u waar de opvang was?",
            "kind": "choice",
            "options": "ja|Ja\nnee|Nee\nWeet ik niet meer",
            "required": "on",
            "active": "on",
        },
    )
    assert response.status_code == 302
    own = StandardQuestion.objects.get(region=world.region)
    assert own.options[2] == {"value": "weet_ik_niet_meer", "label": "Weet ik niet meer"}
    assert AuditEntry.objects.filter(action="survey.question").count() == 1
    survey = make_survey(world)
    codes = list(survey.questions.values_list("code", flat=True))
    assert codes[0] == "informed_in_time" and codes[-1] == own.code
    # Deactivated: not asked by the next survey; the first keeps what it asked.
    client.post(
        f"/leren/enquetes/vragen/{own.pk}/",
        {"text": own.text, "kind": "choice", "options": "Ja\nNee"},
    )
    own.refresh_from_db()
    assert not own.active
    later = make_survey(world)
    assert own.code not in set(later.questions.values_list("code", flat=True))
    assert survey.questions.filter(code=own.code).exists()


def test_bad_questions_get_a_dutch_message_on_the_field(world: World) -> None:
    client = client_for(world.coordinator)
    response = client.post(NEW, {"text": "Hoe ging het?", "kind": "choice", "options": "Goed"})
    assert response.status_code == 400
    assert "antwoorden om uit te kiezen" in response.content.decode()
    response = client.post(NEW, {"text": "", "kind": "nonsense"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Soort: kies er een uit de lijst." in page
    assert not StandardQuestion.objects.filter(region=world.region).exists()


def test_the_national_set_is_read_only_and_other_regions_out_of_sight(world: World) -> None:
    national = StandardQuestion.objects.filter(region=None).first()
    assert national is not None
    client = client_for(world.coordinator)
    assert client.get(f"/leren/enquetes/vragen/{national.pk}/").status_code == 403
    foreign = StandardQuestion.objects.create(
        region=world.other_region, code="eigen", text="Vraag", kind="yesno"
    )
    assert client.get(f"/leren/enquetes/vragen/{foreign.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.standard_question_save(
            actor=world.coordinator, region=world.region, question=national, text="x", kind="text"
        )


def test_a_viewer_may_not_and_a_communication_officer_may(world: World) -> None:
    assert client_for(world.viewer).get(LIST).status_code == 403
    comm = member(world.region, "communicatie")
    assert client_for(comm).get(LIST).status_code == 200
