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
from oranje.incidents.constants import ChecklistKind
from oranje.incidents.models import ChecklistItem, ChecklistTick, FunctionInstruction, Incident
from oranje.incidents.selectors_checklists import checklist_items, function_instruction
from oranje.incidents.services.guards import _actor_name, _locked, require_open
from oranje.organisation.models import Function

#: The longest line of a checklist (ChecklistItem.text).
LINE_MAX = 300
#: The longest instruction for a function's role.
INSTRUCTION_MAX = 10000


def _clean_lines(lines: Sequence[str], field: str, label: str) -> list[str]:
    """The non-empty lines, stripped; a line too long or given twice is refused by name."""
    wanted: list[str] = []
    problems = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        if len(text) > LINE_MAX:
            problems.append(
                errors.CHECKLIST_LINE_TOO_LONG
                % {"field": label, "line": number, "length": len(text), "max": LINE_MAX}
            )
        elif text in wanted:
            problems.append(errors.CHECKLIST_LINE_TWICE % {"field": label, "text": text[:80]})
        else:
            wanted.append(text)
    if problems:
        raise ValidationError({field: [str(p) for p in problems]})
    return wanted


def _replace_lines(
    *, region: Region, function: Function, kind: str, wanted: list[str]
) -> list[ChecklistItem]:
    """Make the region's active lines of this kind the wanted ones. Unchanged lines keep
    their identity (and their ticks); removed lines are retired, not deleted."""
    existing = {
        i.text: i
        for i in ChecklistItem.objects.filter(
            region=region, function=function, kind=kind, active=True
        )
    }
    items: list[ChecklistItem] = []
    for position, text in enumerate(wanted, start=1):
        item = existing.pop(text, None)
        if item is None:
            item = ChecklistItem.objects.create(
                region=region, function=function, position=position, text=text, kind=kind
            )
        elif item.position != position:
            item.position = position
            item.save(update_fields=["position"])
        items.append(item)
    for retired in existing.values():
        retired.active = False
        retired.save(update_fields=["active"])
    return items


@transaction.atomic
def checklist_save(
    *,
    actor: User,
    region: Region,
    function: Function,
    lines: Sequence[str],
    questions: Sequence[str] | None = None,
) -> list[ChecklistItem]:
    """Replace the region's checklist for a function: its tasks (`lines`) and, when given,
    its questions for administrators. Unchanged lines keep their identity (and their
    ticks); removed lines are retired, not deleted.

    Each kind stays national until the region makes it differ: saving the national lines
    unchanged makes no regional copy, so later national improvements still reach the
    region. Empty `questions` go back to the national questions."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    problems: dict[str, list[str]] = {}
    wanted: list[str] = []
    asked: list[str] | None = None
    try:
        wanted = _clean_lines(lines, "lines", _("Lines"))
    except ValidationError as exc:
        problems.update(exc.message_dict)
    if not wanted and "lines" not in problems:
        problems["lines"] = [str(errors.CHECKLIST_NEEDS_LINE)]
    if questions is not None:
        try:
            asked = _clean_lines(questions, "questions", _("Questions for administrators"))
        except ValidationError as exc:
            problems.update(exc.message_dict)
    if problems:
        raise ValidationError(problems)
    changes: dict[str, list[list[str]]] = {}
    items = _save_kind(region, function, ChecklistKind.TASK, wanted, changes, "lines")
    if asked is not None:
        _save_kind(
            region, function, ChecklistKind.ADMINISTRATOR_QUESTION, asked, changes, "questions"
        )
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.CHECKLIST_SAVE,
            object_type="checklist",
            region=region,
            changes={function.code: changes},
        )
    return items


def _save_kind(
    region: Region,
    function: Function,
    kind: str,
    wanted: list[str],
    changes: dict[str, list[list[str]]],
    name: str,
) -> list[ChecklistItem]:
    """Save one kind of lines; note in `changes` what changed (before, after)."""
    current = checklist_items(region, function, kind)
    before = [i.text for i in current]
    regional = any(i.region_id == region.pk for i in current)
    if not regional and (wanted == before or not wanted):
        return current
    if not wanted:
        # Back to the national lines: the region's own are retired.
        ChecklistItem.objects.filter(
            region=region, function=function, kind=kind, active=True
        ).update(active=False)
        national = checklist_items(region, function, kind)
        changes[name] = [before, [i.text for i in national]]
        return national
    items = _replace_lines(region=region, function=function, kind=kind, wanted=wanted)
    if wanted != before:
        changes[name] = [before, wanted]
    return items


def active_tick(incident: Incident, item: ChecklistItem) -> ChecklistTick | None:
    """The standing tick of this line in the incident. A line the region rewrote during the
    incident keeps the tick of the old line with the same text (as the page shows it)."""
    ticks = incident.ticks.filter(undone_at__isnull=True)
    return (
        ticks.filter(item=item).first()
        or ticks.filter(
            item__function=item.function_id, item__kind=item.kind, item__text=item.text
        ).first()
    )


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
    done = active_tick(incident, item)
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


@transaction.atomic
def instruction_save(
    *, actor: User, region: Region, function: Function, text: str
) -> FunctionInstruction:
    """Write the region's own instruction for a function's role; it replaces the national
    text for this region (the national text stays for the others)."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    text = text.strip()
    if not text:
        raise ValidationError({"text": [str(errors.INSTRUCTION_REQUIRED)]})
    if len(text) > INSTRUCTION_MAX:
        raise ValidationError(
            {
                "text": [
                    str(errors.INSTRUCTION_TOO_LONG % {"max": INSTRUCTION_MAX, "length": len(text)})
                ]
            }
        )
    current = function_instruction(region, function)
    before = current.text if current is not None else ""
    instruction = (
        FunctionInstruction.objects.select_for_update()
        .filter(region=region, function=function)
        .first()
    )
    if instruction is None:
        instruction = FunctionInstruction(region=region, function=function)
    instruction.text = text
    instruction.updated_at = timezone.now()
    instruction.updated_by = actor
    instruction.full_clean()
    instruction.save()
    audit_record(
        actor=actor,
        action=AuditAction.CHECKLIST_INSTRUCTION_SAVE,
        obj=instruction,
        region=region,
        changes={function.code: [before[:2000], text[:2000]]},
    )
    return instruction


@transaction.atomic
def instruction_reset(*, actor: User, region: Region, function: Function) -> None:
    """Drop the region's own instruction for a function, so the national text (if any)
    applies again. Nothing to do when the region has none."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    instruction = (
        FunctionInstruction.objects.select_for_update()
        .filter(region=region, function=function)
        .first()
    )
    if instruction is None:
        return
    before = instruction.text
    instruction.delete()
    national = function_instruction(region, function)
    audit_record(
        actor=actor,
        action=AuditAction.CHECKLIST_INSTRUCTION_RESET,
        object_type="functioninstruction",
        region=region,
        changes={function.code: [before[:2000], national.text[:2000] if national else ""]},
    )
