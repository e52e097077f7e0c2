"""Messages of an incident: draft → approved (by whom, in which role) → published.

- Every saved state of a draft's words is a `MessageVersion` (who, when, a note): version 1 at
  creation, the next one at every change. An approved message that is changed goes back to
  draft and loses its approval: what was approved is exactly what is published.
- A **warning** (what to do) is approved only with an instruction, an event and a usable area
  (a closed ring, `area.area_problem`), and by someone who wrote none of its versions (four
  eyes, `access.four_eyes_ok`). Approving fixes the CAP `sent` moment (`cap_sent`).
- A **published** message is never changed: an update, a correction or a cancellation is a
  new draft that points at it (`message_follow_up`).
- A closed incident's messages are not changed, approved or published: its last word (the
  all-clear) is published before it is closed, as every other write of a closed incident is
  refused (`incidents.services.guards.require_open`).

Every write runs in one transaction under the incident's row lock, checks the writer through
the room's chokepoint (`access.can_communicate`) and leaves an audit entry; publishing adds a
logbook line and, after commit, tells `published_listeners` (the public page clears its cache,
the mailing part offers to send).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.communication.access import approver_role, can_communicate, four_eyes_ok
from oranje.communication.area import area_problem
from oranje.communication.constants import (
    AUDIENCE_MAX,
    INSTRUCTION_MAX,
    NOTE_MAX,
    PUBLIC_KINDS,
    SOCIAL_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CapCategory,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    Goal,
    MessageKind,
    MessageStatus,
    Relation,
)
from oranje.communication.models import Message, MessageVersion
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.constants import EntryKind, Process
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import _locked, require_open
from oranje.incidents.services.logbook import log_append

logger = logging.getLogger(__name__)

#: Called after a message's publication is committed, with the message. The public page
#: clears its cache here, the mailing part offers to send; a listener that fails is logged
#: and does not stop the others (the message is published either way).
published_listeners: list[Callable[[Message], None]] = []

# The messages tests assert on (Dutch in the interface).
NOT_DRAFT_PUBLISHED = gettext_lazy(
    "A published message is never changed: write an update or a correction instead."
)
NOT_DRAFT = gettext_lazy("The message is %(status)s; only a draft can be approved.")
NOT_APPROVED = gettext_lazy(
    "Publishing: the message is not approved yet; it is published only after approval."
)
ALREADY_PUBLISHED = gettext_lazy("The message is already published.")
FOUR_EYES = gettext_lazy(
    "Four eyes: a warning is approved by someone who wrote none of its versions; ask a "
    "colleague to approve it."
)
WARNING_NEEDS_INSTRUCTION = gettext_lazy(
    "What to do: a warning needs an instruction (what people should do)."
)
WARNING_NEEDS_EVENT = gettext_lazy("Event: a warning needs the event it warns for (CAP event).")
FOLLOW_UP_NOT_PUBLISHED = gettext_lazy(
    "Only a published message can be followed by an update, a correction or a cancellation."
)
FOLLOW_UP_CANCELLED = gettext_lazy(
    "The message has been cancelled; a cancelled message is not followed up."
)
FOLLOW_UP_KIND = gettext_lazy("Relation: choose update, correction or cancellation.")
REJECT_NEEDS_REASON = gettext_lazy("Reason: say why the message goes back to draft.")
REJECT_PUBLISHED = gettext_lazy("A published message cannot be sent back to draft.")

#: The follow-ups a published message may get.
FOLLOW_UPS = (Relation.UPDATE, Relation.CORRECTION, Relation.CANCEL)
#: The fields of a version (the words); a change to any of them is a new version.
VERSION_FIELDS = ("title", "text", "instruction", "social_text", "audience")


@dataclass(frozen=True)
class MessageData:
    """What a message says, already parsed (forms, serializers). `area` None: a warning takes
    the incident's affected area; `area_desc` empty: the incident's location."""

    kind: str
    title: str
    text: str
    audience: str = ""
    instruction: str = ""
    social_text: str = ""
    goals: frozenset[str] = field(default_factory=frozenset)
    on_public_page: bool = True
    cap_category: str = CapCategory.SAFETY
    cap_event: str = ""
    cap_urgency: str = CapUrgency.IMMEDIATE
    cap_severity: str = CapSeverity.SEVERE
    cap_certainty: str = CapCertainty.OBSERVED
    area: list[list[float]] | None = None
    area_desc: str = ""

    @classmethod
    def of(cls, message: Message, **changes: Any) -> MessageData:
        """The message's current words and settings, with `changes` applied."""
        values: dict[str, Any] = {
            "kind": message.kind,
            "title": message.title,
            "text": message.text,
            "audience": message.audience,
            "instruction": message.instruction,
            "social_text": message.social_text,
            "goals": frozenset(message.goals),
            "on_public_page": message.on_public_page,
            "cap_category": message.cap_category,
            "cap_event": message.cap_event,
            "cap_urgency": message.cap_urgency,
            "cap_severity": message.cap_severity,
            "cap_certainty": message.cap_certainty,
            "area": message.area,
            "area_desc": message.area_desc,
        }
        return cls(**(values | changes))


