"""The national checklists per function (data/checklists.csv) and the national instructions
for a function's role (data/instructions/<CODE>.txt); regions edit their own.

The loaders take the model classes as arguments so that data migrations can pass their
historical models. They never change what a person wrote: a national line is matched on
function and text, an instruction is only made when the function has none yet."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
CHECKLISTS_CSV = DATA / "checklists.csv"
INSTRUCTIONS_DIR = DATA / "instructions"
TASK = "task"


def national_checklist_rows() -> list[dict[str, str]]:
    """The rows of the national checklists file: function, text and kind (task when empty)."""
    with CHECKLISTS_CSV.open(encoding="utf-8", newline="") as handle:
        return [
            {"function": r["function"], "text": r["text"], "kind": r.get("kind") or TASK}
            for r in csv.DictReader(handle)
        ]


def load_national_checklists(item_model: Any, function_model: Any) -> int:
    """Create the national lines that do not exist yet (matched on function and text).

    Older migrations pass a model without `kind`; then every line is made as a task and a
    later migration, with `kind`, puts the questions for administrators right."""
    has_kind = any(f.name == "kind" for f in item_model._meta.get_fields())
    functions = {f.code: f for f in function_model.objects.all()}
    positions: dict[str, int] = {}
    made = 0
    for row in national_checklist_rows():
        code = row["function"]
        if code not in functions:
            continue
        positions[code] = positions.get(code, 0) + 1
        defaults: dict[str, Any] = {"position": positions[code]}
        if has_kind:
            defaults["kind"] = row["kind"]
        item, created = item_model.objects.get_or_create(
            region=None, function=functions[code], text=row["text"], defaults=defaults
        )
        if has_kind and not created and item.kind != row["kind"]:
            item.kind = row["kind"]
            item.save(update_fields=["kind"])
        made += created
    return made


def national_instructions() -> dict[str, str]:
    """Function code → the national instruction text, from data/instructions/<CODE>.txt."""
    return {
        path.stem: path.read_text(encoding="utf-8").strip()
        for path in sorted(INSTRUCTIONS_DIR.glob("*.txt"))
    }


def load_national_instructions(instruction_model: Any, function_model: Any) -> int:
    """Create the national instruction of each function that has a file and none yet."""
    functions = {f.code: f for f in function_model.objects.all()}
    made = 0
    for code, text in national_instructions().items():
        if code not in functions:
            continue
        _instruction, created = instruction_model.objects.get_or_create(
            region=None, function=functions[code], defaults={"text": text}
        )
        made += created
    return made
