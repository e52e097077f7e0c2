"""The access chokepoint for incidents and everything inside them.

Anyone with a membership in the incident's region may read it; everyone but viewers and
quality monitors may work in it (log, decide, scale, tick, answer). Incidents of a region the
user may not read answer 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.incidents.models import Incident


def incidents_for_user(user: AnyUser) -> QuerySet[Incident]:
    """The incidents the user may see."""
    s = core_access.scopes_for(user)
    if s.national_read:
        return Incident.objects.all()
    return Incident.objects.filter(region_id__in=s.read_regions)


def can_operate(user: AnyUser, incident: Incident) -> bool:
    return core_access.can_operate_region(user, incident.region_id)


def incident_for_user(user: AnyUser, pk: int, *, operate: bool = False) -> Incident:
    """The incident if the user may see it (404 otherwise) or work in it (403)."""
    incident = Incident.objects.select_related("region", "municipality").filter(pk=pk).first()
    if incident is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if operate:
        core_access.require(can_operate(user, incident))
    return incident
