"""How the registry joins the incident room: counts for the situation report (never names)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from oranje.incidents.hooks import Figure
from oranje.incidents.hooks import registry as incident_hooks
from oranje.incidents.models import Incident
from oranje.registry.constants import InquiryStatus, Status
from oranje.registry.models import Inquiry, Person


def figures(incident: Incident) -> list[Figure]:
    # Anonymised persons count as before: anonymising keeps the figures.
    persons = Person.objects.filter(incident=incident, merged_into__isnull=True).aggregate(
        total=Count("pk"),
        injured=Count("pk", filter=Q(current_status__in=[Status.INJURED, Status.HOSPITALISED])),
        deceased=Count("pk", filter=Q(current_status=Status.DECEASED)),
        missing=Count("pk", filter=Q(current_status=Status.MISSING)),
    )
    if not persons["total"] and not Inquiry.objects.filter(incident=incident).exists():
        return []
    open_inquiries = Inquiry.objects.filter(incident=incident, status=InquiryStatus.OPEN).count()
    return [
        Figure(
            _("Registered affected persons"),
            _(
                "%(total)s (injured or in hospital %(injured)s, deceased %(deceased)s, missing %(missing)s)"  # noqa: E501
            )
            % persons,
        ),
        Figure(_("Open relatives' inquiries"), str(open_inquiries)),
    ]


def register() -> None:
    if figures not in incident_hooks.figures:
        incident_hooks.figures.append(figures)
