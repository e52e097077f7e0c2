"""The access matrix world, issue 17, part "description": this part's objects in one scope, written
directly (no services). Keys (for the tables' paths): listed in `objects`' docstring."""

from __future__ import annotations

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident


def objects(region: Region, municipality: Municipality, incident: Incident) -> dict[str, int | str]:
    """Keys: none yet."""
    return {}
