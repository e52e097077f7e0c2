"""Public surveys as the region runs them: its own standard questions beside the national
set, a survey per incident (the questions copied when it is made), opening and closing it
(closing deletes the invitations' addresses, keeping only the postcode area).

Every write checks the region through `learning.access.can_run_surveys`, runs in one
transaction and writes an audit entry. The invitations and letters are in
`surveys_invitations.py`."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from oranje.core import params
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.core.spreadsheet import csv_bytes
from oranje.incidents.models import Incident
from oranje.learning import access
from oranje.learning.constants import (
    CODE_MAX,
    NOTE_MAX,
    OPTION_MAX,
    TITLE_MAX,
    QuestionKind,
    SurveyStatus,
)
from oranje.learning.models import (
    Invitation,
    Response,
    StandardQuestion,
    Survey,
    SurveyQuestion,
)
from oranje.learning.selectors_surveys import export_rows

#: The most options a choice question may have.
OPTIONS_MAX = 20
#: Kinds whose answers are chosen from the question's options.
CHOICE_KINDS = frozenset({QuestionKind.CHOICE, QuestionKind.MULTIPLE})
QUESTION_TEXT_MAX = TITLE_MAX * 2


def _require_region(actor: User, region_id: int) -> None:
    if not access.can_run_surveys(actor, region_id):
        raise PermissionDenied


def parse_options(text: str) -> list[dict[str, str]]:
    """Options typed one per line, "value|label" or just the label (the value is then made
    from it). A ValidationError on `options` naming the line that is wrong."""
    found: list[dict[str, str]] = []
    seen: set[str] = set()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if "|" in line:
            value, label = (part.strip() for part in line.split("|", 1))
        else:
            value, label = "", line
        value = slugify(value or label).replace("-", "_")[:OPTION_MAX]
        if not label or not value:
            raise ValidationError(
                {"options": [_("options: line %(n)s has no answer to show.") % {"n": number}]}
            )
        if len(label) > OPTION_MAX:
            raise ValidationError(
                {
                    "options": [
                        _("options: line %(n)s is longer than %(max)s characters.")
                        % {"n": number, "max": OPTION_MAX}
                    ]
                }
            )
        if value in seen:
            raise ValidationError(
                {"options": [_("options: line %(n)s repeats an answer.") % {"n": number}]}
            )
        seen.add(value)
        found.append({"value": value, "label": label})
    if len(found) > OPTIONS_MAX:
        raise ValidationError(
            {"options": [_("options: at most %(max)s answers.") % {"max": OPTIONS_MAX}]}
        )
    return found


def options_text(options: list[dict[str, str]]) -> str:
    """The options as the form shows them, one "value|label" per line."""
    return "\n".join(f"{o.get('value', '')}|{o.get('label', '')}" for o in options or [])


def _question_fields(
    *, text: str, help_text: str, kind: str, options: str | list[dict[str, str]]
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    text, help_text = (text or "").strip(), (help_text or "").strip()
    if not text:
        errors["text"] = [_("question: write the question.")]
    elif len(text) > QUESTION_TEXT_MAX:
        errors["text"] = [_("question: at most %(max)s characters.") % {"max": QUESTION_TEXT_MAX}]
    if len(help_text) > QUESTION_TEXT_MAX:
        errors["help_text"] = [
            _("explanation: at most %(max)s characters.") % {"max": QUESTION_TEXT_MAX}
        ]
    if kind not in QuestionKind.values:
        errors["kind"] = [_("kind: choose one from the list.")]
    parsed: list[dict[str, str]] = []
    if kind in CHOICE_KINDS:
        try:
            parsed = parse_options(options) if isinstance(options, str) else list(options)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        else:
            if len(parsed) < 2 and "options" not in errors:
                errors["options"] = [_("options: give at least two answers to choose from.")]
    if errors:
        raise ValidationError(errors)
    return {"text": text, "help_text": help_text, "kind": kind, "options": parsed}


def _free_code(region: Region, text: str, exclude: int | None = None) -> str:
    base = slugify(text).replace("-", "_")[: CODE_MAX - 4] or "vraag"
    own = StandardQuestion.objects.filter(region=region)
    if exclude is not None:
        own = own.exclude(pk=exclude)
    taken = set(own.values_list("code", flat=True)) | set(
        StandardQuestion.objects.filter(region=None).values_list("code", flat=True)
    )
    code, n = base, 2
    while code in taken:
        code = f"{base}_{n}"
        n += 1
    return code


@transaction.atomic
def standard_question_save(
    *,
    actor: User,
    region: Region,
    text: str,
    kind: str,
    help_text: str = "",
    options: str | list[dict[str, str]] = "",
    required: bool = False,
    active: bool = True,
    question: StandardQuestion | None = None,
) -> StandardQuestion:
    """Add the region's own standard question, or change one (never a national one)."""
    _require_region(actor, region.pk)
    if question is not None and question.region_id != region.pk:
        raise PermissionDenied
    fields = _question_fields(text=text, help_text=help_text, kind=kind, options=options)
    if question is None:
        last = StandardQuestion.objects.filter(region=region).order_by("-position").first()
        question = StandardQuestion(
            region=region,
            code=_free_code(region, fields["text"]),
            position=(last.position + 10) if last else 100,
        )
        before: dict[str, Any] = {}
    else:
        before = {
            "text": question.text,
            "kind": question.kind,
            "required": question.required,
            "active": question.active,
        }
    for name, value in fields.items():
        setattr(question, name, value)
    question.required = bool(required)
    question.active = bool(active)
    question.save()
    after = {
        "text": question.text,
        "kind": question.kind,
        "required": question.required,
        "active": question.active,
    }
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_QUESTION_SAVE,
        obj=question,
        region=region,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    return question


