"""Reads of a message's page: its versions with what changed between them, its chain of
follow-ups, and its history (who wrote, approved, sent back and published it, and why)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from oranje.communication.models import Message, MessageVersion
from oranje.core.models import AuditEntry

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    """A piece of a diff: `op` is "same", "ins" or "del"."""

    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    segments: list[Segment]


@dataclass(frozen=True)
class VersionView:
    version: MessageVersion
    #: What changed against the version before (empty for the first).
    changes: list[FieldChange]


def word_diff(old: str, new: str) -> list[Segment]:
    """`old` → `new` word by word, as segments to show with <del> and <ins>."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("del", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("ins", "".join(b[j1:j2])))
    return segments


def _labels() -> list[tuple[str, str]]:
    return [
        ("title", _("Headline")),
        ("text", _("Text")),
        ("instruction", _("What to do (instruction)")),
        ("social_text", _("Text for social media")),
        ("audience", _("Audience")),
    ]


def version_views(message: Message) -> list[VersionView]:
    """The message's versions, newest first, each with its changes against the one before."""
    versions = list(message.versions.order_by("number"))
    views: list[VersionView] = []
    previous: MessageVersion | None = None
    for version in versions:
        changes = []
        if previous is not None:
            for name, label in _labels():
                old, new = getattr(previous, name), getattr(version, name)
                if old != new:
                    changes.append(FieldChange(label, word_diff(old, new)))
        views.append(VersionView(version, changes))
        previous = version
    return views[::-1]


def message_chain(message: Message) -> list[tuple[Message, int]]:
    """The whole chain the message belongs to — from the first message down through every
    update, correction and cancellation — as (message, depth), in order."""
    root = message
    seen = {root.pk}
    while root.parent_id is not None and root.parent_id not in seen:
        root = Message.objects.get(pk=root.parent_id)
        seen.add(root.pk)
    members = {root.pk: root}
    children: dict[int, list[Message]] = {}
    frontier = [root.pk]
    while frontier:
        found = list(Message.objects.filter(parent_id__in=frontier).order_by("created_at", "pk"))
        frontier = []
        for child in found:
            if child.pk in members:
                continue
            members[child.pk] = child
            children.setdefault(child.parent_id or 0, []).append(child)
            frontier.append(child.pk)
    ordered: list[tuple[Message, int]] = []

    def walk(node: Message, depth: int) -> None:
        ordered.append((node, depth))
        for child in children.get(node.pk, []):
            walk(child, depth + 1)

    walk(root, 0)
    return ordered


def is_cancelled(message: Message) -> bool:
    """The message is a cancellation, or a published cancellation follows it."""
    return (
        message.relation == "cancel"
        or message.followups.filter(relation="cancel", status="published").exists()
    )


def message_history(message: Message) -> list[AuditEntry]:
    """The audit entries of the message, oldest first: who did what, and a reason given."""
    return list(
        AuditEntry.objects.filter(object_type="message", object_id=str(message.pk)).order_by(
            "at", "pk"
        )
    )
