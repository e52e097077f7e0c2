"""Checklists per function: the region's list and the ticks in an incident."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.incidents import errors
from oranje.incidents.access import can_operate
from oranje.incidents.models import ChecklistItem, ChecklistTick, Incident
from oranje.incidents.selectors import checklist_items
from oranje.incidents.services.guards import _actor_name, _locked, require_open
from oranje.organisation.models import Function


@transaction.atomic
def checklist_save(
    *, actor: User, region: Region, function: Function, lines: Sequence[str]
) -> list[ChecklistItem]:
    """Replace the region's checklist for a function. Unchanged lines keep their identity
    (and their ticks); removed lines are retired, not deleted."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    wanted = [line.strip()[:300] for line in lines if line.strip()]
    if not wanted:
        raise ValidationError({"lines": [_("A checklist needs at least one line.")]})
    before = [i.text for i in checklist_items(region, function)]
    existing = {
        i.text: i
        for i in ChecklistItem.objects.filter(region=region, function=function, active=True)
    }
    items: list[ChecklistItem] = []
    for position, text in enumerate(wanted, start=1):
        item = existing.pop(text, None)
        if item is None:
            item = ChecklistItem.objects.create(
                region=region, function=function, position=position, text=text
            )
        elif item.position != position:
            item.position = position
            item.save(update_fields=["position"])
        items.append(item)
    for retired in existing.values():
        retired.active = False
        retired.save(update_fields=["active"])
    audit_record(
        actor=actor,
        action=AuditAction.CHECKLIST_SAVE,
        object_type="checklist",
        region=region,
        changes={function.code: [before, wanted]},
    )
    return items


@transaction.atomic
def checklist_tick(
    *, actor: User, incident: Incident, item: ChecklistItem, note: str = ""
) -> ChecklistTick:
    """Tick a checklist line in this incident, with time and person."""
    incident = _locked(incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if item.region_id not in (None, incident.region_id):
        raise ValidationError(_("This checklist belongs to another region."))
    done = ChecklistTick.objects.filter(
        incident=incident, item=item, undone_at__isnull=True
    ).first()
    if done is not None:
        raise ValidationError(
            str(
                errors.ALREADY_TICKED
                % {
                    "person": done.ticked_by_name,
                    "time": date_format(timezone.localtime(done.ticked_at), "H:i"),
                }
            ),
            code="ticked",
        )
    tick = ChecklistTick.objects.create(
        incident=incident,
        item=item,
        ticked_by=actor,
        ticked_by_name=_actor_name(actor),
        note=note.strip()[:255],
    )
    audit_record(
        actor=actor,
        action=AuditAction.CHECKLIST_TICK,
        obj=incident,
        region=incident.region,
        changes={item.function.code: [None, item.text[:200]]},
    )
    return tick


@transaction.atomic
def checklist_untick(*, actor: User, tick: ChecklistTick) -> ChecklistTick:
    """Undo a tick; the row stays, with who undid it and when."""
    incident = _locked(tick.incident)
    core_access.require(can_operate(actor, incident))
    require_open(incident)
    if tick.undone_at is None:
        tick.undone_at = timezone.now()
        tick.undone_by_name = _actor_name(actor)
        tick.save(update_fields=["undone_at", "undone_by_name"])
        audit_record(
            actor=actor,
            action=AuditAction.CHECKLIST_UNTICK,
            obj=incident,
            region=incident.region,
            changes={tick.item.function.code: [tick.item.text[:200], None]},
        )
    return tick