def active_questions(region: Region) -> list[StandardQuestion]:
    """The questions a new survey of the region asks: the national set, then the region's."""
    national = list(StandardQuestion.objects.filter(region=None, active=True).order_by("position"))
    own = list(StandardQuestion.objects.filter(region=region, active=True).order_by("position"))
    return [*national, *own]


def _check_survey_fields(
    *, title: str, intro: str, opens_on: dt.date | None, closes_on: dt.date | None
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    title, intro = (title or "").strip(), (intro or "").strip()
    if not title:
        errors["title"] = [_("title: give the survey a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("title: at most %(max)s characters.") % {"max": TITLE_MAX}]
    if len(intro) > NOTE_MAX:
        errors["intro"] = [_("introduction: at most %(max)s characters.") % {"max": NOTE_MAX}]
    for name, day in (("opens_on", opens_on), ("closes_on", closes_on)):
        if day is not None and not params.FIRST_DATE <= day <= params.LAST_DATE:
            errors[name] = [params.date_window_message()]
    if opens_on and closes_on and closes_on < opens_on and "closes_on" not in errors:
        errors["closes_on"] = [_("closes on: choose a day on or after the opening day.")]
    if errors:
        raise ValidationError(errors)
    return {"title": title, "intro": intro, "opens_on": opens_on, "closes_on": closes_on}


#: The open link's key: short lower-case letters and digits a resident can type from the
#: letter, without look-alikes (no i, l, o, 0, 1). 31^8 ≈ 850 billion keys; answering still
#: needs the open link allowed or a personal code. Older, longer keys keep working.
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 (an alphabet, no secret)
TOKEN_LENGTH = 8


def new_token() -> str:
    """A fresh, unused survey key such as "k7mpx3qd"."""
    while True:
        token = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
        if not Survey.objects.filter(token=token).exists():
            return token


@transaction.atomic
def survey_create(
    *,
    actor: User,
    region: Region,
    incident: Incident,
    title: str,
    intro: str = "",
    open_link: bool = True,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> Survey:
    """A survey of one of the region's incidents, in preparation, asking the active national
    and regional standard questions (copied: later edits to the set do not change it)."""
    _require_region(actor, region.pk)
    if incident.region_id != region.pk:
        raise ValidationError({"incident": [_("incident: choose an incident of this region.")]})
    fields = _check_survey_fields(title=title, intro=intro, opens_on=opens_on, closes_on=closes_on)
    survey = Survey.objects.create(
        region=region,
        incident=incident,
        token=new_token(),
        open_link=bool(open_link),
        created_by=actor,
        **fields,
    )
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            code=q.code,
            position=(n + 1) * 10,
            text=q.text,
            help_text=q.help_text,
            kind=q.kind,
            options=q.options,
            required=q.required,
        )
        for n, q in enumerate(active_questions(region))
    )
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_SAVE,
        obj=survey,
        region=region,
        changes={"incident": [None, str(incident)], "title": [None, survey.title]},
    )
    return survey


@transaction.atomic
def survey_update(
    *,
    actor: User,
    survey: Survey,
    title: str,
    intro: str = "",
    open_link: bool = True,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> Survey:
    """Change a survey's title, introduction, open link and days."""
    _require_region(actor, survey.region_id)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    fields = _check_survey_fields(title=title, intro=intro, opens_on=opens_on, closes_on=closes_on)
    before = {k: getattr(survey, k) for k in (*fields, "open_link")}
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.open_link = bool(open_link)
    survey.save()
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_SAVE,
        obj=survey,
        region=survey.region,
        changes={
            k: [str(v), str(getattr(survey, k))]
            for k, v in before.items()
            if v != getattr(survey, k)
        },
    )
    return survey


#: Which status may follow which.
NEXT_STATUS = {SurveyStatus.DRAFT: SurveyStatus.OPEN, SurveyStatus.OPEN: SurveyStatus.CLOSED}


@transaction.atomic
def survey_set_status(*, actor: User, survey: Survey, status: str) -> Survey:
    """Open a survey in preparation, or close an open one. Closing deletes the invitations'
    addresses (street, postcode, place), keeping the four digits of the postcode."""
    _require_region(actor, survey.region_id)
    survey = Survey.objects.select_for_update().select_related("region").get(pk=survey.pk)
    if NEXT_STATUS.get(SurveyStatus(survey.status)) != status:
        raise ValidationError(
            {
                "status": [
                    _("status: a survey %(now)s cannot become %(next)s.")
                    % {
                        "now": SurveyStatus(survey.status).label,
                        "next": SurveyStatus(status).label
                        if status in SurveyStatus.values
                        else status,
                    }
                ]
            }
        )
    before = survey.status
    survey.status = status
    survey.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_STATUS,
        obj=survey,
        region=survey.region,
        changes={"status": [before, status]},
    )
    if status == SurveyStatus.CLOSED:
        addresses_delete(actor=actor, survey=survey)
    return survey


