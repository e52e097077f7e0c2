"""The living dossier's writes: an entry (its first version), a new version (a region refines
it: title, text, status, what changed, the work session it was refined at), a comment from any
region, and links to the evaluations and findings it came from.

Who: those who evaluate (`access.contributor_regions`) write entries for their own regions;
any of them refines any entry, recording the region they write for. Any member comments on any
entry, under a region of their memberships or as "landelijk" (`access.comment_as`). A link to
an evaluation or finding needs the right to read it (`access.can_evaluate`); an incident as
context must be one of the entry's region. Every write keeps `Entry.search_text` (title,
text, comments, theme, kind and status in Dutch) for full-text search, and writes an audit
entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.incidents.models import Incident
from oranje.learning import access
from oranje.learning.constants import (
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EntryKind,
    EntryStatus,
    Theme,
)
from oranje.learning.models import (
    Entry,
    EntryComment,
    EntryVersion,
    Evaluation,
    Finding,
    WorkSession,
)


def user_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def search_text(entry: Entry, comments: Iterable[str] = ()) -> str:
    """What full-text search finds an entry by: its words, its comments, and its theme,
    kind and status as a Dutch reader calls them."""
    with translation.override("nl"):
        labels = [
            str(Theme(entry.theme).label) if entry.theme in Theme.values else "",
            str(EntryKind(entry.kind).label) if entry.kind in EntryKind.values else "",
            str(EntryStatus(entry.status).label) if entry.status in EntryStatus.values else "",
        ]
    return "\n".join([entry.title, entry.text, *comments, " ".join(labels)])


def _refresh_search(entry: Entry) -> None:
    comments = entry.comments.order_by("pk").values_list("text", flat=True)
    entry.search_text = search_text(entry, comments)


def _choice(value: str, choices: Any, field: str, label: str, errors: dict[str, list[str]]) -> None:
    if value not in choices.values:
        errors[field] = [_("%(field)s: choose one from the list.") % {"field": label}]


def _words(
    title: str, text: str, errors: dict[str, list[str]], *, note: str = ""
) -> tuple[str, str, str]:
    title, text, note = title.strip(), text.strip(), note.strip()
    if not title:
        errors["title"] = [_("Title: give the entry a short title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("Title: at most %(max)s characters.") % {"max": TITLE_MAX}]
    if not text:
        errors["text"] = [_("Text: write down the question, practice or proposal.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("Text: at most %(max)s characters.") % {"max": TEXT_MAX}]
    if len(note) > NOTE_MAX:
        errors["note"] = [_("What changed: at most %(max)s characters.") % {"max": NOTE_MAX}]
    return title, text, note


def _usable_session(actor: User, session: WorkSession | None, errors: dict[str, list[str]]) -> None:
    """An entry or version is credited only to a session the actor's regions host or take
    part in (all for the national ones)."""
    if session is not None and not access.can_use_work_session(actor, session):
        errors["work_session"] = [
            _("Work session: choose a work session that your region hosts or takes part in.")
        ]


def _writer_region(actor: User, region: Region | None, errors: dict[str, list[str]]) -> None:
    if region is None or region.pk not in access.contributor_regions(actor):
        errors["region"] = [_("Region: choose a region you write for.")]


def _lock(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().get(pk=entry.pk)


def _version(
    entry: Entry,
    actor: User,
    region: Region | None,
    note: str,
    work_session: WorkSession | None = None,
) -> EntryVersion:
    return EntryVersion.objects.create(
        entry=entry,
        number=entry.version,
        title=entry.title,
        text=entry.text,
        status=entry.status,
        region=region,
        note=note,
        work_session=work_session,
        changed_at=entry.updated_at,
        changed_by=actor,
        changed_by_name=user_name(actor),
    )


@transaction.atomic
def entry_create(
    *,
    actor: User,
    region: Region | None,
    theme: str,
    kind: str,
    title: str,
    text: str,
    status: str = EntryStatus.PROPOSAL,
    incident: Incident | None = None,
    work_session: WorkSession | None = None,
    finding: Finding | None = None,
    evaluation: Evaluation | None = None,
) -> Entry:
    """A new entry of the region (version 1), with its context: an incident of the region,
    a work session, and the finding or evaluation it came from (which the actor must be
    allowed to read)."""
    if not access.can_evaluate_somewhere(actor):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    _writer_region(actor, region, errors)
    _choice(theme, Theme, "theme", _("Theme"), errors)
    _choice(kind, EntryKind, "kind", _("Kind"), errors)
    _choice(status, EntryStatus, "status", _("Status"), errors)
    title, text, _note = _words(title, text, errors)
    if incident is not None and (region is None or incident.region_id != region.pk):
        errors["incident"] = [_("Incident: choose an incident of the entry's region.")]
    _usable_session(actor, work_session, errors)
    if finding is not None:
        evaluation = evaluation or finding.evaluation
        if finding.evaluation_id != evaluation.pk:
            errors["finding"] = [_("Finding: choose a finding of this evaluation.")]
    if evaluation is not None and not access.can_evaluate(actor, evaluation):
        errors["evaluation"] = [_("Evaluation: choose an evaluation you may read.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    entry = Entry(
        theme=theme,
        kind=kind,
        status=status,
        title=title,
        text=text,
        region=region,
        incident=incident,
        work_session=work_session,
        version=1,
        created_at=now,
        created_by=actor,
        updated_at=now,
    )
    entry.search_text = search_text(entry)
    entry.save()
    _version(entry, actor, region, "", work_session)
    if evaluation is not None:
        entry.evaluations.add(evaluation)
    if finding is not None:
        entry.findings.add(finding)
    audit_record(
        actor=actor,
        action=AuditAction.ENTRY_SAVE,
        obj=entry,
        region=region,
        changes={
            "version": [None, 1],
            "theme": [None, theme],
            "kind": [None, kind],
            "status": [None, status],
            "incident": [None, incident.pk if incident else None],
            "work_session": [None, work_session.pk if work_session else None],
            "finding": [None, finding.pk if finding else None],
        },
    )
    return entry


@transaction.atomic
def entry_revise(
    *,
    actor: User,
    entry: Entry,
    region: Region | None,
    title: str,
    text: str,
    status: str,
    note: str = "",
    theme: str | None = None,
    kind: str | None = None,
    work_session: WorkSession | None = None,
) -> Entry:
    """A new version of the entry, written for the actor's region: the title, text and
    status as they now stand and a note on what changed (required: the versions table shows
    it). Status moves freely (proposal →
    tried → practice, or back when a trial did not hold). `work_session`: the session it
    was refined at, one a region the actor evaluates for hosts or takes part in; that
    session's page and impression report then show the entry."""
    if not access.can_evaluate_somewhere(actor):
        raise PermissionDenied
    entry = _lock(entry)
    errors: dict[str, list[str]] = {}
    _writer_region(actor, region, errors)
    _choice(status, EntryStatus, "status", _("Status"), errors)
    theme = entry.theme if theme is None else theme
    kind = entry.kind if kind is None else kind
    _choice(theme, Theme, "theme", _("Theme"), errors)
    _choice(kind, EntryKind, "kind", _("Kind"), errors)
    title, text, note = _words(title, text, errors, note=note)
    if not note:
        errors["note"] = [_("What changed: say in a few words what this version changes.")]
    _usable_session(actor, work_session, errors)
    if not errors and (title, text, status, theme, kind) == (
        entry.title,
        entry.text,
        entry.status,
        entry.theme,
        entry.kind,
    ):
        errors["text"] = [_("Text: nothing changed; change the text, title or status.")]
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list[Any]] = {}
    for name, value in (
        ("title", title),
        ("text", text),
        ("status", status),
        ("theme", theme),
        ("kind", kind),
    ):
        old = getattr(entry, name)
        if old != value:
            changes[name] = [len(old), len(value)] if name in ("title", "text") else [old, value]
            setattr(entry, name, value)
    changes["version"] = [entry.version, entry.version + 1]
    if work_session is not None:
        changes["work_session"] = [None, work_session.pk]
    entry.version += 1
    entry.updated_at = timezone.now()
    _refresh_search(entry)
    entry.save()
    _version(entry, actor, region, note, work_session)
    audit_record(
        actor=actor,
        action=AuditAction.ENTRY_SAVE,
        obj=entry,
        region=region,
        changes=changes,
        note=note[:200],
    )
    return entry


