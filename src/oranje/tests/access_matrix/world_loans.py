"""The access matrix world, issue 17, part "loans": this part's objects in one scope, written
directly (no services). Keys (for the tables' paths): listed in `objects`' docstring."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident
from oranje.organisation.models import Function, Loan, Person


def objects(region: Region, municipality: Municipality, incident: Incident) -> dict[str, int | str]:
    """Keys: {loan}, a current loan of one of the scope's people to Hollands Midden (VR16)."""
    now = timezone.now()
    person = Person.objects.create(
        region=region,
        municipality=municipality,
        given_name="Matrix",
        surname=f"Uitgeleend {municipality.cbs_code}",
        email=f"matrix-loan-{municipality.cbs_code}@example.nl",
        phone="+31612345679",
    )
    ovd = Function.objects.get(code="OVD-BZ")
    person.functions.set([ovd])
    loan = Loan.objects.create(
        person=person,
        from_region=region,
        to_region=Region.objects.get(code="VR16"),
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(days=2),
        reason="Matrix",
    )
    loan.functions.set([ovd])
    return {"loan": loan.pk}
