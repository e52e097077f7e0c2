from typing import Any

from django.http import HttpRequest

from oranje.quality import access


def quality(request: HttpRequest) -> dict[str, Any]:
    """Whether the main menu shows Kwaliteit: to the region's monitors, a municipality's own
    monitors and coordinators, and national members."""
    # An error page for a request refused before the login was read (a bad Host) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"quality_menu": False}
    region = getattr(request, "region", None)
    return {
        "quality_menu": bool(
            (region is not None and access.can_monitor(user, region.pk))
            or access.monitored_municipalities(user)
            or access.is_national(user)
        )
    }
