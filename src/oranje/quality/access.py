"""The quality room's chokepoints.

- **Norm sets** are read by everyone who sees a region (the national set by every logged-in
  member); the **national** set is written by a national administrator or a national quality
  monitor, a **regional** set by the region's quality monitor, coordinator or administrator.
- **The region's monitoring** (the municipality × norm view, drill-downs with names, the
  improvement actions, the flexible-scaling reviews, costs, board reports, reviewing
  self-assessments, agreements): the region's quality monitor, its regional coordinators and
  administrators, and the national ones. Others get 404 for another region and 403 for their
  own.
- **A municipality's view** and its **self-assessment** answers: besides the above, the
  municipality's own coordinator (the municipal secretary's office) and its quality monitor.
- **The national view**: every national membership; a region's monitor sees it too, with the
  other regions named or anonymous by `ORANJE_QUALITY_NATIONAL_NAMED`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.constants import MANAGING_ROLES, Role
from oranje.core.models import Membership, Municipality, Region, User

MONITOR_ROLES = frozenset({Role.QUALITY_MONITOR, *MANAGING_ROLES})


def _national(user: AnyUser) -> bool:
    """A national quality monitor or administrator (a membership without region)."""
    if not isinstance(user, User) or not user.is_active:
        return False
    cache: dict[str, bool] = vars(user).setdefault("_oranje_quality", {})
    if "national" not in cache:
        cache["national"] = Membership.objects.filter(
            user=user,
            role__in=list(MONITOR_ROLES),
            region__isnull=True,
            municipality__isnull=True,
        ).exists()
    return cache["national"]


def monitor_regions(user: AnyUser) -> frozenset[int]:
    """Regions whose monitoring the user sees by a regional membership."""
    if not isinstance(user, User) or not user.is_active:
        return frozenset()
    cache: dict[str, frozenset[int]] = vars(user).setdefault("_oranje_quality_regions", {})
    if "regions" not in cache:
        cache["regions"] = frozenset(
            Membership.objects.filter(
                user=user, role__in=list(MONITOR_ROLES), region__isnull=False
            ).values_list("region_id", flat=True)
        )
    return cache["regions"]


def is_national(user: AnyUser) -> bool:
    return _national(user)


def can_monitor(user: AnyUser, region_id: int) -> bool:
    """May see the region's monitoring and work its quality cycle."""
    return _national(user) or region_id in monitor_regions(user)


def can_edit_norms(user: AnyUser, region_id: int | None) -> bool:
    """May write the national set (`region_id` None) or a region's set."""
    if region_id is None:
        return _national(user)
    return can_monitor(user, region_id)


def monitored_municipalities(user: AnyUser) -> frozenset[int]:
    """Municipalities whose own view the user sees by a municipal membership."""
    if not isinstance(user, User) or not user.is_active:
        return frozenset()
    return frozenset(
        Membership.objects.filter(
            user=user, role__in=list(MONITOR_ROLES), municipality__isnull=False
        ).values_list("municipality_id", flat=True)
    )


def can_see_municipality(user: AnyUser, municipality: Municipality) -> bool:
    return can_monitor(user, municipality.region_id) or municipality.pk in (
        monitored_municipalities(user)
    )


def monitor_region_for_user(user: AnyUser, region: Region) -> Region:
    """The region if the user may see its monitoring; 404 when they may not even read the
    region, 403 when they may read it but not monitor it."""
    if not core_access.can_read_region(user, region.pk):
        raise Http404
    if not can_monitor(user, region.pk):
        raise PermissionDenied
    return region


def municipality_for_user(user: AnyUser, pk: int) -> Municipality:
    """A municipality whose quality view the user may see (404 outside their regions,
    403 inside them without the right)."""
    try:
        municipality = Municipality.objects.select_related("region").get(pk=pk)
    except Municipality.DoesNotExist:
        raise Http404 from None
    if not core_access.can_read_region(user, municipality.region_id):
        raise Http404
    if not can_see_municipality(user, municipality):
        raise PermissionDenied
    return municipality


def national_for_user(user: AnyUser) -> None:
    """The national view: national memberships and every region's monitors."""
    if not (_national(user) or monitor_regions(user) or core_access.scopes_for(user).national_read):
        raise PermissionDenied