def _actor_name(actor: User) -> str:
    return (actor.get_full_name() or actor.get_username())[:150]


def _clean(incident: Incident, data: MessageData) -> dict[str, Any]:
    """The message's field values from `data`, checked; every problem keyed by field."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {
        "title": " ".join(data.title.split()),
        "text": data.text.strip(),
        "audience": data.audience.strip(),
        "instruction": data.instruction.strip(),
        "social_text": data.social_text.strip(),
        "cap_event": data.cap_event.strip(),
        "area_desc": data.area_desc.strip(),
    }
    if data.kind not in MessageKind.values:
        errors["kind"] = [_("Kind: choose one of the kinds of message.")]
    if not values["title"]:
        errors["title"] = [_("Headline: give the message a headline.")]
    if not values["text"]:
        errors["text"] = [_("Text: write what the message says.")]
    limits = {
        "title": (TITLE_MAX, _("Headline")),
        "text": (TEXT_MAX, _("Text")),
        "audience": (AUDIENCE_MAX, _("Audience")),
        "instruction": (INSTRUCTION_MAX, _("What to do (instruction)")),
        "social_text": (SOCIAL_MAX, _("Text for social media")),
        "cap_event": (TITLE_MAX, _("Event")),
        "area_desc": (TITLE_MAX, _("Area description")),
    }
    for name, (limit, label) in limits.items():
        if len(values[name]) > limit:
            errors[name] = [
                _("%(field)s: at most %(limit)s characters (now %(count)s).")
                % {"field": label, "limit": limit, "count": len(values[name])}
            ]
    unknown = set(data.goals) - set(Goal.values)
    if unknown:
        errors["goals"] = [_("Goals: choose from informing, limiting harm and giving meaning.")]
    for name, choices, label in (
        ("cap_category", CapCategory, _("CAP category")),
        ("cap_urgency", CapUrgency, _("Urgency")),
        ("cap_severity", CapSeverity, _("Severity")),
        ("cap_certainty", CapCertainty, _("Certainty")),
    ):
        value = getattr(data, name)
        if value not in choices.values:
            errors[name] = [_("%(field)s: choose one of the values.") % {"field": label}]
        values[name] = value
    area = data.area
    if area is None:
        area = list(incident.area or []) if data.kind == MessageKind.WARNING else []
    if area:
        problem = area_problem(area)
        if problem:
            errors["area"] = [_("Area: %(problem)s") % {"problem": problem}]
    values["area"] = area
    if data.kind == MessageKind.WARNING and not values["area_desc"]:
        values["area_desc"] = (incident.location_text or incident.municipality.name)[:TITLE_MAX]
    if errors:
        raise ValidationError(errors)
    values |= {
        "kind": data.kind,
        "goal_inform": Goal.INFORM in data.goals,
        "goal_limit_harm": Goal.LIMIT_HARM in data.goals,
        "goal_meaning": Goal.MEANING in data.goals,
        "on_public_page": bool(data.on_public_page) and data.kind in PUBLIC_KINDS,
    }
    return values


def _version(message: Message, actor: User, note: str, now: Any) -> MessageVersion:
    return MessageVersion.objects.create(
        message=message,
        number=message.version,
        title=message.title,
        text=message.text,
        instruction=message.instruction,
        social_text=message.social_text,
        audience=message.audience,
        changed_at=now,
        changed_by=actor,
        changed_by_name=_actor_name(actor),
        note=note.strip()[:NOTE_MAX],
    )


def _writable(message: Message, actor: User) -> tuple[Incident, Message]:
    """The incident locked, the message re-read under it; access and open checked."""
    incident = _locked(message.incident)
    core_access.require(can_communicate(actor, incident))
    require_open(incident)
    return incident, Message.objects.select_for_update().get(pk=message.pk)


def _audit(
    actor: User,
    action: AuditAction,
    message: Message,
    incident: Incident,
    *,
    changes: dict[str, list[object]],
    note: str = "",
) -> None:
    """The audit entry of a message write; an exercise's entries say OEFENING."""
    marking = "OEFENING" if incident.is_exercise else ""
    audit_record(
        actor=actor,
        action=action,
        obj=message,
        region=incident.region,
        changes=changes,
        note=" — ".join(filter(None, [marking, note])),
    )


