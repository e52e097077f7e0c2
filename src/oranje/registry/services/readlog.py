"""The read log: every read of a person record, an inquiry or a list, by whom and when."""

from __future__ import annotations

from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.registry.constants import ReadKind
from oranje.registry.models import ReadLog


def read_logged(
    *,
    user: User,
    incident: Incident,
    kind: ReadKind,
    object_id: int | None = None,
    what: str = "",
) -> None:
    """Write one read (outside any transaction of the page: a read is logged even when the
    page fails after it)."""
    ReadLog.objects.create(
        incident=incident,
        kind=kind,
        object_id=object_id,
        what=what[:100],
        user=user,
        user_name=(user.get_full_name() or user.get_username())[:200],
    )
