from __future__ import annotations

from django.http import HttpRequest

from oranje.care.access import care_regions


def care(request: HttpRequest) -> dict[str, object]:
    """`care_regions`: the regions where the user holds a care role (the desk's pages)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"care_regions": {}}
    return {"care_regions": care_regions(user)}