@transaction.atomic
def entry_comment(*, actor: User, entry: Entry, region: Region | None, text: str) -> EntryComment:
    """A comment from any member, under one of their membership's regions, or `None`
    ("landelijk") with a national membership (`access.comment_as`); the entry's search text
    takes it in."""
    if not access.is_member(actor):
        raise PermissionDenied
    entry = _lock(entry)
    errors: dict[str, list[str]] = {}
    if not access.can_comment_as(actor, region):
        errors["region"] = [_("Region: choose a region you are a member of.")]
    text = text.strip()
    if not text:
        errors["text"] = [_("Comment: write your comment.")]
    elif len(text) > NOTE_MAX:
        errors["text"] = [_("Comment: at most %(max)s characters.") % {"max": NOTE_MAX}]
    if errors:
        raise ValidationError(errors)
    comment = EntryComment.objects.create(
        entry=entry, region=region, text=text, author=actor, author_name=user_name(actor)
    )
    _refresh_search(entry)
    entry.save(update_fields=["search_text"])
    audit_record(
        actor=actor,
        action=AuditAction.ENTRY_COMMENT,
        obj=entry,
        region=region,
        changes={"comment": [None, comment.pk]},
    )
    return comment


@transaction.atomic
def entry_link(
    *,
    actor: User,
    entry: Entry,
    evaluation: Evaluation | None = None,
    finding: Finding | None = None,
    remove: bool = False,
) -> Entry:
    """Link the entry to an evaluation or a finding (with its evaluation) the actor may read,
    or (`remove`) undo such a link."""
    if not access.can_evaluate_somewhere(actor):
        raise PermissionDenied
    entry = _lock(entry)
    errors: dict[str, list[str]] = {}
    if finding is not None:
        evaluation = finding.evaluation
    if evaluation is None:
        errors["evaluation"] = [_("Evaluation: choose an evaluation or a finding.")]
    elif not access.can_evaluate(actor, evaluation):
        field = "finding" if finding is not None else "evaluation"
        errors[field] = [_("Evaluation: choose an evaluation you may read.")]
    if errors:
        raise ValidationError(errors)
    assert evaluation is not None
    if remove:
        if finding is not None:
            entry.findings.remove(finding)
        else:
            entry.evaluations.remove(evaluation)
            entry.findings.remove(*entry.findings.filter(evaluation=evaluation))
    else:
        entry.evaluations.add(evaluation)
        if finding is not None:
            entry.findings.add(finding)
    audit_record(
        actor=actor,
        action=AuditAction.ENTRY_LINK,
        obj=entry,
        region=evaluation.region,
        changes={
            "evaluation": [None, evaluation.pk] if not remove else [evaluation.pk, None],
            "finding": [None, finding.pk if finding else None],
        },
    )
    return entry
