"""Puts the region the user is working in on the request (`request.region`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from oranje.core import access

SESSION_KEY = "oranje_region"


class ScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.region = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            regions = access.readable_regions(user)
            chosen = request.session.get(SESSION_KEY)
            region = regions.filter(code=chosen).first() if chosen else None
            if region is None:
                region = regions.order_by("code").first()
            request.region = region  # type: ignore[attr-defined]
        return self.get_response(request)
