"""Reads of damage reports with reporters' details, for those who handle them: the worklist
(filters, urgent unsafe homes first), one report with its history and the other reports on
its address, and the export's rows. Callers have checked `access.can_handle`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from oranje.damage.constants import OPEN_STATUSES, PhotoStatus, Triage
from oranje.damage.models import DamageReport
from oranje.damage.services.reports import normalise_reference
from oranje.incidents.models import Incident

#: The worklist's "status" filter also takes "open" (new, in progress or referred), and its
#: "triage" filter "none" (not yet triaged).
OPEN = "open"
UNTRIAGED = "none"
#: The longest search text and postcode prefix taken.
SEARCH_MAX = 100


@dataclass(frozen=True)
class WorklistFilter:
    status: str = ""
    triage: str = ""
    kind: str = ""
    #: The start of a postcode without the space, upper case: "2011", "2011A".
    postcode: str = ""
    #: A reference code or part of a street name.
    search: str = ""
    untriaged_first: bool = False


def _priority() -> Case:
    """0 urgent and unsafe, 1 urgent, 2 unsafe to stay, 3 the rest."""
    return Case(
        When(triage=Triage.URGENT, unsafe=True, then=Value(0)),
        When(triage=Triage.URGENT, then=Value(1)),
        When(unsafe=True, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


def worklist(incident: Incident, f: WorklistFilter) -> QuerySet[DamageReport]:
    """The incident's reports as the handlers work through them: urgent unsafe homes first,
    then urgent, then unsafe, then the rest; newest first within each (not yet triaged ones
    before all others when asked)."""
    qs = DamageReport.objects.filter(incident=incident).select_related("handler")
    if f.status == OPEN:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.triage == UNTRIAGED:
        qs = qs.filter(triage="")
    elif f.triage:
        qs = qs.filter(triage=f.triage)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.postcode:
        qs = qs.filter(postcode__startswith=f.postcode)
    if f.search:
        found = Q(reference__icontains=f.search) | Q(street__icontains=f.search)
        # A code read out on the phone: "s 7k3m 9qx2", with O for 0 and I for 1.
        reference = normalise_reference(f.search)
        if reference:
            found |= Q(reference=reference)
        qs = qs.filter(found)
    order = ["priority", "-received_at", "-pk"]
    qs = qs.annotate(priority=_priority())
    if f.untriaged_first:
        qs = qs.annotate(
            untriaged=Case(
                When(triage="", then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        order.insert(0, "untriaged")
    return qs.order_by(*order)


def address_counts(incident: Incident, keys: list[str]) -> dict[str, int]:
    """How many reports of the incident each of these addresses has (one grouped query)."""
    wanted = [k for k in set(keys) if k]
    if not wanted:
        return {}
    rows = (
        DamageReport.objects.filter(incident=incident, address_key__in=wanted)
        .values("address_key")
        .annotate(n=Count("pk"))
        .values_list("address_key", "n")
    )
    return dict(rows)


def same_address(report: DamageReport) -> QuerySet[DamageReport]:
    """The other reports of the incident on the report's address, newest first."""
    if not report.address_key:
        return DamageReport.objects.none()
    return (
        DamageReport.objects.filter(incident_id=report.incident_id, address_key=report.address_key)
        .exclude(pk=report.pk)
        .order_by("-received_at", "-pk")
    )


def export_reports(
    incident: Incident, *, kind: str = "", status: str = ""
) -> tuple[QuerySet[DamageReport], int]:
    """(the reports whose reporters consented to sharing, how many were left out for lack of
    consent), for the kind and status chosen ("open" for every open status)."""
    qs = DamageReport.objects.filter(incident=incident)
    if kind:
        qs = qs.filter(kind=kind)
    if status == OPEN:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    counts = qs.aggregate(
        shared=Count("pk", filter=Q(consent_share=True)),
        left_out=Count("pk", filter=Q(consent_share=False)),
    )
    rows = (
        qs.filter(consent_share=True)
        .select_related("handler")
        .annotate(
            # By state: a photo the worker has not yet cleaned (or could not) is no photo to use.
            photo_count=Count("photos", filter=Q(photos__status=PhotoStatus.READY)),
            photo_waiting=Count(
                "photos",
                filter=Q(photos__status__in=[PhotoStatus.PENDING, PhotoStatus.PROCESSING]),
            ),
            photo_failed=Count("photos", filter=Q(photos__status=PhotoStatus.FAILED)),
        )
        .order_by("received_at", "pk")
    )
    return rows, int(counts["left_out"] or 0)
