"""The learning room's national data: the standard questions of the public survey."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STANDARD_QUESTIONS = Path(__file__).with_name("standard_questions.json")

#: Questions with a meaning of their own for the results: `shelter` fills a response's
#: shelter field, `postcode` its postcode area (four digits; taken from the invitation when
#: the respondent came with a code).
SHELTER_CODE = "shelter"
POSTCODE_CODE = "postcode"


def standard_questions() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(STANDARD_QUESTIONS.read_text(encoding="utf-8"))
    return rows
