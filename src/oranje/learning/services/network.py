"""The national network: its directory, its bodies' meetings (with documents, minutes and
decisions) and the advisory questions to the national board.

Every member reads all of it; the national quality monitors and administrators write the
meetings and advisory questions (`access.require_national`), and a region's coordinators and
administrators keep their own region's people in the directory (`access.can_keep_member`).
A document is checked by its content (`quality.evidence`: PDF, Office without macros,
OpenDocument, PNG, JPEG; at most 10 MB); opening one is audited. Every write is one
transaction with an audit entry."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.learning import access
from oranje.learning.constants import (
    ADDRESS_MAX,
    FIRST_YEAR,
    LAST_YEAR,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AdviceKind,
    AdviceStatus,
    Body,
    MeetingStatus,
    NetworkRole,
)
from oranje.learning.models import (
    AdvisoryQuestion,
    Meeting,
    MeetingDecision,
    MeetingDocument,
    NetworkMember,
)
from oranje.quality import evidence

#: Roles held for a region (the others are national places).
REGIONAL_ROLES = frozenset({NetworkRole.SECRETARY, NetworkRole.OFFICIAL, NetworkRole.COORDINATOR})
MEMBER_FIELDS = [
    "name",
    "role",
    "region",
    "organisation",
    "portfolio",
    "bodies",
    "email",
    "phone",
    "since",
    "until",
]
MEETING_FIELDS = ["body", "held_on", "place", "theme", "agenda", "minutes", "status"]
ADVICE_FIELDS = [
    "kind",
    "title",
    "question",
    "asked_on",
    "owner",
    "owner_name",
    "deadline",
    "answer",
    "answered_on",
    "meeting",
    "status",
    "note",
]
PHONE_MAX = 20
#: The text of a meeting's minutes.
MINUTES_MAX = TEXT_MAX * 4


def _text(
    errors: dict[str, list[str]],
    name: str,
    label: str,
    value: str,
    limit: int,
    *,
    required: str = "",
) -> str:
    value = (value or "").strip()
    if not value and required:
        errors[name] = [required]
    elif len(value) > limit:
        errors[name] = [
            _("%(field)s: at most %(max)s characters.") % {"field": label, "max": limit}
        ]
    return value


def _day(errors: dict[str, list[str]], name: str, label: str, day: dt.date | None) -> None:
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        errors[name] = [
            _("%(field)s: choose a day from %(first)s to %(last)s.")
            % {"field": label, "first": FIRST_YEAR, "last": LAST_YEAR}
        ]


def _choice(errors: dict[str, list[str]], name: str, label: str, value: str, choices: Any) -> None:
    if value not in choices.values:
        errors[name] = [_("%(field)s: choose one from the list.") % {"field": label}]


def is_current(member: NetworkMember, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return member.until is None or member.until >= today


# --- the directory -------------------------------------------------------------------------


@transaction.atomic
def member_save(
    *,
    actor: User,
    member: NetworkMember | None = None,
    name: str,
    role: str,
    region: Region | None = None,
    organisation: str = "",
    portfolio: str = "",
    bodies: Iterable[str] = (),
    email: str = "",
    phone: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> NetworkMember:
    """Add a line to the directory (`member` None) or change one. The user keeps the line's
    region (the old and the new); a secretary, official or coordinator holds a place for a
    region, a portfolio holder names the portfolio."""
    if member is not None:
        member = NetworkMember.objects.select_for_update().get(pk=member.pk)
        core_access.require(access.can_keep_member(actor, member.region_id))
    core_access.require(access.can_keep_member(actor, region.pk if region else None))
    errors: dict[str, list[str]] = {}
    name = _text(errors, "name", _("name"), name, NAME_MAX, required=_("name: say who it is."))
    _choice(errors, "role", _("role"), role, NetworkRole)
    if role in REGIONAL_ROLES and region is None:
        errors["region"] = [
            _("region: a secretary, official or coordinator holds a region's place.")
        ]
    organisation = _text(errors, "organisation", _("organisation"), organisation, NAME_MAX)
    portfolio = _text(errors, "portfolio", _("portfolio"), portfolio, TITLE_MAX)
    if role == NetworkRole.PORTFOLIO and not portfolio and "portfolio" not in errors:
        errors["portfolio"] = [_("portfolio: name the portfolio this portfolio holder has.")]
    chosen = sorted(set(bodies))
    if any(b not in Body.values for b in chosen):
        errors["bodies"] = [_("bodies: choose from the list.")]
    email = _text(errors, "email", _("email"), email, NAME_MAX)
    if email and "email" not in errors:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = [_("email: give an email address such as naam@gemeente.nl.")]
    phone = _text(errors, "phone", _("phone"), phone, PHONE_MAX)
    if phone and not all(c.isdigit() or c in "+-() " for c in phone):
        errors["phone"] = [_("phone: digits, spaces and + - ( ) only.")]
    _day(errors, "since", _("since"), since)
    _day(errors, "until", _("until"), until)
    if since and until and until < since and "until" not in errors:
        errors["until"] = [_("until: the day they left lies before the day they started.")]
    if errors:
        raise ValidationError(errors)
    new = member is None
    if member is None:
        member = NetworkMember()
    before = {} if new else snapshot(member, MEMBER_FIELDS)
    member.name, member.role, member.region = name, role, region
    member.organisation, member.portfolio, member.bodies = organisation, portfolio, chosen
    member.email, member.phone, member.since, member.until = email, phone, since, until
    member.save()
    audit_record(
        actor=actor,
        action=AuditAction.NETWORK_MEMBER_SAVE,
        obj=member,
        region=region,
        changes=diff(before, snapshot(member, MEMBER_FIELDS)),
    )
    return member


# --- meetings ------------------------------------------------------------------------------


@transaction.atomic
def meeting_save(
    *,
    actor: User,
    meeting: Meeting | None = None,
    body: str,
    held_on: dt.date | None,
    status: str = MeetingStatus.PLANNED,
    place: str = "",
    theme: str = "",
    agenda: str = "",
    minutes: str = "",
) -> Meeting:
    """Plan a meeting of a body (`meeting` None) or change one (its minutes, its status).
    A meeting is recorded as held only on or after its day."""
    access.require_national(actor)
    if meeting is not None:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors: dict[str, list[str]] = {}
    _choice(errors, "body", _("body"), body, Body)
    _choice(errors, "status", _("status"), status, MeetingStatus)
    if held_on is None:
        errors["held_on"] = [_("date: say when the meeting is (or was) held.")]
    else:
        _day(errors, "held_on", _("date"), held_on)
        if (
            "held_on" not in errors
            and status == MeetingStatus.HELD
            and held_on > timezone.localdate()
        ):
            errors["status"] = [_("status: a meeting still to come cannot have been held.")]
    place = _text(errors, "place", _("place"), place, ADDRESS_MAX)
    theme = _text(errors, "theme", _("theme"), theme, TITLE_MAX)
    agenda = _text(errors, "agenda", _("agenda"), agenda, TEXT_MAX)
    minutes = _text(errors, "minutes", _("minutes of the meeting"), minutes, MINUTES_MAX)
    if errors:
        raise ValidationError(errors)
    new = meeting is None
    if meeting is None:
        meeting = Meeting(created_by=actor)
    before = {} if new else snapshot(meeting, MEETING_FIELDS)
    meeting.body, meeting.held_on, meeting.status = body, held_on, status  # type: ignore[assignment]
    meeting.place, meeting.theme, meeting.agenda, meeting.minutes = place, theme, agenda, minutes
    meeting.save()
    changes = diff(before, snapshot(meeting, MEETING_FIELDS))
    if "minutes" in changes:  # long text: say that it changed, not what it says
        changes["minutes"] = [len(before.get("minutes") or ""), len(minutes)]
    audit_record(actor=actor, action=AuditAction.MEETING_SAVE, obj=meeting, changes=changes)
    return meeting


@transaction.atomic
def meeting_document_add(
    *, actor: User, meeting: Meeting, title: str, upload: IO[bytes] | None, upload_name: str = ""
) -> MeetingDocument:
    """Add a document (agenda, memo, minutes) to a meeting: recognised by its content."""
    access.require_national(actor)
    errors: dict[str, list[str]] = {}
    title = _text(
        errors, "title", _("title"), title, TITLE_MAX, required=_("title: name the document.")
    )
    kind = None
    data = b""
    if upload is None:
        errors["file"] = [_("file: choose a file.")]
    else:
        read = evidence.read_limited(upload)
        if read is None:
            errors["file"] = [_("file: a file may be at most 10 MB.")]
        elif not read:
            errors["file"] = [_("file: the file is empty.")]
        else:
            data = read
            kind = evidence.sniff(data)
            if kind is None:
                errors["file"] = [
                    _(
                        "file: only PDF, Word, Excel, PowerPoint, OpenDocument (without "
                        "macros), PNG and JPEG files are accepted."
                    )
                ]
    if errors or kind is None:
        raise ValidationError(errors)
    document = MeetingDocument(
        meeting=meeting,
        title=title,
        content_type=kind.content_type,
        size=len(data),
        uploaded_by=actor,
    )
    stored = evidence.safe_name(upload_name or title, kind.extension)
    document.file.save(f"{uuid.uuid4().hex[:12]}-{stored}"[:100], ContentFile(data), save=False)
    document.save()
    audit_record(
        actor=actor,
        action=AuditAction.MEETING_DOCUMENT_ADD,
        obj=document,
        note=f"{meeting}: {title} ({len(data)} bytes)"[:500],
    )
    return document


def document_download_name(document: MeetingDocument) -> str:
    extension = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else "bin"
    return evidence.safe_name(document.title, extension)


@transaction.atomic
def meeting_document_read(*, actor: User, document: MeetingDocument) -> None:
    """Opening a meeting's document is audited."""
    access.require_member(actor)
    audit_record(
        actor=actor,
        action=AuditAction.MEETING_DOCUMENT_READ,
        obj=document,
        note=str(document.meeting)[:500],
    )


