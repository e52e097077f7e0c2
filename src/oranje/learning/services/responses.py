"""Answers to a public survey, as a resident sends them (no login, no actor).

`response_submit` checks the answers against the survey's questions, and the personal code
from the letter when there is one, and writes the response in one transaction: the invitation
is locked (`select_for_update`) and marked used, then the response and its answers are written.
A response sent again with the same `client_key` (the hidden key the form got when it was
shown: a resubmit after a lost connection) is not written twice: the existing one is returned
with `created` False.

Anonymous by design: the response keeps no link to the invitation, no address and no client
address; the postcode area (four digits) comes from the invitation for a code, or from the
postcode question on the open link. The invitation's `used_at` is kept as the day only (the
start of the day), so the order in which codes were spent cannot be matched with the order of
the responses. For the same reason no audit entry is written per response (it would stamp the
moment of each one); the region's side audits reading and exporting the results.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.learning import codes
from oranje.learning.constants import (
    ANSWER_MAX,
    OPTION_MAX,
    QuestionKind,
    ResponseChannel,
    Shelter,
    SurveyStatus,
)
from oranje.learning.models import Answer, Invitation, Response, Survey, SurveyQuestion

#: The question whose answer is the postcode area (asked on the open link only) and the one
#: whose answer fills `Response.shelter` (codes of the standard set).
POSTCODE_QUESTION = "postcode"
SHELTER_QUESTION = "shelter"
#: The hidden key of the form: a uuid4 as 32 hexadecimal digits (dashes allowed).
CLIENT_KEY_MAX = 64
SCALE_VALUES = ("1", "2", "3", "4", "5")
YES_NO_VALUES = ("yes", "no")
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$")

#: What a survey is for the public today.
State = Literal["open", "not_yet", "closed"]


def survey_state(survey: Survey, today: dt.date | None = None) -> State:
    """Open for answers, not open yet (in preparation or before its first day), or closed
    (closed, or after its last day)."""
    today = today or timezone.localdate()
    if survey.status == SurveyStatus.CLOSED:
        return "closed"
    if survey.status != SurveyStatus.OPEN:
        return "not_yet"
    if survey.opens_on is not None and today < survey.opens_on:
        return "not_yet"
    if survey.closes_on is not None and today > survey.closes_on:
        return "closed"
    return "open"


def field_name(question: SurveyQuestion) -> str:
    """The form field of a question (and the key of its errors)."""
    return f"q-{question.code}"


def asked(question: SurveyQuestion, *, by_code: bool) -> bool:
    """Whether the form asks this question: the postcode only on the open link (a code's
    invitation knows its area)."""
    return not (by_code and question.code == POSTCODE_QUESTION)


def option_values(question: SurveyQuestion) -> list[str]:
    if question.kind == QuestionKind.SCALE:
        return list(SCALE_VALUES)
    if question.kind == QuestionKind.YES_NO:
        return list(YES_NO_VALUES)
    values = []
    for option in question.options or []:
        if isinstance(option, dict):
            values.append(str(option.get("value", "")))
        else:
            values.append(str(option))
    return values


def unknown_code_message() -> str:
    return _("We do not know this code. Check that you copied the code correctly.")


def used_code_message() -> str:
    return _("This code has already been used to fill in the survey.")


def check_code(survey: Survey, typed: str) -> str:
    """The normalised code when it is an unused code of this survey (a read, no lock: the
    page shows the questions); ValidationError on `code` otherwise."""
    code = codes.normalise(typed)
    if code is None:
        raise ValidationError({"code": [unknown_code_message()]})
    invitation = (
        Invitation.objects.filter(survey=survey, code_hash=codes.code_hash(code))
        .only("pk", "used_at")
        .first()
    )
    if invitation is None:
        raise ValidationError({"code": [unknown_code_message()]})
    if invitation.used_at is not None:
        raise ValidationError({"code": [used_code_message()]})
    return code


class Cleaned:
    """Answers checked: (question, value, values, text) to write, the postcode area and the
    shelter answer."""

    def __init__(self) -> None:
        self.rows: list[tuple[SurveyQuestion, str, list[str], str]] = []
        self.postcode_area = ""
        self.shelter: str = Shelter.UNKNOWN


def _one(raw: object) -> str | None:
    """One submitted value as text (None when it is not one: a list of several, an object)."""
    if isinstance(raw, list | tuple):
        if len(raw) > 1:
            return None
        raw = raw[0] if raw else ""
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        return None
    return str(raw)


def clean_answers(
    questions: list[SurveyQuestion], answers: Mapping[str, object], *, by_code: bool
) -> Cleaned:
    """The answers (keyed by question code; a list for a question with more answers)
    checked against the questions; ValidationError keyed by the questions' field names."""
    errors: dict[str, list[str]] = {}
    cleaned = Cleaned()
    invalid = _("Choose one of the answers.")
    for question in questions:
        if not asked(question, by_code=by_code):
            continue
        name = field_name(question)
        raw = answers.get(question.code)
        if question.kind == QuestionKind.MULTIPLE:
            items = raw if isinstance(raw, list | tuple) else ([] if raw in (None, "") else [raw])
            chosen: list[str] = []
            allowed = option_values(question)
            bad = False
            for item in items[: len(allowed) + 1]:
                if not isinstance(item, str) or item not in allowed:
                    bad = True
                elif item not in chosen:
                    chosen.append(item)
            if bad or len(items) > len(allowed):
                errors[name] = [invalid]
            elif not chosen and question.required:
                errors[name] = [_("Choose at least one answer.")]
            elif chosen:
                cleaned.rows.append((question, "", chosen, ""))
            continue
        one = _one(raw)
        if one is None or "\x00" in one:
            errors[name] = [invalid]
            continue
        if question.kind == QuestionKind.TEXT:
            text = one.strip()
            if len(text) > ANSWER_MAX:
                errors[name] = [
                    _("Your answer is too long: at most %(max)s characters.") % {"max": ANSWER_MAX}
                ]
            elif not text:
                if question.required:
                    errors[name] = [_("Please answer this question.")]
            elif question.code == POSTCODE_QUESTION:
                match = _POSTCODE.match(text)
                if match is None:
                    errors[name] = [
                        _("Fill in the four digits of your postcode, for example 1951.")
                    ]
                else:
                    cleaned.postcode_area = match.group(1)
            else:
                cleaned.rows.append((question, "", [], text))
            continue
        value = one.strip()
        if not value:
            if question.required:
                errors[name] = [_("Please answer this question.")]
            continue
        if len(value) > OPTION_MAX or value not in option_values(question):
            errors[name] = [invalid]
            continue
        cleaned.rows.append((question, value, [], ""))
        if question.code == SHELTER_QUESTION and question.kind == QuestionKind.YES_NO:
            cleaned.shelter = Shelter.YES if value == "yes" else Shelter.NO
    if errors:
        raise ValidationError(errors)
    return cleaned


