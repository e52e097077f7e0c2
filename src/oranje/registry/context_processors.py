from __future__ import annotations

from django.http import HttpRequest

from oranje.registry.access import registry_regions


def registry(request: HttpRequest) -> dict[str, object]:
    """`registry_regions`: the regions where the user holds a registry role (the incident
    tab "Registratie" shows only there). Lazy: computed when a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"registry_regions": {}}
    return {"registry_regions": registry_regions(user)}
