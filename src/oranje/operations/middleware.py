"""Request latency per view for the metrics (`oranje_http_request_duration_seconds`)."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from oranje.operations import metrics


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
