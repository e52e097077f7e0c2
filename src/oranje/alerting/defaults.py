"""The default alert rules (data/default_rules.csv): a sensible start from DOMAIN.md §2
that every region then edits. `GRIPn` rows apply from that level up; other rows name a team."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

RULES_CSV = Path(__file__).resolve().parent / "data" / "default_rules.csv"


def default_rules() -> list[dict[str, str]]:
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_default_rules(rule_model: Any, region_model: Any, function_model: Any) -> int:
    """Give every region without any rule the default rules; leaves edited regions alone."""
    functions = {f.code: f for f in function_model.objects.all()}
    made = 0
    for region in region_model.objects.all():
        if rule_model.objects.filter(region=region).exists():
            continue
        for row in default_rules():
            trigger = row["trigger"]
            level = int(trigger[4:]) if trigger.startswith("GRIP") else None
            rule_model.objects.create(
                region=region,
                grip_level=level,
                team="" if level is not None else trigger,
                function=functions[row["function"]],
                people_needed=int(row["people_needed"]),
                escalation_minutes=int(row["escalation_minutes"]),
            )
            made += 1
    return made
