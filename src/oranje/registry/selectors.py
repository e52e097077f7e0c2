"""Reads of the registry that are more than a get."""

from __future__ import annotations

from django.db.models import Count, Q

from oranje.incidents.models import Incident
from oranje.registry.constants import DuplicateState, InquiryStatus, Status
from oranje.registry.models import Inquiry, Person, PossibleDuplicate


def counts(incident: Incident) -> dict[str, int]:
    """Counts only (no names): what other rooms and the situation report may see."""
    # Anonymised persons count as before: anonymising keeps the figures.
    persons = Person.objects.filter(incident=incident, merged_into__isnull=True).aggregate(
        persons=Count("pk"),
        unharmed=Count("pk", filter=Q(current_status=Status.UNHARMED)),
        injured=Count("pk", filter=Q(current_status=Status.INJURED)),
        hospitalised=Count("pk", filter=Q(current_status=Status.HOSPITALISED)),
        deceased=Count("pk", filter=Q(current_status=Status.DECEASED)),
        missing=Count("pk", filter=Q(current_status=Status.MISSING)),
        unknown=Count("pk", filter=Q(current_status=Status.UNKNOWN)),
    )
    inquiries = Inquiry.objects.filter(incident=incident).aggregate(
        inquiries=Count("pk"),
        open_inquiries=Count("pk", filter=Q(status=InquiryStatus.OPEN)),
        to_inform=Count("pk", filter=Q(status=InquiryStatus.FOUND)),
        informed=Count("pk", filter=Q(status=InquiryStatus.INFORMED)),
    )
    duplicates = PossibleDuplicate.objects.filter(
        incident=incident, state=DuplicateState.OPEN
    ).count()
    return {**persons, **inquiries, "duplicates": duplicates}
