"""The access chokepoint for incidents and everything inside them.

Three levels, each inside the one before:

- **read**: anyone with a membership in the incident's region. Incidents of a region the user
  may not read answer 404.
- **operate** (log, decide, actions, checklists, draft a situation report, answer and record
  alerts, hand over): everyone in the region but viewers and quality monitors. Population care
  is one column across the region's municipalities, so this is not narrowed per municipality.
- **command** (scale, approve and publish a situation report, close): those who lead it —
  the region's coordinators and administrators (and a national administrator); a municipal
  coordinator only for an incident their municipality is involved in (the scene or one of the
  municipalities involved); and whoever holds a leading function (OvD-BZ, AC-BZ, L-TBZ) for
  this incident: alerted for it and not declined, or who started it while holding such a
  function (the OvD-BZ who opens the incident must be able to scale it, before anyone is
  alerted). Who was alerted is the alerting room's knowledge; it answers through
  `hooks.registry.leads`, so this room never imports it.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.incidents.constants import LEADING_FUNCTIONS
from oranje.incidents.hooks import registry
from oranje.incidents.models import Incident
from oranje.organisation.models import Person


def incidents_for_user(user: AnyUser) -> QuerySet[Incident]:
    """The incidents the user may see."""
    s = core_access.scopes_for(user)
    if s.national_read:
        return Incident.objects.all()
    return Incident.objects.filter(region_id__in=s.read_regions)


def can_operate(user: AnyUser, incident: Incident) -> bool:
    return core_access.can_operate_region(user, incident.region_id)


def involved_municipality_ids(incident: Incident) -> set[int]:
    """The municipality of the scene and every municipality involved."""
    return {incident.municipality_id, *incident.municipalities.values_list("pk", flat=True)}


def leads(user: AnyUser, incident: Incident) -> bool:
    """Whether the user holds a leading function for this incident: started it as a holder
    of one, or was alerted for one (asked of later rooms)."""
    if not user.is_authenticated:
        return False
    if incident.created_by_id == user.pk and (
        Person.objects.filter(
            user_id=user.pk,
            region_id=incident.region_id,
            active=True,
            functions__code__in=LEADING_FUNCTIONS,
        ).exists()
    ):
        return True
    return any(listener(incident, user, LEADING_FUNCTIONS) for listener in registry.leads)


def can_command(user: AnyUser, incident: Incident) -> bool:
    """May scale the incident, approve and publish its situation reports, and close it."""
    if not can_operate(user, incident):
        return False
    if core_access.can_manage_region(user, incident.region_id):
        return True
    mine = core_access.scopes_for(user).manage_municipalities
    if mine and mine & involved_municipality_ids(incident):
        return True
    return leads(user, incident)


def incident_for_user(
    user: AnyUser, pk: int, *, operate: bool = False, command: bool = False
) -> Incident:
    """The incident if the user may see it (404 otherwise), work in it (`operate`) or lead
    it (`command`); 403 when the asked right is missing."""
    incident = Incident.objects.select_related("region", "municipality").filter(pk=pk).first()
    if incident is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if operate or command:
        core_access.require(can_operate(user, incident))
    if command:
        core_access.require(can_command(user, incident))
    return incident
