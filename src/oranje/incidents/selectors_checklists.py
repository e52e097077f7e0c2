"""Reads of the checklists: a region's list per function (tasks and questions for
administrators, each national until the region writes its own), the instruction for a
function's role, and what was ticked in an incident."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from oranje.core.models import Region
from oranje.incidents.constants import ChecklistKind
from oranje.incidents.models import ChecklistItem, ChecklistTick, FunctionInstruction, Incident
from oranje.organisation.models import Function


@dataclass
class ChecklistLine:
    item: ChecklistItem
    tick: ChecklistTick | None


@dataclass
class Checklist:
    """One function's checklist in an incident: its own tasks, then the questions it puts to
    the administrators, with the instruction for the role above them."""

    function: Function
    lines: list[ChecklistLine]
    questions: list[ChecklistLine] = field(default_factory=list)
    instruction: FunctionInstruction | None = None

    @property
    def done(self) -> int:
        return sum(1 for line in self.lines if line.tick)

    @property
    def questions_done(self) -> int:
        return sum(1 for line in self.questions if line.tick)


@dataclass
class RegionChecklist:
    """A function's checklist as a region uses it, outside an incident (to edit or print)."""

    function: Function
    tasks: list[ChecklistItem]
    questions: list[ChecklistItem]
    instruction: FunctionInstruction | None
    regional_tasks: bool
    regional_questions: bool


def _effective(
    items: list[ChecklistItem], region: Region
) -> dict[tuple[int, str], list[ChecklistItem]]:
    """Per (function, kind): the region's own lines when it has any, else the national."""
    regional: dict[tuple[int, str], list[ChecklistItem]] = defaultdict(list)
    national: dict[tuple[int, str], list[ChecklistItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.position, i.pk)):
        key = (item.function_id, item.kind)
        (regional if item.region_id == region.pk else national)[key].append(item)
    return {key: regional.get(key) or national.get(key) or [] for key in {*regional, *national}}


def _active_items(region: Region, functions: list[int] | None = None) -> list[ChecklistItem]:
    qs = ChecklistItem.objects.filter(active=True, region__in=[region.pk]) | (
        ChecklistItem.objects.filter(active=True, region__isnull=True)
    )
    if functions is not None:
        qs = qs.filter(function_id__in=functions)
    return list(qs.select_related("function"))


def checklist_items(
    region: Region, function: Function, kind: str = ChecklistKind.TASK
) -> list[ChecklistItem]:
    """The region's lines of this kind for a function, or the national ones if the region
    has none of that kind (a region that rewrote the tasks keeps the national questions)."""
    return _effective(_active_items(region, [function.pk]), region).get((function.pk, kind), [])


def function_instructions(region: Region) -> dict[int, FunctionInstruction]:
    """Function id → the instruction for the role in this region: the region's own when it
    wrote one, else the national one."""
    result: dict[int, FunctionInstruction] = {}
    rows = FunctionInstruction.objects.filter(region__in=[region.pk]) | (
        FunctionInstruction.objects.filter(region__isnull=True)
    )
    for instruction in rows:
        known = result.get(instruction.function_id)
        if known is None or (known.region_id is None and instruction.region_id is not None):
            result[instruction.function_id] = instruction
    return result


def function_instruction(region: Region, function: Function) -> FunctionInstruction | None:
    return function_instructions(region).get(function.pk)


def region_checklists(region: Region) -> list[RegionChecklist]:
    """Every catalogue function's checklist as this region uses it, in catalogue order."""
    effective = _effective(_active_items(region), region)
    instructions = function_instructions(region)
    result = []
    for function in Function.objects.order_by("sort_order"):
        tasks = effective.get((function.pk, ChecklistKind.TASK), [])
        questions = effective.get((function.pk, ChecklistKind.ADMINISTRATOR_QUESTION), [])
        result.append(
            RegionChecklist(
                function=function,
                tasks=tasks,
                questions=questions,
                instruction=instructions.get(function.pk),
                regional_tasks=any(i.region_id for i in tasks),
                regional_questions=any(i.region_id for i in questions),
            )
        )
    return result


def region_checklist(region: Region, function: Function) -> RegionChecklist:
    effective = _effective(_active_items(region, [function.pk]), region)
    tasks = effective.get((function.pk, ChecklistKind.TASK), [])
    questions = effective.get((function.pk, ChecklistKind.ADMINISTRATOR_QUESTION), [])
    return RegionChecklist(
        function=function,
        tasks=tasks,
        questions=questions,
        instruction=function_instruction(region, function),
        regional_tasks=any(i.region_id for i in tasks),
        regional_questions=any(i.region_id for i in questions),
    )


def checklists(incident: Incident) -> list[Checklist]:
    """Every function's checklist in this incident's region, with what was ticked.

    A tick stays with its line when the region rewrites the checklist during the incident:
    a tick on a line that is no longer shown counts for the shown line with the same text."""
    region = incident.region
    ticks = list(incident.ticks.filter(undone_at__isnull=True).select_related("item"))
    by_item = {t.item_id: t for t in ticks}
    by_text = {(t.item.function_id, t.item.kind, t.item.text): t for t in ticks}
    effective = _effective(_active_items(region), region)
    instructions = function_instructions(region)

    def lines(items: list[ChecklistItem]) -> list[ChecklistLine]:
        return [
            ChecklistLine(i, by_item.get(i.pk) or by_text.get((i.function_id, i.kind, i.text)))
            for i in items
        ]

    function_ids = {function_id for function_id, _kind in effective}
    result = []
    for function in Function.objects.filter(pk__in=function_ids).order_by("sort_order"):
        tasks = effective.get((function.pk, ChecklistKind.TASK), [])
        questions = effective.get((function.pk, ChecklistKind.ADMINISTRATOR_QUESTION), [])
        if not tasks and not questions:
            continue
        result.append(
            Checklist(
                function=function,
                lines=lines(tasks),
                questions=lines(questions),
                instruction=instructions.get(function.pk),
            )
        )
    return result
