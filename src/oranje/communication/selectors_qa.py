"""Reads of the Q&A list: the items people read (approved, not withdrawn) and the whole list
for those who write it, searchable by a word in the question or the answer."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from oranje.communication.constants import ReviewStatus
from oranje.communication.models import QAItem
from oranje.incidents.models import Incident

#: The longest search the list's search box takes.
SEARCH_MAX = 100


def qa_list(incident: Incident, *, search: str = "", retired: bool = False) -> QuerySet[QAItem]:
    """The incident's items in their order (withdrawn ones only with `retired`); with
    `search`, those whose question or answer holds every word of it."""
    items = QAItem.objects.filter(incident=incident).select_related("approved_by", "updated_by")
    if not retired:
        items = items.filter(retired=False)
    for word in search[:SEARCH_MAX].split():
        items = items.filter(Q(question__icontains=word) | Q(answer__icontains=word))
    return items.order_by("position", "pk")


def qa_approved(incident: Incident, *, public_only: bool = False) -> QuerySet[QAItem]:
    """What the information line (or, `public_only`, the public page) reads: approved items
    that are not withdrawn, in their order."""
    items = QAItem.objects.filter(
        incident=incident, status=ReviewStatus.APPROVED, retired=False
    ).order_by("position", "pk")
    return items.filter(public=True) if public_only else items
