"""The Q&A list of an incident: questions and approved answers for the information line, the
registry's operators and (when marked public) the public page.

Every change of the text is a version (QAVersion: who, when, what). An item is written as a
draft and approved by someone who may communicate. **An approved item that is changed keeps
its approved text live** — the information line and the public page go on reading it — and
the change waits as a new draft version until it is approved; then it replaces the approved
text. So the item's `question`/`answer`/`version` are always the text people read (the
approved one once there is one), and a waiting change is the newest QAVersion with a higher
number (`pending_version`). Only approved items may be public; a withdrawn item is neither
read nor public.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from oranje.communication.access import can_communicate
from oranje.communication.constants import ANSWER_MAX, QUESTION_MAX, ReviewStatus
from oranje.communication.models import QAItem, QAVersion
from oranje.communication.public import public_page_forget_for
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import incident_lock, require_open

QUESTION_REQUIRED = gettext_lazy("question: write the question as people ask it.")
ANSWER_REQUIRED = gettext_lazy("answer: write the answer.")
QUESTION_TOO_LONG = gettext_lazy("question: at most %(max)s characters (now %(length)s).")
ANSWER_TOO_LONG = gettext_lazy("answer: at most %(max)s characters (now %(length)s).")
NOTHING_TO_APPROVE = gettext_lazy("status: this question and answer is already approved.")
PUBLIC_NOT_APPROVED = gettext_lazy(
    "public: only an approved question and answer can go on the public page."
)
PUBLIC_RETIRED = gettext_lazy(
    "public: a withdrawn question and answer cannot go on the public page."
)
RETIRED = gettext_lazy("retired: this question and answer is withdrawn; put it back first.")
POSITION_RANGE = gettext_lazy("position: give a place from 1 to %(max)s.")


def _public_changed(item: QAItem) -> None:
    """The public page shows approved public items: after the commit it forgets its kept
    copy, so the change shows at once."""
    incident = item.incident
    transaction.on_commit(lambda: public_page_forget_for(incident))


def _name(actor: User) -> str:
    return (actor.get_full_name() or actor.get_username())[:150]


def _check_text(question: str, answer: str) -> None:
    errors: dict[str, list[str]] = {}
    if not question:
        errors["question"] = [str(QUESTION_REQUIRED)]
    elif len(question) > QUESTION_MAX:
        errors["question"] = [
            str(QUESTION_TOO_LONG % {"max": QUESTION_MAX, "length": len(question)})
        ]
    if not answer:
        errors["answer"] = [str(ANSWER_REQUIRED)]
    elif len(answer) > ANSWER_MAX:
        errors["answer"] = [str(ANSWER_TOO_LONG % {"max": ANSWER_MAX, "length": len(answer)})]
    if errors:
        raise ValidationError(errors)


def pending_version(item: QAItem) -> QAVersion | None:
    """The change that waits for approval on an approved item (None if there is none)."""
    if item.status != ReviewStatus.APPROVED:
        return None
    return item.versions.filter(number__gt=item.version).order_by("-number").first()


def _write_version(item: QAItem, actor: User, number: int, question: str, answer: str) -> None:
    QAVersion.objects.create(
        item=item,
        number=number,
        question=question,
        answer=answer,
        changed_at=timezone.now(),
        changed_by=actor,
        changed_by_name=_name(actor),
    )


@transaction.atomic
def qa_create(*, incident: Incident, actor: User, question: str, answer: str) -> QAItem:
    """A new question and answer, as a draft at the end of the list."""
    core_access.require(can_communicate(actor, incident))
    require_open(incident)
    question, answer = question.strip(), answer.strip()
    _check_text(question, answer)
    incident_lock(incident.pk)
    last = QAItem.objects.filter(incident=incident).aggregate(m=Max("position"))["m"] or 0
    item = QAItem.objects.create(
        incident=incident,
        position=last + 1,
        question=question,
        answer=answer,
        version=1,
        updated_at=timezone.now(),
        updated_by=actor,
    )
    _write_version(item, actor, 1, question, answer)
    audit_record(
        actor=actor,
        action=AuditAction.QA_SAVE,
        obj=item,
        region=incident.region,
        changes={"version": [None, 1], "status": [None, item.status]},
    )
    return item


def _locked(item: QAItem) -> QAItem:
    incident_lock(item.incident_id)
    return (
        QAItem.objects.select_for_update(of=("self",))
        .select_related("incident", "incident__region")
        .get(pk=item.pk)
    )


def _guard(item: QAItem, actor: User) -> None:
    core_access.require(can_communicate(actor, item.incident))
    require_open(item.incident)


@transaction.atomic
def qa_update(*, item: QAItem, actor: User, question: str, answer: str) -> QAItem:
    """Change the text: a new version. A draft takes it at once; an approved item keeps its
    approved text live and the change waits for approval."""
    item = _locked(item)
    _guard(item, actor)
    if item.retired:
        raise ValidationError({"retired": [str(RETIRED)]})
    question, answer = question.strip(), answer.strip()
    _check_text(question, answer)
    pending = pending_version(item)
    current = (pending.question, pending.answer) if pending else (item.question, item.answer)
    if (question, answer) == current:
        return item
    number = (item.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    _write_version(item, actor, number, question, answer)
    if item.status == ReviewStatus.DRAFT:
        item.question, item.answer, item.version = question, answer, number
    item.updated_at = timezone.now()
    item.updated_by = actor
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.QA_SAVE,
        obj=item,
        region=item.incident.region,
        changes={
            "version": [number - 1, number],
            "waiting_for_approval": [None, item.status == ReviewStatus.APPROVED],
        },
    )
    return item


@transaction.atomic
def qa_approve(*, item: QAItem, actor: User) -> QAItem:
    """Approve the draft, or the change waiting on an approved item: its text becomes what
    people read."""
    item = _locked(item)
    _guard(item, actor)
    if item.retired:
        raise ValidationError({"retired": [str(RETIRED)]})
    pending = pending_version(item)
    if item.status == ReviewStatus.APPROVED and pending is None:
        raise ValidationError({"status": [str(NOTHING_TO_APPROVE)]})
    before = item.version
    if pending is not None:
        item.question, item.answer, item.version = pending.question, pending.answer, pending.number
    item.status = ReviewStatus.APPROVED
    item.approved_at = timezone.now()
    item.approved_by = actor
    item.updated_at = item.approved_at
    item.updated_by = actor
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.QA_APPROVE,
        obj=item,
        region=item.incident.region,
        changes={"version": [before, item.version], "status": [None, ReviewStatus.APPROVED]},
    )
    if item.public:
        _public_changed(item)
    return item


@transaction.atomic
def qa_set_public(*, item: QAItem, actor: User, public: bool) -> QAItem:
    """On or off the public page; on only when approved and not withdrawn."""
    item = _locked(item)
    _guard(item, actor)
    if public and item.retired:
        raise ValidationError({"public": [str(PUBLIC_RETIRED)]})
    if public and item.status != ReviewStatus.APPROVED:
        raise ValidationError({"public": [str(PUBLIC_NOT_APPROVED)]})
    if item.public == public:
        return item
    item.public = public
    item.updated_at = timezone.now()
    item.updated_by = actor
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.QA_SAVE,
        obj=item,
        region=item.incident.region,
        changes={"public": [not public, public]},
    )
    _public_changed(item)
    return item


@transaction.atomic
def qa_retire(*, item: QAItem, actor: User, retired: bool = True) -> QAItem:
    """Withdraw an item (it leaves the lists people read and the public page), or put it
    back (off the public page until someone puts it there again)."""
    item = _locked(item)
    _guard(item, actor)
    if item.retired == retired:
        return item
    changes: dict[str, list[object]] = {"retired": [item.retired, retired]}
    item.retired = retired
    if retired and item.public:
        changes["public"] = [True, False]
        item.public = False
        _public_changed(item)
    item.updated_at = timezone.now()
    item.updated_by = actor
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.QA_SAVE,
        obj=item,
        region=item.incident.region,
        changes=changes,
    )
    return item


@transaction.atomic
def qa_move(*, item: QAItem, actor: User, position: int) -> QAItem:
    """Put the item at `position` (1 = first) of the incident's list; the others close up."""
    item = _locked(item)
    _guard(item, actor)
    others = list(
        QAItem.objects.filter(incident_id=item.incident_id)
        .exclude(pk=item.pk)
        .order_by("position", "pk")
    )
    if not 1 <= position <= len(others) + 1:
        raise ValidationError({"position": [str(POSITION_RANGE % {"max": len(others) + 1})]})
    before = item.position
    others.insert(position - 1, item)
    for number, row in enumerate(others, start=1):
        if row.position != number:
            QAItem.objects.filter(pk=row.pk).update(position=number)
            row.position = number
    item.updated_at = timezone.now()
    item.updated_by = actor
    item.save(update_fields=["updated_at", "updated_by"])
    if before != item.position:
        audit_record(
            actor=actor,
            action=AuditAction.QA_SAVE,
            obj=item,
            region=item.incident.region,
            changes={"position": [before, item.position]},
        )
    return item
