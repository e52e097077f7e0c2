"""Reads of the communication room that are more than a `get`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min, QuerySet

from oranje.communication.constants import PUBLIC_KINDS, MessageStatus
from oranje.communication.models import Message
from oranje.incidents.models import Incident


def first_public_at(incident: Incident) -> dt.datetime | None:
    """When the incident's first public message (public information or a warning) was
    published; None while none is."""
    found: dt.datetime | None = Message.objects.filter(
        incident=incident, kind__in=PUBLIC_KINDS, status=MessageStatus.PUBLISHED
    ).aggregate(first=Min("published_at"))["first"]
    return found


def message_list(incident: Incident) -> QuerySet[Message]:
    """The incident's messages, newest first, with who wrote and approved them."""
    return (
        Message.objects.filter(incident=incident)
        .select_related("created_by", "approved_by", "published_by", "parent")
        .order_by("-created_at", "-pk")
    )
