"""What happens inside an IAC case: questions and needs with their answers, contact moments
(phone, walk-in desk, home visit, mail or letter), follow-ups with a due date, and referrals
to other organisations. Each checks `access.can_iac`, an open incident and an open case,
writes its audit entry and marks the case as changed."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.aftercare.access import can_iac
from oranje.aftercare.constants import (
    NAME_MAX,
    NOTE_MAX,
    ContactKind,
    QuestionStatus,
    ReferralTo,
    Theme,
)
from oranje.aftercare.models import IacCase, IacContact, IacFollowUp, IacQuestion, IacReferral
from oranje.aftercare.services.iac import (
    _audit,
    clean_text,
    locked_case,
    require_case_open,
    require_iac,
)
from oranje.core import params
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User

#: How far ahead of the server's clock a contact's time may be (a tablet's clock runs fast).
CLOCK_SLACK = dt.timedelta(minutes=5)
#: How long before the incident's start a contact may lie (the evening before the flood).
EARLIEST = dt.timedelta(days=1)

THEME_REQUIRED = gettext_lazy("theme: choose one of the themes.")
QUESTION_REQUIRED = gettext_lazy("question: say what the household asks or needs.")
ANSWER_REQUIRED = gettext_lazy("answer: give the answer.")
KIND_UNKNOWN = gettext_lazy("kind: choose phone, walk-in desk, home visit or e-mail or letter.")
SUMMARY_REQUIRED = gettext_lazy("summary: say what was discussed.")
AT_TOO_EARLY = gettext_lazy("when: %(at)s is before the incident began (%(start)s).")
AT_FUTURE = gettext_lazy("when: %(at)s lies in the future.")
TEXT_REQUIRED = gettext_lazy("what: say what has to be done.")
DUE_BEFORE_START = gettext_lazy("due date: %(day)s is before the incident began.")
ASSIGNEE_REFUSED = gettext_lazy("assigned to: this person does not work the IAC of this incident.")
FOLLOW_UP_DONE = gettext_lazy("This follow-up is already done.")
REFERRAL_UNKNOWN = gettext_lazy("referred to: choose one of the organisations.")
ORGANISATION_REQUIRED = gettext_lazy("organisation: name the organisation for 'other'.")


def _moment(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "j-n-Y H:i")


def _working(actor: User, case: IacCase) -> IacCase:
    locked = locked_case(case)
    require_iac(actor, locked.incident)
    require_case_open(locked)
    return locked


def _touch(case: IacCase) -> None:
    case.updated_at = timezone.now()
    IacCase.objects.filter(pk=case.pk).update(updated_at=case.updated_at)


@transaction.atomic
def question_add(*, actor: User, case: IacCase, theme: str, text: str) -> IacQuestion:
    """A question or need of the household; its theme joins the case's themes."""
    case = _working(actor, case)
    errors: dict[str, list[str]] = {}
    if theme not in Theme.values:
        errors["theme"] = [str(THEME_REQUIRED)]
    clean = ""
    try:
        clean = clean_text(text, field_name="text", label=_("question or need"), maximum=NOTE_MAX)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not clean and "text" not in errors:
        errors["text"] = [str(QUESTION_REQUIRED)]
    if errors:
        raise ValidationError(errors)
    question = IacQuestion.objects.create(case=case, theme=theme, text=clean, created_by=actor)
    if theme not in (case.themes or []):
        themes = {*case.themes, theme}
        case.themes = [t for t in Theme.values if t in themes]
        IacCase.objects.filter(pk=case.pk).update(themes=case.themes)
    _touch(case)
    _audit(actor, case, AuditAction.IAC_CASE_SAVE, changes={"question": theme}, note="vraag")
    return question


@transaction.atomic
def question_answer(*, actor: User, question: IacQuestion, answer: str) -> IacQuestion:
    case = _working(actor, question.case)
    question = IacQuestion.objects.select_for_update().get(pk=question.pk, case=case)
    clean = clean_text(answer, field_name="answer", label=_("answer"), maximum=NOTE_MAX)
    if not clean:
        raise ValidationError({"answer": [str(ANSWER_REQUIRED)]})
    question.answer = clean
    question.status = QuestionStatus.ANSWERED
    question.answered_at = timezone.now()
    question.save()
    _touch(case)
    _audit(
        actor,
        case,
        AuditAction.IAC_CASE_SAVE,
        changes={"question": question.pk, "status": QuestionStatus.ANSWERED.value},
        note="antwoord",
    )
    return question