@transaction.atomic
def addresses_delete(*, actor: User | None, survey: Survey) -> int:
    """Delete the invitations' addresses (kept: the postcode area); how many were deleted."""
    if actor is not None:
        _require_region(actor, survey.region_id)
    deleted = (
        Invitation.objects.filter(survey=survey)
        .exclude(street="", postcode="", place="")
        .update(street="", postcode="", place="")
    )
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_ADDRESSES_DELETE,
        obj=survey,
        region=survey.region,
        changes={"addresses": [deleted, 0]},
    )
    return deleted


_AREA = re.compile(r"^[1-9]\d{3}$")


def is_area(text: str) -> bool:
    """Four digits of a Dutch postcode (1000–9999)."""
    return bool(_AREA.match(text or ""))


def results_export(
    *, actor: User, survey: Survey, responses: QuerySet[Response] | None = None
) -> bytes:
    """The survey's responses (`responses`: the page's filter) as CSV: one header row, one
    row per response; cells that a spreadsheet would run as a formula are made text; audited.
    An exercise is marked in the file name (the view), not in a line above the header."""
    _require_region(actor, survey.region_id)
    header, rows = export_rows(survey, responses)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.SURVEY_RESULTS_EXPORT,
            obj=survey,
            region=survey.region,
            changes={"responses": len(rows)},
        )
    return csv_bytes(header, rows)
