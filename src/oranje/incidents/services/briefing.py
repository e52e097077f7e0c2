"""Where the people alerted for an incident report (meeting point) and which number they
call back: set once on the incident, carried by the answer page and every alert message."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.text import neutralise_bidi
from oranje.core.validation import format_phone, normalise_phone
from oranje.incidents import errors
from oranje.incidents.access import can_operate
from oranje.incidents.constants import MEETING_POINT_MAX, EntryKind
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import _locked, require_open
from oranje.incidents.services.logbook import log_append


@transaction.atomic
def incident_set_briefing(
    *, actor: User, incident: Incident, meeting_point: str, callback_phone: str
) -> Incident:
    """Set the meeting point and the call-back number (either may be empty). Alerts sent
    from then on carry them; the logbook and the audit trail say who set what."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    point = neutralise_bidi(" ".join(meeting_point.split()))
    if len(point) > MEETING_POINT_MAX:
        problems["meeting_point"] = [
            str(errors.MEETING_POINT_TOO_LONG % {"max": MEETING_POINT_MAX, "length": len(point)})
        ]
    phone = ""
    if callback_phone.strip():
        try:
            phone = normalise_phone(callback_phone)
        except ValidationError as exc:
            problems["callback_phone"] = exc.messages
    if problems:
        raise ValidationError(problems)
    before = {"meeting_point": incident.meeting_point, "callback_phone": incident.callback_phone}
    incident.meeting_point, incident.callback_phone = point, phone
    incident.save(update_fields=["meeting_point", "callback_phone"])
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.NOTE,
        text=" ".join(briefing_lines(incident)) or _("Meeting point and call-back number removed."),
    )
    audit_record(
        actor=actor,
        action=AuditAction.INCIDENT_BRIEFING,
        obj=incident,
        region=incident.region,
        changes={
            field: [old, getattr(incident, field)]
            for field, old in before.items()
            if old != getattr(incident, field)
        },
    )
    return incident


def briefing_lines(incident: Incident) -> list[str]:
    """The meeting point and call-back number as lines of an alert message or a page, in the
    active language; nothing for what is not set. The alerting room calls this."""
    lines = []
    if incident.meeting_point:
        lines.append(_("Meeting point: %(place)s.") % {"place": incident.meeting_point})
    if incident.callback_phone:
        lines.append(
            _("Call-back number: %(phone)s.") % {"phone": format_phone(incident.callback_phone)}
        )
    return lines
