"""Request latency per view for the metrics (`oranje_http_request_duration_seconds`), and
the health answer given before sessions, logins and the rest are set up."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from oranje.operations import metrics, views_health

#: The health addresses, answered by HealthMiddleware (the URLconf names them too).
HEALTH_VIEWS = {
    "/gezond/": ("operations:health", views_health.health),
    "/gezond/web/": ("operations:health_instance", views_health.health_instance),
}


class MetricsMiddleware:
    """Times each request around everything after it and records it under its view's name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # A malformed ORANJE_METRICS_NETWORKS stops the start, not the first scrape.
        metrics.metrics_networks()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        metrics.observe_request(request, response, time.perf_counter() - started)
        return response


class HealthMiddleware:
    """Answers `/gezond/` and `/gezond/web/` before the session, the login, the second-factor
    step, the partner rule and the content policy run: a balancer has none of those, each
    costs time on a probe that must stay under 20 ms, and a probe must never be redirected
    to a login page. Placed after SecurityMiddleware (https redirect with its exemption) and
    the request-id and metrics middlewares, so a probe is still traced and counted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = HEALTH_VIEWS.get(request.path_info)
        if found is None:
            return self.get_response(request)
        name, view = found
        request.metrics_view = name  # type: ignore[attr-defined]  # no URL resolving per probe
        return view(request)
