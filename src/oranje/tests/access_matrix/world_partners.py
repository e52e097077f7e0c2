"""The access matrix world, issue 17, part "partners": this part's objects in one scope, written
directly (no services). Keys (for the tables' paths): listed in `objects`' docstring."""

from __future__ import annotations

from django.utils import timezone

from oranje.core.models import Municipality, Region, User
from oranje.incidents.constants import IncidentType, ReportStatus
from oranje.incidents.models import Incident, SituationReport
from oranje.partners.constants import PartnerKind
from oranje.partners.models import PartnerAccess


def objects(region: Region, municipality: Municipality, incident: Incident) -> dict[str, int | str]:
    """Keys: {pincident} an incident of the scope's region with a published situation
    report; {pdraft} one whose report is only approved, not published; {paccess} a partner
    access to the scope's region."""
    published = Incident.objects.create(
        region=region,
        title=f"Matrix partnerbeeld {municipality.cbs_code}",
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=incident.started_at,
        municipality=municipality,
    )
    published.municipalities.set([municipality])
    now = timezone.now()
    SituationReport.objects.create(
        incident=published,
        version=1,
        status=ReportStatus.PUBLISHED,
        summary="Gepubliceerd beeld",
        approved_at=now,
        published_at=now,
    )
    unpublished = Incident.objects.create(
        region=region,
        title=f"Matrix alleen goedgekeurd {municipality.cbs_code}",
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=incident.started_at,
        municipality=municipality,
    )
    unpublished.municipalities.set([municipality])
    SituationReport.objects.create(
        incident=unpublished,
        version=1,
        status=ReportStatus.APPROVED,
        summary="Goedgekeurd, niet verspreid",
        approved_at=now,
    )
    partner = User.objects.create_user(
        username=f"matrix-partner-{municipality.cbs_code.lower()}@example.nl",
        email=f"matrix-partner-{municipality.cbs_code.lower()}@example.nl",
        password="x",
    )
    access = PartnerAccess.objects.create(
        user=partner, region=region, kind=PartnerKind.POLICE, organisation="Politie"
    )
    return {"pincident": published.pk, "pdraft": unpublished.pk, "paccess": access.pk}
