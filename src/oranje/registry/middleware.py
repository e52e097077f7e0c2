"""No copy of a registry page or answer stays behind in a browser or a proxy.

Registry pages and API answers hold person data; a shelter's shared tablet must not show them
again through the back button or its disk cache after the officer logged out. Every response
of a registry view (pages and API) gets `Cache-Control: no-store, private`. The care room's
pages and answers hold the same kind of data (guests of a shelter, people with reduced
self-reliance) and get the same header, as do the damage room's (reporters' names and
addresses), the aftercare room's (the IAC's households) and the quality room's (the names
behind a figure's drill-down, a municipality's evidence) and the learning room's (evaluation
participants, survey addresses); the rooms are named by their module paths only, so the
registry imports nothing of them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

#: The rooms whose every view answers with data about persons.
_PERSONAL_DATA_ROOMS = (
    "oranje.registry.",
    "oranje.care.",
    "oranje.damage.",
    "oranje.aftercare.",
    "oranje.quality.",
    "oranje.learning.",
    "oranje.partners.",
)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        module = getattr(match.func, "__module__", "") if match is not None else ""
        if module.startswith(_PERSONAL_DATA_ROOMS):
            patch_cache_control(response, no_store=True, private=True)
        return response
