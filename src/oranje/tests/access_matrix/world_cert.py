"""The access matrix world, issue 17, part "cert": this part's objects in one scope, written
directly (no services). Keys (for the tables' paths): listed in `objects`' docstring."""

from __future__ import annotations

import datetime as dt

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident
from oranje.readiness.constants import ProviderKind
from oranje.readiness.models import Accreditation, Provider


def objects(region: Region, municipality: Municipality, incident: Incident) -> dict[str, int | str]:
    """Keys: `provider` (a training provider on the national list) and `accreditation` (one
    of its accreditations). The list is national: every scope gets its own provider, but the
    tables use them with scope "-"."""
    provider = Provider.objects.create(
        name=f"Opleider {region.code} {municipality.cbs_code}", kind=ProviderKind.INSTITUTE
    )
    accreditation = Accreditation.objects.create(
        provider=provider, code="BZ-OVD-BASIS", valid_from=dt.date(2020, 1, 1)
    )
    return {"provider": provider.pk, "accreditation": accreditation.pk}
