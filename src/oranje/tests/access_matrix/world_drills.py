"""The access matrix world, issue 17, part "drills": this part's objects in one scope, written
directly (no services). Keys (for the tables' paths): listed in `objects`' docstring."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident
from oranje.organisation.models import Function, Person
from oranje.readiness.models import Drill
from oranje.readiness.services.drills import drill_link_token


def objects(region: Region, municipality: Municipality, incident: Incident) -> dict[str, int | str]:
    """Keys: {drill} (a drill of this scope's person, sent an hour ago, not yet reported) and
    {token:drill} (its personal link)."""
    person = Person.objects.filter(region=region, municipality=municipality).order_by("pk").first()
    assert person is not None
    now = timezone.now()
    drill = Drill.objects.create(
        region=region,
        person=person,
        function=Function.objects.get(code="CPG"),
        assignment="Je hebt een uur om een opvanglocatie te regelen.",
        created_at=now - dt.timedelta(hours=1),
        deadline=now + dt.timedelta(hours=1),
        sent_at=now - dt.timedelta(hours=1),
    )
    return {"drill": drill.pk, "token:drill": drill_link_token(drill)}