@transaction.atomic
def meeting_decision_add(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    owner: str = "",
    deadline: dt.date | None = None,
) -> MeetingDecision:
    access.require_national(actor)
    errors: dict[str, list[str]] = {}
    text = _text(
        errors, "text", _("decision"), text, NOTE_MAX, required=_("decision: say what was decided.")
    )
    owner = _text(errors, "owner", _("owner"), owner, NAME_MAX)
    _day(errors, "deadline", _("deadline"), deadline)
    if errors:
        raise ValidationError(errors)
    decision = MeetingDecision.objects.create(
        meeting=meeting, text=text, owner=owner, deadline=deadline
    )
    audit_record(
        actor=actor,
        action=AuditAction.MEETING_DECISION_SAVE,
        obj=decision,
        note=f"{meeting}"[:500],
    )
    return decision


# --- advisory questions --------------------------------------------------------------------


@transaction.atomic
def advice_save(
    *,
    actor: User,
    advice: AdvisoryQuestion | None = None,
    kind: str,
    title: str,
    question: str,
    asked_on: dt.date | None,
    owner: NetworkMember | None = None,
    owner_name: str = "",
    deadline: dt.date | None = None,
    answer: str = "",
    answered_on: dt.date | None = None,
    meeting: Meeting | None = None,
    status: str = AdviceStatus.OPEN,
    note: str = "",
) -> AdvisoryQuestion:
    """Record an advisory question (asked by the board, or advice given unasked) or change
    one. The owner is a current line of the directory (or a name); an answered question
    has its answer (and the day, today when not given)."""
    access.require_national(actor)
    if advice is not None:
        advice = AdvisoryQuestion.objects.select_for_update().get(pk=advice.pk)
    errors: dict[str, list[str]] = {}
    _choice(errors, "kind", _("kind"), kind, AdviceKind)
    _choice(errors, "status", _("status"), status, AdviceStatus)
    title = _text(
        errors,
        "title",
        _("title"),
        title,
        TITLE_MAX,
        required=_("title: give the question a title."),
    )
    question = _text(
        errors,
        "question",
        _("question"),
        question,
        TEXT_MAX,
        required=_("question: write down what is asked (or advised)."),
    )
    if asked_on is None:
        errors["asked_on"] = [_("asked on: say when the question was asked.")]
    else:
        _day(errors, "asked_on", _("asked on"), asked_on)
    kept = advice is not None and owner is not None and advice.owner_id == owner.pk
    if owner is not None and not kept and not is_current(owner):
        errors["owner"] = [_("owner: choose someone who is in the network now.")]
    owner_name = _text(errors, "owner_name", _("owner"), owner_name, NAME_MAX)
    if owner is not None and not owner_name:
        owner_name = owner.name[:NAME_MAX]
    _day(errors, "deadline", _("deadline"), deadline)
    if deadline and asked_on and deadline < asked_on and "deadline" not in errors:
        errors["deadline"] = [_("deadline: the deadline lies before the day it was asked.")]
    answer = _text(errors, "answer", _("answer"), answer, TEXT_MAX)
    if status == AdviceStatus.ANSWERED and not answer and "answer" not in errors:
        errors["answer"] = [_("answer: write the answer down before marking it answered.")]
    _day(errors, "answered_on", _("answered on"), answered_on)
    if status == AdviceStatus.ANSWERED and answered_on is None:
        answered_on = timezone.localdate()
    note = _text(errors, "note", _("note"), note, NOTE_MAX)
    if errors:
        raise ValidationError(errors)
    new = advice is None
    if advice is None:
        advice = AdvisoryQuestion(created_by=actor)
    before = {} if new else snapshot(advice, ADVICE_FIELDS)
    advice.kind, advice.title, advice.question = kind, title, question
    advice.asked_on, advice.owner, advice.owner_name = asked_on, owner, owner_name  # type: ignore[assignment]
    advice.deadline, advice.answer, advice.answered_on = deadline, answer, answered_on
    advice.meeting, advice.status, advice.note = meeting, status, note
    advice.save()
    changes = diff(before, snapshot(advice, ADVICE_FIELDS))
    audit_record(actor=actor, action=AuditAction.ADVICE_SAVE, obj=advice, changes=changes)
    return advice