@transaction.atomic
def contact_add(
    *, actor: User, case: IacCase, kind: str, at: dt.datetime | None, summary: str
) -> IacContact:
    """A contact moment; `at` defaults to now and lies between the incident's start and
    now."""
    case = _working(actor, case)
    errors: dict[str, list[str]] = {}
    if kind not in ContactKind.values:
        errors["kind"] = [str(KIND_UNKNOWN)]
    moment = at or timezone.now()
    start = case.incident.started_at
    if moment < start - EARLIEST:
        errors["at"] = [str(AT_TOO_EARLY % {"at": _moment(moment), "start": _moment(start)})]
    elif moment > timezone.now() + CLOCK_SLACK:
        errors["at"] = [str(AT_FUTURE % {"at": _moment(moment)})]
    clean = ""
    try:
        clean = clean_text(summary, field_name="summary", label=_("summary"), maximum=NOTE_MAX)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not clean and "summary" not in errors:
        errors["summary"] = [str(SUMMARY_REQUIRED)]
    if errors:
        raise ValidationError(errors)
    contact = IacContact.objects.create(
        case=case,
        kind=kind,
        at=moment,
        summary=clean,
        by=actor,
        by_name=(actor.get_full_name() or actor.get_username())[:NAME_MAX],
    )
    _touch(case)
    _audit(actor, case, AuditAction.IAC_CONTACT, changes={"kind": kind})
    return contact


@transaction.atomic
def follow_up_add(
    *,
    actor: User,
    case: IacCase,
    due_on: dt.date,
    text: str,
    assigned_to: User | None = None,
) -> IacFollowUp:
    """Something to do for the household by a date (from the incident's start on), perhaps
    for a colleague of the IAC."""
    case = _working(actor, case)
    errors: dict[str, list[str]] = {}
    try:
        params.check_date_window(due_on, field="due_on")
    except params.InvalidParameter as exc:
        errors["due_on"] = [exc.message]
    else:
        if due_on < timezone.localtime(case.incident.started_at).date():
            errors["due_on"] = [str(DUE_BEFORE_START % {"day": date_format(due_on, "j-n-Y")})]
    clean = ""
    try:
        clean = clean_text(text, field_name="text", label=_("what"), maximum=NAME_MAX)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not clean and "text" not in errors:
        errors["text"] = [str(TEXT_REQUIRED)]
    if assigned_to is not None and not can_iac(assigned_to, case.incident):
        errors["assigned_to"] = [str(ASSIGNEE_REFUSED)]
    if errors:
        raise ValidationError(errors)
    follow_up = IacFollowUp.objects.create(
        case=case, due_on=due_on, text=clean, assigned_to=assigned_to, created_by=actor
    )
    _touch(case)
    _audit(
        actor,
        case,
        AuditAction.IAC_FOLLOW_UP,
        changes={"due_on": due_on.isoformat(), "assigned": assigned_to is not None},
        note="vervolgactie",
    )
    return follow_up


@transaction.atomic
def follow_up_done(*, actor: User, follow_up: IacFollowUp) -> IacFollowUp:
    case = _working(actor, follow_up.case)
    follow_up = IacFollowUp.objects.select_for_update().get(pk=follow_up.pk, case=case)
    if follow_up.done_at is not None:
        raise ValidationError(str(FOLLOW_UP_DONE), code="done")
    follow_up.done_at = timezone.now()
    follow_up.done_by = actor
    follow_up.save(update_fields=["done_at", "done_by"])
    _touch(case)
    _audit(
        actor,
        case,
        AuditAction.IAC_FOLLOW_UP,
        changes={"follow_up": follow_up.pk, "done": True},
        note="afgerond",
    )
    return follow_up


@transaction.atomic
def referral_add(
    *, actor: User, case: IacCase, to: str, organisation: str = "", note: str = ""
) -> IacReferral:
    """The household was referred to another organisation (an insurer, the GGD, …)."""
    case = _working(actor, case)
    errors: dict[str, list[str]] = {}
    if to not in ReferralTo.values:
        errors["to"] = [str(REFERRAL_UNKNOWN)]
    name = text = ""
    try:
        name = clean_text(
            organisation, field_name="organisation", label=_("organisation"), maximum=NAME_MAX
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        text = clean_text(note, field_name="note", label=_("note"), maximum=NOTE_MAX)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if to == ReferralTo.OTHER and not name and "organisation" not in errors:
        errors["organisation"] = [str(ORGANISATION_REQUIRED)]
    if errors:
        raise ValidationError(errors)
    referral = IacReferral.objects.create(case=case, to=to, organisation=name, note=text, by=actor)
    _touch(case)
    _audit(actor, case, AuditAction.IAC_REFERRAL, changes={"to": to})
    return referral
