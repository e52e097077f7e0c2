"""Access chokepoints of the one-hour drill (as `readiness.access` for the room's other
objects). Reading follows the region: any membership in a region reads its drills, like its
exercises and alarm tests. Sending, sending again and assessing are for the region's managers
(`can_manage_region`): a drill reaches someone on the region's roster, across municipalities.
The person drilled needs no login: their signed link is their key (services.drills)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.readiness.models import Drill


def drills_for_user(user: AnyUser) -> QuerySet[Drill]:
    """The drills of the regions the user may read."""
    s = core_access.scopes_for(user)
    qs = Drill.objects.select_related("region", "person", "function")
    if s.national_read:
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(region_id__in=s.read_regions)


def drill_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Drill:
    """One drill: 404 when the user may not read its region, 403 when `manage` is asked of
    someone who does not manage the region."""
    drill = (
        Drill.objects.select_related("region", "person", "function", "assessed_by", "created_by")
        .filter(pk=pk)
        .first()
    )
    if drill is None or not core_access.can_read_region(user, drill.region_id):
        raise Http404
    if manage and not core_access.can_manage_region(user, drill.region_id):
        raise PermissionDenied
    return drill
