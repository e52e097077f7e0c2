from typing import Any

from django.http import HttpRequest

from oranje import __version__
from oranje.core import access


def oranje(request: HttpRequest) -> dict[str, Any]:
    # An error page for a request refused before the login was read (a bad Host) has no user.
    user = getattr(request, "user", None)
    region = getattr(request, "region", None)
    if user is None or not user.is_authenticated:
        return {"current_region": None}
    return {
        "current_region": region,
        "my_regions": access.readable_regions(user).order_by("code"),
        "my_memberships": user.memberships.select_related("region", "municipality"),
        "can_manage": bool(region and access.can_manage_anything(user, region.pk)),
        # Later rooms set this when the page shows exercise (OEFENING) data.
        "is_exercise": False,
        # Signed-in users only: the release tells a stranger which known flaws to try.
        "oranje_version": __version__,
    }
