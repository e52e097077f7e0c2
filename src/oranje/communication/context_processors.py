from __future__ import annotations

from django.http import HttpRequest

from oranje.communication.access import communication_regions


def communication(request: HttpRequest) -> dict[str, object]:
    """`communication_regions`: the regions where the user holds the communication role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"communication_regions": frozenset()}
    return {"communication_regions": communication_regions(user)}