@transaction.atomic
def message_create(
    *,
    incident: Incident,
    actor: User,
    data: MessageData,
    note: str = "",
    _relation: str = Relation.ORIGINAL,
    _parent: Message | None = None,
) -> Message:
    """Draft a message (version 1). A warning's area is the incident's affected area unless
    one is given, its area description the incident's location."""
    incident = _locked(incident)
    core_access.require(can_communicate(actor, incident))
    require_open(incident)
    values = _clean(incident, data)
    now = timezone.now()
    message = Message.objects.create(
        incident=incident,
        status=MessageStatus.DRAFT,
        relation=_relation,
        parent=_parent,
        version=1,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
        **values,
    )
    _version(message, actor, note, now)
    changes: dict[str, list[object]] = {
        "kind": [None, message.kind],
        "title": [None, message.title],
        "status": [None, MessageStatus.DRAFT],
    }
    if _parent is not None:
        changes["relation"] = [None, _relation]
        changes["parent"] = [None, _parent.pk]
    _audit(actor, AuditAction.MESSAGE_CREATE, message, incident, changes=changes)
    return message


@transaction.atomic
def message_update(*, message: Message, actor: User, data: MessageData, note: str = "") -> Message:
    """Change a message that is not published; a change to its words is the next version. An
    approved message that changes goes back to draft without its approval."""
    incident, message = _writable(message, actor)
    if message.status == MessageStatus.PUBLISHED:
        raise ValidationError(str(NOT_DRAFT_PUBLISHED), code="published")
    if message.relation != Relation.ORIGINAL and data.kind != message.kind:
        raise ValidationError(
            {"kind": [_("Kind: a follow-up keeps the kind of the message it follows.")]}
        )
    values = _clean(incident, data)
    changes: dict[str, list[object]] = {}
    for name, value in values.items():
        old = getattr(message, name)
        if old != value:
            # The words are kept whole in the versions; the audit says which changed.
            shown = (
                [old, value] if name not in ("text", "instruction", "social_text") else ["…", "…"]
            )
            changes[name] = shown
            setattr(message, name, value)
    if not changes:
        return message
    now = timezone.now()
    words_changed = any(name in changes for name in VERSION_FIELDS)
    if message.status == MessageStatus.APPROVED:
        changes["status"] = [MessageStatus.APPROVED, MessageStatus.DRAFT]
        changes["approved_by"] = [message.approved_by_name, None]
        _withdraw_approval(message)
    message.updated_at = now
    message.updated_by = actor
    if words_changed:
        changes["version"] = [message.version, message.version + 1]
        message.version += 1
    message.save()
    if words_changed:
        _version(message, actor, note, now)
    _audit(actor, AuditAction.MESSAGE_UPDATE, message, incident, changes=changes)
    return message


def _withdraw_approval(message: Message) -> None:
    message.status = MessageStatus.DRAFT
    message.approved_at = None
    message.approved_by = None
    message.approved_by_name = ""
    message.approved_role = ""
    message.cap_sent = None


def approval_problems(message: Message) -> dict[str, list[str]]:
    """What keeps a draft from approval, keyed by field (empty when it may be approved; the
    approver's four eyes are checked apart)."""
    errors: dict[str, list[str]] = {}
    if message.kind != MessageKind.WARNING:
        return errors
    if message.relation != Relation.CANCEL and not message.instruction.strip():
        errors["instruction"] = [str(WARNING_NEEDS_INSTRUCTION)]
    if not message.cap_event.strip():
        errors["cap_event"] = [str(WARNING_NEEDS_EVENT)]
    problem = area_problem(message.area)
    if problem:
        errors["area"] = [_("Area: %(problem)s") % {"problem": problem}]
    return errors


@transaction.atomic
def message_approve(*, message: Message, actor: User) -> Message:
    """Approve a draft: records who approved it, in which role, and when; fixes the CAP
    `sent` moment. A warning needs an instruction, an event, a closed area and four eyes."""
    incident, message = _writable(message, actor)
    if message.status != MessageStatus.DRAFT:
        raise ValidationError(
            str(NOT_DRAFT % {"status": MessageStatus(message.status).label}), code="not_draft"
        )
    errors = approval_problems(message)
    if errors:
        raise ValidationError(errors)
    if not four_eyes_ok(actor, message):
        raise ValidationError(str(FOUR_EYES), code="four_eyes")
    now = timezone.now()
    message.status = MessageStatus.APPROVED
    message.approved_at = now
    message.approved_by = actor
    message.approved_by_name = _actor_name(actor)
    message.approved_role = approver_role(actor, incident)
    # CAP date-times carry no fractions of a second; every export uses this one moment.
    message.cap_sent = now.replace(microsecond=0)
    message.save()
    _audit(
        actor,
        AuditAction.MESSAGE_APPROVE,
        message,
        incident,
        changes={
            "status": [MessageStatus.DRAFT, MessageStatus.APPROVED],
            "approved_role": [None, message.approved_role],
        },
    )
    return message


