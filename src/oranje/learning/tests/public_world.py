"""A public survey for the public side's tests (and its benchmark), written directly with the
models: the standard questions copied in, invitations with known codes."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from importlib import resources

from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident
from oranje.learning import codes
from oranje.learning.models import Invitation, Survey, SurveyQuestion


def standard_questions() -> list[dict[str, object]]:
    text = resources.files("oranje.learning.data").joinpath("standard_questions.json").read_text()
    return json.loads(text)


@dataclass
class SurveyWorld:
    survey: Survey
    #: The codes printed on the letters, in the order of `areas`.
    codes: list[str] = field(default_factory=list)


def make_survey(
    *,
    region: Region | None = None,
    municipality: Municipality | None = None,
    invitations: int = 3,
    areas: tuple[str, ...] = ("1951", "1952"),
    status: str = "open",
    open_link: bool = True,
    title: str = "Enquête brand Velsen-Noord",
    is_exercise: bool = False,
) -> SurveyWorld:
    region = region or Region.objects.get(code="VR12")
    municipality = municipality or Municipality.objects.get(cbs_code="GM0453")
    incident = Incident.objects.create(
        region=region,
        municipality=municipality,
        title="Grote brand Velsen-Noord",
        kind="fire",
        started_at=timezone.now(),
        is_exercise=is_exercise,
    )
    survey = Survey.objects.create(
        region=region,
        incident=incident,
        title=title,
        intro="De gemeente wil weten hoe het voor u ging.",
        token=secrets.token_urlsafe(16),
        status=status,
        open_link=open_link,
    )
    SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(
                survey=survey,
                code=str(q["code"]),
                position=(i + 1) * 10,
                text=str(q["text"]),
                help_text=str(q.get("help_text", "")),
                kind=str(q["kind"]),
                options=q.get("options", []),
                required=bool(q.get("required")),
            )
            for i, q in enumerate(standard_questions())
        ]
    )
    made = SurveyWorld(survey=survey)
    rows = []
    for n in range(invitations):
        code = codes.new_code()
        made.codes.append(code)
        area = areas[n % len(areas)]
        rows.append(
            Invitation(
                survey=survey,
                code_hash=codes.code_hash(code),
                street=f"Dorpsstraat {n + 1}",
                postcode=f"{area} AB",
                place="Velsen-Noord",
                postcode_area=area,
                letter_made_at=timezone.now(),
            )
        )
    Invitation.objects.bulk_create(rows)
    return made


def good_answers(*, postcode: str = "1951") -> dict[str, object]:
    """A full set of answers to the standard questions (as the service takes them)."""
    return {
        "informed_in_time": "in_time",
        "sources": ["nl_alert", "people"],
        "knew_what_to_do": "yes",
        "felt_helped": "4",
        "self_reliance": "neighbours",
        "shelter": "yes",
        "trust": "5",
        "comments": "De buren hielpen goed. Het eerste bericht kwam laat.",
        "postcode": postcode,
    }


def form_data(answers: dict[str, object]) -> dict[str, object]:
    """The same answers as the form posts them (field names q-<code>)."""
    return {f"q-{code}": value for code, value in answers.items()}