def clean_client_key(client_key: object) -> str:
    """The form's hidden key as 32 hexadecimal digits; ValidationError on `client_key`."""
    if isinstance(client_key, str) and len(client_key) <= CLIENT_KEY_MAX:
        try:
            return uuid.UUID(client_key.strip()).hex
        except ValueError:
            pass
    raise ValidationError(
        {"client_key": [_("The form was damaged on the way. Load the page again.")]}
    )


def _day_start(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _write(
    *,
    survey: Survey,
    cleaned: Cleaned,
    code: str | None,
    client_key: str,
) -> tuple[Response, bool]:
    existing = Response.objects.filter(survey=survey, client_key=client_key).first()
    if existing is not None:
        return existing, False
    area = cleaned.postcode_area
    channel = ResponseChannel.OPEN
    if code is not None:
        channel = ResponseChannel.CODE
        invitation = (
            Invitation.objects.select_for_update()
            .filter(survey=survey, code_hash=codes.code_hash(code))
            .first()
        )
        if invitation is None:
            raise ValidationError({"code": [unknown_code_message()]})
        # Waiting for the lock, the same form may have been written by a twin request.
        existing = Response.objects.filter(survey=survey, client_key=client_key).first()
        if existing is not None:
            return existing, False
        spent = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=_day_start(timezone.now())
        )
        if not spent:
            raise ValidationError({"code": [used_code_message()]})
        area = invitation.postcode_area
    response = Response.objects.create(
        survey=survey,
        channel=channel,
        client_key=client_key,
        postcode_area=area,
        shelter=cleaned.shelter,
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=question, value=value, values=values, text=text)
            for question, value, values, text in cleaned.rows
        ]
    )
    return response, True


def response_submit(
    *,
    survey: Survey,
    answers: Mapping[str, object],
    code: str | None = None,
    client_key: str,
) -> tuple[Response, bool]:
    """Write one response to an open survey: (the response, True), or (the response written
    before with this `client_key`, False). `code` is the personal code as typed (None on
    the open link, which the survey must allow). Raises ValidationError with Dutch messages
    keyed by field: `code`, `client_key`, the questions' `q-<code>`, or `__all__` when the
    survey is not open."""
    key = clean_client_key(client_key)
    if survey_state(survey) != "open":
        raise ValidationError({"__all__": [_("This survey is not open for answers.")]})
    normalised: str | None = None
    if code is not None and str(code).strip():
        normalised = codes.normalise(str(code))
        if normalised is None:
            raise ValidationError({"code": [unknown_code_message()]})
    elif not survey.open_link:
        raise ValidationError({"code": [_("Fill in the code from your letter.")]})
    questions = list(SurveyQuestion.objects.filter(survey=survey).order_by("position", "pk"))
    cleaned = clean_answers(questions, answers, by_code=normalised is not None)
    try:
        with transaction.atomic():
            return _write(survey=survey, cleaned=cleaned, code=normalised, client_key=key)
    except IntegrityError:
        # A twin request with the same key was written first (between our look and our
        # write): everything of ours is rolled back, the twin's response is the answer.
        existing = Response.objects.filter(survey=survey, client_key=key).first()
        if existing is None:
            raise
        return existing, False
