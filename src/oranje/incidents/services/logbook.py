"""The incident logbook: appending lines, entries typed by people, handovers."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents import errors
from oranje.incidents.access import can_operate
from oranje.incidents.constants import ATTACHMENT_MAX_BYTES, EntryKind
from oranje.incidents.models import Incident, LogEntry
from oranje.incidents.services.guards import (
    CLOCK_SLACK,
    _actor_name,
    _locked,
    incident_lock,
    require_open,
)
from oranje.incidents.services.parsing import _check_tags
from oranje.organisation.models import Function

#: What a client may choose as the key of a line: a UUID (hex or with dashes) fits.
CLIENT_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


def log_append(
    incident: Incident,
    *,
    actor: User | None,
    kind: str,
    text: str,
    team: str = "",
    process: str = "",
    function: Function | None = None,
    at: dt.datetime | None = None,
    corrects: LogEntry | None = None,
    attachment: UploadedFile | None = None,
    client_key: str = "",
) -> LogEntry:
    """Write one logbook line with the next number. Takes the incident's row lock itself
    (a no-op when the caller already holds it), so that two answers arriving at once for
    the same incident cannot draw the same number."""
    incident_lock(incident.pk)
    number = (incident.log.aggregate(n=Max("number"))["n"] or 0) + 1
    now = timezone.now()
    entry = LogEntry(
        incident=incident,
        number=number,
        at=at or now,
        recorded_at=now,
        author=actor,
        author_name=_actor_name(actor),
        function=function,
        team=team,
        process=process,
        kind=kind,
        text=text,
        corrects=corrects,
        client_key=client_key,
    )
    if attachment is not None:
        entry.attachment_name = (attachment.name or "bijlage")[:255]
        entry.attachment.save(entry.attachment_name, attachment, save=False)
    entry.save()
    return entry


@transaction.atomic
def log_entry_add(
    *,
    actor: User,
    incident: Incident,
    text: str,
    team: str = "",
    process: str = "",
    function: Function | None = None,
    at: dt.datetime | None = None,
    corrects: LogEntry | None = None,
    attachment: UploadedFile | None = None,
    client_key: str = "",
) -> LogEntry:
    """Append a line to the logbook. A correction is a new line pointing at the old one.

    `client_key`, chosen by the client per line, makes sending it again safe: a line that
    already exists under that key in this incident is returned (`replayed`) instead of
    written twice — also after the incident closed, since the first attempt did arrive."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    if client_key:
        earlier = _earlier_line(incident, actor=actor, text=text, client_key=client_key)
        if earlier is not None:
            return earlier
    require_open(incident)
    problems: dict[str, list[str]] = {}
    if not text.strip():
        problems["text"] = [str(errors.TEXT_REQUIRED)]
    team, process = _check_tags(incident, problems, team=team, process=process)
    if corrects is not None and corrects.incident_id != incident.pk:
        problems["corrects"] = [str(errors.CORRECTS_OTHER_INCIDENT)]
    elif corrects is not None:
        # A correction stays where the corrected line was (its process and team, for the
        # filters and the situation report) unless the writer chose other tags.
        team = team or corrects.team
        process = process or corrects.process
    if at is not None and at > timezone.now() + CLOCK_SLACK:
        when = date_format(timezone.localtime(at), "j-n-Y H:i")
        problems["at"] = [
            _("A log entry cannot be dated in the future (%(time)s).") % {"time": when}
        ]
    if attachment is not None and attachment.size and attachment.size > ATTACHMENT_MAX_BYTES:
        problems["attachment"] = [
            str(errors.ATTACHMENT_TOO_LARGE % {"size": round(attachment.size / 2**20, 1)})
        ]
    if problems:
        raise ValidationError(problems)
    entry = log_append(
        incident,
        actor=actor,
        kind=EntryKind.NOTE,
        text=text.strip(),
        team=team,
        process=process,
        function=function,
        at=at,
        corrects=corrects,
        attachment=attachment,
        client_key=client_key,
    )
    audit_record(
        actor=actor,
        action=AuditAction.LOG_ADD,
        obj=incident,
        region=incident.region,
        changes={"entry": [None, entry.number]},
    )
    return entry


def _earlier_line(
    incident: Incident, *, actor: User, text: str, client_key: str
) -> LogEntry | None:
    """The line already written under this key (the caller holds the incident's lock, so
    no other request can be writing it now); ValidationError when the key is malformed or
    belongs to another line — answering "saved" then would lose this one."""
    if not CLIENT_KEY.fullmatch(client_key):
        raise ValidationError({"client_key": [str(errors.CLIENT_KEY_INVALID)]})
    earlier = incident.log.filter(client_key=client_key).first()
    if earlier is None:
        return None
    if earlier.author_id != actor.pk or earlier.text != text.strip():
        raise ValidationError({"client_key": [str(errors.CLIENT_KEY_USED % {"n": earlier.number})]})
    earlier.replayed = True
    return earlier


@transaction.atomic
def handover_record(
    *, actor: User, incident: Incident, function: Function, to_name: str, note: str = ""
) -> LogEntry:
    """Record that a function was handed over (aflossing) to the next person."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if not to_name.strip():
        raise ValidationError({"to_name": [_("Who takes over?")]})
    entry = log_append(
        incident,
        actor=actor,
        kind=EntryKind.HANDOVER,
        function=function,
        text=_("%(function)s handed over to %(name)s.")
        % {"function": function.code, "name": to_name.strip()}
        + (f" {note.strip()}" if note.strip() else ""),
    )
    audit_record(
        actor=actor,
        action=AuditAction.INCIDENT_HANDOVER,
        obj=incident,
        region=incident.region,
        changes={function.code: [None, to_name.strip()]},
    )
    return entry
