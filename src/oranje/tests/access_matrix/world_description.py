"""The access matrix world, issue 17, part "description": this part's objects in one scope, written
directly (no services). Keys (for the tables' paths): listed in `objects`' docstring."""

from __future__ import annotations

from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.incidents.constants import ReportStatus
from oranje.incidents.models import Incident, SituationReport
from oranje.partners.models import ContactPoint


def objects(region: Region, municipality: Municipality, incident: Incident) -> dict[str, int | str]:
    """Keys: {pubreport} — the version number of a published situation report of the scope's
    (real) incident. The region also gets a point of contact."""
    now = timezone.now()
    report = SituationReport.objects.create(
        incident=incident,
        version=2,
        status=ReportStatus.PUBLISHED,
        summary="Gepubliceerd beeld",
        approved_at=now,
        published_at=now,
    )
    ContactPoint.objects.get_or_create(
        region=region,
        defaults={"name": "Aanspreekpunt", "phone": "+31235159500", "email": "bz@example.nl"},
    )
    return {"pubreport": report.version}
