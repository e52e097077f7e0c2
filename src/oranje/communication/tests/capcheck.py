"""Test helpers for CAP: warnings written directly (the message services are tested on their
own), and the official OASIS schema every generated alert is checked against."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.utils import timezone

from oranje.communication.models import Message, MessageVersion
from oranje.communication.services.cap import SCHEMA_PATH, validate_cap
from oranje.incidents.models import Incident

#: The repository's root (src/oranje/communication/tests/ is four levels below it).
REPO_ROOT = Path(__file__).resolve().parents[4]
AREA = [[52.4602, 4.6266], [52.4650, 4.6400], [52.4550, 4.6450], [52.4602, 4.6266]]


def official_schema() -> Path | None:
    """The official OASIS CAP 1.2 schema beside the project (`../shared/standards/`, as on CI),
    or where ORANJE_STANDARDS_DIR says; None when neither has it."""
    candidates = [REPO_ROOT.parent / "shared/standards/CAP-v1.2.xsd"]
    if os.environ.get("ORANJE_STANDARDS_DIR"):
        candidates.insert(0, Path(os.environ["ORANJE_STANDARDS_DIR"]) / "CAP-v1.2.xsd")
    return next((p for p in candidates if p.is_file()), None)


def assert_valid_cap(document: bytes) -> None:
    """Valid against the official schema (the bundled copy, byte-identical, where the official
    file is not beside the project)."""
    problems = validate_cap(document, schema=official_schema() or SCHEMA_PATH)
    assert problems == [], problems


def warning(
    incident: Incident,
    *,
    status: str = "approved",
    relation: str = "original",
    parent: Message | None = None,
    sent: dt.datetime | None = None,
    **fields: Any,
) -> Message:
    """An approved warning (with its first version), as the message services leave it."""
    now = sent or timezone.now()
    values: dict[str, Any] = {
        "kind": "warning",
        "title": "Houd ramen en deuren gesloten",
        "text": "Bij een brand in een loods in Velsen-Noord komt veel rook vrij.",
        "instruction": "Ga naar binnen. Sluit ramen en deuren. Zet de ventilatie uit.",
        "audience": "Bewoners van Velsen-Noord",
        "goal_limit_harm": True,
        "cap_category": "Fire",
        "cap_event": "Brand met rookontwikkeling",
        "area": AREA,
        "area_desc": "Velsen-Noord",
        **fields,
    }
    message = Message.objects.create(
        incident=incident,
        status=status,
        relation=relation,
        parent=parent,
        approved_at=None if status == "draft" else now,
        published_at=now if status == "published" else None,
        cap_sent=None if status == "draft" else now,
        **values,
    )
    MessageVersion.objects.create(
        message=message,
        number=1,
        title=message.title,
        text=message.text,
        instruction=message.instruction,
        changed_by_name="test",
    )
    return Message.objects.select_related("incident__region", "parent").get(pk=message.pk)
