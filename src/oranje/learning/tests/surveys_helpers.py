"""What the tests of part "surveys" share: a survey of a Velsen incident made through the
service, an address file, and responses written straight into the models (the public side's
service is another part's)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.test import Client

from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.learning.models import Answer, Response, Survey
from oranje.learning.services import surveys as services
from oranje.organisation.tests.factories import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def member(region: Region | None, username: str, role: str = Role.COMMUNICATION) -> User:
    user = User.objects.create_user(username=username, password="test-pass-123")
    Membership.objects.create(user=user, role=role, region=region)
    return user


def make_survey(world: World, incident: Incident | None = None, **extra: object) -> Survey:
    incident = incident or start_incident(world, title="Brand Velsen-Noord")
    values: dict[str, object] = {"title": "Enquête brand Velsen-Noord", "open_link": True}
    values.update(extra)
    return services.survey_create(
        actor=world.coordinator,
        region=world.region,
        incident=incident,
        **values,  # type: ignore[arg-type]
    )


def csv_file(
    rows: Iterable[str], header: str = "straat en huisnummer;postcode;plaats"
) -> io.BytesIO:
    data = "\n".join([header, *rows]).encode("utf-8")
    stream = io.BytesIO(data)
    stream.name = "adressen.csv"
    return stream


def respond(
    survey: Survey,
    answers: dict[str, object],
    *,
    channel: str = "open",
    area: str = "",
    shelter: str = "",
    key: str | None = None,
) -> Response:
    """A response with answers by question code: a str is `value` (or `text` for an own-words
    question), a list is `values`."""
    response = Response.objects.create(
        survey=survey,
        channel=channel,
        client_key=key or f"k{Response.objects.count() + 1}-{id(answers)}",
        postcode_area=area,
        shelter=shelter,
    )
    questions = {q.code: q for q in survey.questions.all()}
    for code, given in answers.items():
        question = questions[code]
        if isinstance(given, list):
            Answer.objects.create(response=response, question=question, values=given)
        elif question.kind == "text":
            Answer.objects.create(response=response, question=question, text=str(given))
        else:
            Answer.objects.create(response=response, question=question, value=str(given))
    return response
