"""The nafase: ending the acute phase of an incident and handing it to the head of the
aftercare task organisation.

`aftercare_start` ends the acute phase through the incident room
(`incidents.services.incident_end_acute`: a logbook line, the teams stand down, the alerting
room cancels every open call; scaling and manual alerts are refused from then on) and records
the nafase with its head, in one transaction. It cannot be undone. `aftercare_set_head`
hands the aftercare to another head."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.aftercare.constants import NOTE_MAX
from oranje.aftercare.models import Aftercare
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents import services as incident_services
from oranje.incidents.access import can_command
from oranje.incidents.constants import EntryKind
from oranje.incidents.models import Incident
from oranje.incidents.services import incident_lock, log_append, require_open


def user_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _check_head(head: User | None, incident: Incident) -> User:
    """The head must be an active user who may work in the incident's region."""
    if head is None:
        raise ValidationError({"head": [_("head of the aftercare: choose who heads it.")]})
    if not head.is_active or not core_access.can_operate_region(head, incident.region_id):
        raise ValidationError(
            {
                "head": [
                    _(
                        "head of the aftercare: %(name)s may not work in this region's "
                        "incidents; choose someone of the region."
                    )
                    % {"name": user_name(head)}
                ]
            }
        )
    return head


def _check_note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": [_("note: at most %(max)s characters.") % {"max": NOTE_MAX}]}
        )
    return note


@transaction.atomic
def aftercare_start(
    *, actor: User, incident: Incident, head: User | None, note: str = ""
) -> Aftercare:
    """End the acute phase and start the nafase under `head`. For those who command the
    incident (403); refused for a closed incident or one whose acute phase already ended."""
    core_access.require(can_command(actor, incident))
    head = _check_head(head, incident)
    note = _check_note(note)
    incident = incident_services.incident_end_acute(actor=actor, incident=incident, note=note)
    aftercare = Aftercare.objects.create(
        incident=incident,
        started_at=incident.acute_ended_at or timezone.now(),
        started_by=actor,
        head=head,
        head_name=user_name(head),
        note=note,
    )
    audit_record(
        actor=actor,
        action=AuditAction.AFTERCARE_START,
        obj=aftercare,
        region=incident.region,
        changes={"head": [None, aftercare.head_name]},
        note=note,
    )
    return aftercare


@transaction.atomic
def aftercare_set_head(
    *, actor: User, incident: Incident, head: User | None, note: str = ""
) -> Aftercare:
    """Hand the aftercare to another head (a logbook line says so). For those who command
    the incident, while it is open and in the nafase."""
    incident_lock(incident.pk)
    incident = Incident.objects.select_related("region").get(pk=incident.pk)
    core_access.require(can_command(actor, incident))
    require_open(incident)
    head = _check_head(head, incident)
    note = _check_note(note)
    aftercare = Aftercare.objects.select_for_update().filter(incident=incident).first()
    if aftercare is None:
        raise ValidationError(
            _("The nafase of this incident has not started; start it first."), code="not_started"
        )
    before = aftercare.head_name
    if aftercare.head_id == head.pk:
        return aftercare
    aftercare.head = head
    aftercare.head_name = user_name(head)
    aftercare.save(update_fields=["head", "head_name"])
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.HANDOVER,
        text=_("%(name)s now heads the aftercare (nafase).") % {"name": aftercare.head_name}
        + (f" {note}" if note else ""),
    )
    audit_record(
        actor=actor,
        action=AuditAction.AFTERCARE_HEAD,
        obj=aftercare,
        region=incident.region,
        changes={"head": [before, aftercare.head_name]},
        note=note,
    )
    return aftercare
