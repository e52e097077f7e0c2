"""The national checklists per function (data/checklists.csv); regions edit their own."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

CHECKLISTS_CSV = Path(__file__).resolve().parent / "data" / "checklists.csv"


def load_national_checklists(item_model: Any, function_model: Any) -> int:
    """Create the national lines that do not exist yet (matched on function and text)."""
    functions = {f.code: f for f in function_model.objects.all()}
    positions: dict[str, int] = {}
    made = 0
    with CHECKLISTS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["function"]
            positions[code] = positions.get(code, 0) + 1
            _item, created = item_model.objects.get_or_create(
                region=None,
                function=functions[code],
                text=row["text"],
                defaults={"position": positions[code]},
            )
            made += created
    return made
