"""Starting and closing an incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.incidents import errors
from oranje.incidents.access import can_command
from oranje.incidents.constants import EntryKind, IncidentType
from oranje.incidents.hooks import registry
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import CLOCK_SLACK, _locked
from oranje.incidents.services.logbook import log_append


@transaction.atomic
def incident_start(
    *,
    actor: User,
    region: Region,
    title: str,
    kind: str,
    started_at: dt.datetime,
    municipality: Municipality,
    municipalities: Sequence[Municipality] = (),
    is_exercise: bool = False,
    location_text: str = "",
    point: tuple[Decimal, Decimal] | None = None,
    area: list[list[float]] | None = None,
    description: str = "",
) -> Incident:
    """Open an incident (real or exercise) in the region, with its first logbook line."""
    core_access.require(core_access.can_operate_region(actor, region.pk))
    problems: dict[str, list[str]] = {}
    if not title.strip():
        problems["title"] = [_("Give the incident a title.")]
    if kind not in IncidentType.values:
        problems["kind"] = [_("Unknown incident type '%(value)s'.") % {"value": kind}]
    if started_at > timezone.now() + CLOCK_SLACK:
        when = date_format(timezone.localtime(started_at), "j-n-Y H:i")
        problems["started_at"] = [str(errors.START_IN_FUTURE % {"time": when})]
    involved = {m.pk: m for m in [municipality, *municipalities]}
    outside = [m.name for m in involved.values() if m.region_id != region.pk]
    if outside:
        problems["municipalities"] = [
            str(errors.MUNICIPALITY_OUTSIDE_REGION % {"name": name}) for name in outside
        ]
    if problems:
        raise ValidationError(problems)
    incident = Incident.objects.create(
        region=region,
        title=title.strip(),
        kind=kind,
        is_exercise=is_exercise,
        started_at=started_at,
        municipality=municipality,
        location_text=location_text.strip(),
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        area=area or [],
        description=description.strip(),
        created_by=actor,
    )
    incident.municipalities.set(involved.values())
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.NOTE,
        at=started_at,
        text=_("Incident started: %(title)s (%(kind)s) in %(place)s.")
        % {
            "title": incident.title,
            "kind": IncidentType(kind).label,
            "place": location_text.strip() or municipality.name,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.INCIDENT_START,
        obj=incident,
        region=region,
        changes={"title": [None, incident.title], "exercise": [None, is_exercise]},
    )
    return incident


@transaction.atomic
def incident_close(*, actor: User, incident: Incident, note: str = "") -> Incident:
    """Close the incident: no more entries; the alerting room stops escalating. For those
    who lead it (`can_command`)."""
    incident = _locked(incident)
    core_access.require(can_command(actor, incident))
    if incident.closed_at is not None:
        raise ValidationError(str(errors.ALREADY_CLOSED), code="closed")
    now = timezone.now()
    if incident.acute_ended_at is None:
        _end_acute(incident, actor, now)
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.CLOSE,
        text=_("Incident closed.") + (f" {note.strip()}" if note.strip() else ""),
    )
    incident.closed_at = now
    incident.closed_by = actor
    incident.close_note = note.strip()
    incident.save(update_fields=["closed_at", "closed_by", "close_note"])
    for listener in registry.closed:
        listener(incident, actor)
    audit_record(
        actor=actor,
        action=AuditAction.INCIDENT_CLOSE,
        obj=incident,
        region=incident.region,
        changes={"closed_at": [None, now.isoformat()]},
        note=note,
    )
    return incident


def _end_acute(incident: Incident, actor: User, now: dt.datetime) -> None:
    incident.acute_ended_at = now
    incident.acute_ended_by = actor
    incident.save(update_fields=["acute_ended_at", "acute_ended_by"])
    for listener in registry.acute_ended:
        listener(incident, actor)


@transaction.atomic
def incident_end_acute(*, actor: User, incident: Incident, note: str = "") -> Incident:
    """End the acute phase: the teams stand down and open calls stop (the alerting room
    listens), while the incident stays open for the aftercare (nafase). For those who lead
    it (`can_command`). The aftercare room calls this when it starts the nafase."""
    incident = _locked(incident)
    core_access.require(can_command(actor, incident))
    if incident.closed_at is not None:
        raise ValidationError(str(errors.ALREADY_CLOSED), code="closed")
    if incident.acute_ended_at is not None:
        raise ValidationError(str(errors.ACUTE_ALREADY_ENDED), code="acute_ended")
    now = timezone.now()
    log_append(
        incident,
        actor=actor,
        kind=EntryKind.HANDOVER,
        text=_("Acute phase ended; the incident continues in aftercare (nafase).")
        + (f" {note.strip()}" if note.strip() else ""),
    )
    _end_acute(incident, actor, now)
    audit_record(
        actor=actor,
        action=AuditAction.INCIDENT_ACUTE_END,
        obj=incident,
        region=incident.region,
        changes={"acute_ended_at": [None, now.isoformat()]},
        note=note,
    )
    return incident
