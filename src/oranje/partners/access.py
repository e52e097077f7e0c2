"""The partners room's chokepoints.

- **Partner view** (`partner_regions`, `partner_region_for_user`): a login with an active
  `PartnerAccess` for a region reads that region's published situation reports, published
  public messages, open shelters and the scaling history of its real incidents — never person
  data, drafts or exercises. A partner login has no membership, so every other room refuses it.
- **Managing partner logins and the region's point of contact**: the region's administrators
  and coordinators (`core.access.can_manage_region`), and national administrators.
- **The description of population care**: read by every member and every partner of a region;
  the national text is written by national administrators, a region's additions by that
  region's managers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.models import Region, User
from oranje.partners.models import PartnerAccess


def partner_regions(user: AnyUser) -> frozenset[int]:
    """The regions this login has an active (not revoked) partner access to."""
    if not isinstance(user, User) or not user.is_active:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_oranje_partner_regions", None)
    if cached is None:
        cached = frozenset(
            PartnerAccess.objects.filter(user=user, revoked_at__isnull=True).values_list(
                "region_id", flat=True
            )
        )
        user._oranje_partner_regions = cached  # type: ignore[attr-defined]
    return cached


def is_partner(user: AnyUser) -> bool:
    return bool(partner_regions(user))


def is_partner_only(user: AnyUser) -> bool:
    """A partner login without any staff membership: it sees only the partner pages."""
    s = core_access.scopes_for(user)
    return is_partner(user) and not (s.national_read or s.read_regions)


def partner_region_for_user(user: AnyUser, code: str) -> Region:
    """The region a partner (or a member of that region) may see the partner view of; 404
    otherwise."""
    region = Region.objects.filter(code=code.upper()).first() if len(code) <= 4 else None
    if region is None:
        raise Http404
    if region.pk in partner_regions(user) or core_access.can_read_region(user, region.pk):
        return region
    raise Http404


def reads_as_partner(user: AnyUser, region: Region) -> bool:
    """Whether this read of the partner view is a partner's (audited), not a staff member's
    look at what partners see."""
    return region.pk in partner_regions(user) and not core_access.can_read_region(user, region.pk)


def partner_logins_region_for_user(user: AnyUser, code: str) -> Region:
    """The region whose partner logins the user manages: 404 for who does not read the
    region as staff (partners included), 403 for staff who do not manage it."""
    if len(code) > 4:
        raise Http404
    return core_access.region_for_user(user, code, manage=True)


def partner_access_for_user(user: AnyUser, region: Region, pk: int) -> PartnerAccess:
    """One partner access of `region` for one of its managers (the region's chokepoint comes
    first: `partner_logins_region_for_user`); 404 for an access of another region."""
    if not core_access.can_manage_region(user, region.pk):
        raise PermissionDenied
    found = PartnerAccess.objects.select_related("user", "region").filter(pk=pk, region=region)
    access = found.first()
    if access is None:
        raise Http404
    return access


def can_manage_partners(user: AnyUser, region: Region) -> bool:
    return core_access.can_manage_region(user, region.pk)
