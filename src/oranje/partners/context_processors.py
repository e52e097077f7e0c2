"""The menu's view of the partners room: a partner-only login sees only its partner pages
(base.html hides the staff links when `partner_only`); a region's managers get the link to
its partner logins."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from oranje.core import access as core_access
from oranje.core.models import Region
from oranje.partners import access


def partners(request: HttpRequest) -> dict[str, Any]:
    # An error page for a request refused before the login was read (a bad Host) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"partner_only": False}
    region: Region | None = getattr(request, "region", None)
    partner = access.partner_regions(user)
    return {
        "partner_only": access.is_partner_only(user),
        "partner_menu_regions": (
            list(Region.objects.filter(pk__in=partner).order_by("code")) if partner else []
        ),
        "partner_logins_menu": bool(
            region is not None and core_access.can_manage_region(user, region.pk)
        ),
    }