@transaction.atomic
def message_reject(*, message: Message, actor: User, reason: str) -> Message:
    """Send a draft or an approved message back to draft, with the reason (in the audit log
    and on the message's page); an approved one loses its approval."""
    incident, message = _writable(message, actor)
    reason = " ".join(reason.split())
    if message.status == MessageStatus.PUBLISHED:
        raise ValidationError(str(REJECT_PUBLISHED), code="published")
    if not reason:
        raise ValidationError({"reason": [str(REJECT_NEEDS_REASON)]})
    if len(reason) > NOTE_MAX:
        raise ValidationError(
            {
                "reason": [
                    _("Reason: at most %(limit)s characters (now %(count)s).")
                    % {"limit": NOTE_MAX, "count": len(reason)}
                ]
            }
        )
    changes: dict[str, list[object]] = {}
    if message.status == MessageStatus.APPROVED:
        changes["status"] = [MessageStatus.APPROVED, MessageStatus.DRAFT]
        changes["approved_by"] = [message.approved_by_name, None]
        _withdraw_approval(message)
        message.updated_at = timezone.now()
        message.updated_by = actor
        message.save()
    _audit(actor, AuditAction.MESSAGE_REJECT, message, incident, changes=changes, note=reason)
    return message


def _tell_listeners(message_id: int) -> None:
    message = Message.objects.select_related("incident", "incident__region").get(pk=message_id)
    for listener in list(published_listeners):
        try:
            listener(message)
        except Exception:  # one listener's failure must not keep the others from hearing
            logger.exception("published listener %r failed for message %s", listener, message_id)


@transaction.atomic
def message_publish(*, message: Message, actor: User) -> Message:
    """Publish an approved message: records when and by whom, writes a logbook line and,
    after commit, tells `published_listeners`. An exercise's message is published in the
    exercise only: the public page and the real channels never show it."""
    incident, message = _writable(message, actor)
    if message.status == MessageStatus.PUBLISHED:
        raise ValidationError(str(ALREADY_PUBLISHED), code="published")
    if message.status != MessageStatus.APPROVED:
        raise ValidationError({"status": [str(NOT_APPROVED)]}, code="not_approved")
    now = timezone.now()
    message.status = MessageStatus.PUBLISHED
    message.published_at = now
    message.published_by = actor
    message.save()
    _audit(
        actor,
        AuditAction.MESSAGE_PUBLISH,
        message,
        incident,
        changes={"status": [MessageStatus.APPROVED, MessageStatus.PUBLISHED]},
    )
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.NOTE,
        process=Process.COMMUNICATION,
        text=_("Message published (%(kind)s): %(title)s")
        % {"kind": MessageKind(message.kind).label, "title": message.title},
    )
    pk = message.pk
    transaction.on_commit(lambda: _tell_listeners(pk))
    return message


@transaction.atomic
def message_follow_up(*, parent: Message, actor: User, relation: str) -> Message:
    """A new draft following a published message (an update, a correction or a
    cancellation), prefilled from it; a cancellation of a warning keeps its area."""
    if relation not in FOLLOW_UPS:
        raise ValidationError({"relation": [str(FOLLOW_UP_KIND)]})
    incident, parent = _writable(parent, actor)
    if parent.status != MessageStatus.PUBLISHED:
        raise ValidationError(str(FOLLOW_UP_NOT_PUBLISHED), code="not_published")
    if (
        parent.relation == Relation.CANCEL
        or parent.followups.filter(
            relation=Relation.CANCEL, status=MessageStatus.PUBLISHED
        ).exists()
    ):
        raise ValidationError(str(FOLLOW_UP_CANCELLED), code="cancelled")
    changes: dict[str, Any] = {}
    if relation == Relation.CANCEL:
        title = _("Cancelled: %(title)s") % {"title": parent.title}
        changes = {"title": title[:TITLE_MAX], "instruction": ""}
    elif relation == Relation.CORRECTION:
        title = _("Correction: %(title)s") % {"title": parent.title}
        changes = {"title": title[:TITLE_MAX]}
    data = MessageData.of(parent, **changes)
    return message_create(
        incident=incident,
        actor=actor,
        data=data,
        note=_("%(relation)s of message %(number)s")
        % {"relation": Relation(relation).label, "number": parent.pk},
        _relation=relation,
        _parent=parent,
    )
