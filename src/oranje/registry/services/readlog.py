"""The read log: every read of a person record, an inquiry or a list, by whom and when."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

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
    repeat_within: dt.timedelta | None = None,
) -> None:
    """Write one read (outside any transaction of the page: a read is logged even when the
    page fails after it). `repeat_within`: a page that refreshes itself (the operators' queue
    polls every few seconds) logs the same read of the same user once per that window, not
    once per poll."""
    if (
        repeat_within is not None
        and ReadLog.objects.filter(
            incident=incident,
            kind=kind,
            object_id=object_id,
            what=what[:100],
            user=user,
            at__gte=timezone.now() - repeat_within,
        ).exists()
    ):
        return
    ReadLog.objects.create(
        incident=incident,
        kind=kind,
        object_id=object_id,
        what=what[:100],
        user=user,
        user_name=(user.get_full_name() or user.get_username())[:200],
    )
