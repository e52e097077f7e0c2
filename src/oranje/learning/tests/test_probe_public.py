"""Probe: the public survey and the survey's personal data.

- a token with a NUL byte (or other junk) answers 404, never 500 (PostgreSQL refuses NUL in a
  query parameter);
- a survey whose last day has passed is closed for the public, and its invitations'
  addresses are deleted by the worker's upkeep (not kept until someone presses "close");
- one code, two answers with different form keys: exactly one response;
- a code of another survey is unknown here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oranje.core import worker
from oranje.learning.models import Invitation, Response, Survey
from oranje.learning.services.responses import response_submit
from oranje.learning.services.surveys_upkeep import surveys_close_due
from oranje.learning.tests.public_world import good_answers, make_survey
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["%00", "abc%00def", "%C0%AF", "x" * 40, "%FF%FE"])
def test_junk_token_is_404(world: World, token: str) -> None:
    make_survey()
    client = Client()
    for path in (f"/enquete/{token}/", f"/enquete/{token}/bedankt/"):
        answer = client.get(path)
        assert answer.status_code in (400, 404), (path, answer.status_code)
    answer = client.post(f"/enquete/{token}/", {"website": ""})
    assert answer.status_code in (400, 403, 404), answer.status_code


def test_addresses_deleted_when_the_last_day_has_passed(world: World) -> None:
    made = make_survey(invitations=2)
    survey = made.survey
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=timezone.localdate() - dt.timedelta(days=20),
        closes_on=timezone.localdate() - dt.timedelta(days=1),
    )
    # The public sees it closed ...
    page = Client().get(reverse("learning:public_survey", args=[survey.token]))
    assert page.status_code == 200
    assert not page.context["questions"] if "questions" in page.context else True
    # ... and the upkeep deletes the addresses, keeping the areas, and closes it. (Called
    # by itself: forcing every upkeep would reset the others' clocks for later tests.)
    assert "learning.surveys_close" in worker._upkeep
    surveys_close_due()
    rows = list(Invitation.objects.filter(survey=survey).values("street", "postcode", "place"))
    assert rows and all(r == {"street": "", "postcode": "", "place": ""} for r in rows)
    assert set(Invitation.objects.filter(survey=survey).values_list("postcode_area", flat=True))
    survey.refresh_from_db()
    assert survey.status == "closed"


def test_open_survey_without_last_day_keeps_addresses(world: World) -> None:
    made = make_survey(invitations=1)
    surveys_close_due()
    assert Invitation.objects.filter(survey=made.survey).exclude(street="").count() == 1


def test_one_code_two_keys_one_response(world: World) -> None:
    made = make_survey(invitations=1)
    code = made.codes[0]
    answers = good_answers()
    _first, created = response_submit(
        survey=made.survey, answers=answers, code=code, client_key="a" * 32
    )
    assert created
    with pytest.raises(Exception) as caught:
        response_submit(survey=made.survey, answers=answers, code=code, client_key="b" * 32)
    assert "code" in caught.value.message_dict  # type: ignore[attr-defined]
    assert Response.objects.filter(survey=made.survey).count() == 1


def test_code_of_another_survey_is_unknown(world: World) -> None:
    one = make_survey(invitations=1)
    other = make_survey(invitations=1, title="Andere enquête")
    client = Client()
    url = reverse("learning:public_survey", args=[other.survey.token])
    answer = client.get(url, {"code": one.codes[0]})
    assert answer.status_code == 400
    assert not Invitation.objects.filter(survey=one.survey, used_at__isnull=False).exists()


def test_csrf_honeypot_and_rate_limit_write_nothing(world: World, settings: object) -> None:
    from django.core.cache import cache

    from oranje.learning.tests.public_world import form_data

    made = make_survey(invitations=1)
    url = reverse("learning:public_survey", args=[made.survey.token])
    data = {**form_data(good_answers()), "client_key": "c" * 32}
    # Without the CSRF token: refused.
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, data).status_code == 403
    # The honeypot filled in: the thank-you page, nothing written.
    client = Client()
    answer = client.post(url, {**data, "website": "http://spam.example"})
    assert answer.status_code == 303
    assert not Response.objects.filter(survey=made.survey).exists()
    # Past the rate limit: 429, nothing written; codes are not checked either.
    settings.SURVEY_RATE_ADDRESS = "1/hour"  # type: ignore[attr-defined]
    cache.clear()
    assert client.get(url, {"code": "AAAA-AAAA"}).status_code == 400
    assert client.post(url, data).status_code == 429
    assert client.get(url, {"code": made.codes[0]}).status_code == 429
    assert not Response.objects.filter(survey=made.survey).exists()
    assert not Invitation.objects.filter(survey=made.survey, used_at__isnull=False).exists()
