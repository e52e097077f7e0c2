"""Prometheus metrics at `/metriek/`: request latency per view, measured in every process, and
figures read from the database when Prometheus scrapes (metrics_database.py).

gunicorn runs several worker processes, each answering some of the requests and some of the
scrapes. With `PROMETHEUS_MULTIPROC_DIR` set (gunicorn_config.py sets it), every process
writes its observations to files in that directory and a scrape sums them all, as
prometheus_client's multiprocess mode prescribes; without it (tests, runserver, one process)
the latency lives in this process's memory.

Label values come from fixed sets only: the URL pattern's name (never the path, which can
hold a name or a search), a known method, a status class. No person data reaches a label.
"""

from __future__ import annotations

import hmac
import ipaddress
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)

from oranje.operations.metrics_database import DatabaseCollector

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD = "other"
UNMATCHED = "unmatched"
STATIC = "static"
#: From a quick page (5 ms) to a slow export (30 s): the view timings Oranje has to answer for.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

REQUEST_DURATION = Histogram(
    "oranje_http_request_duration_seconds",
    "Time from the request reaching Oranje to its response, per view, method and status class.",
    ["view", "method", "status"],
    buckets=BUCKETS,
    # Registered per scrape (below), not in prometheus_client's global registry.
    registry=None,
)
_database = DatabaseCollector()


def multiprocess_dir() -> str:
    return os.environ.get(MULTIPROC_ENV, "")


def view_label(request: HttpRequest) -> str:
    """The URL pattern's name of the view that answered, e.g. `core:home`.

    A response given before the URL was resolved (static files, the public page kept in
    memory, a lockout) is resolved here; an address that matches no pattern is `unmatched`.
    """
    named = getattr(request, "metrics_view", None)  # set by whoever answered before the URLconf
    if named:
        return str(named)
    match = getattr(request, "resolver_match", None)
    if match is None:
        if request.path_info.startswith(settings.STATIC_URL):
            return STATIC
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return UNMATCHED
    return match.view_name or UNMATCHED


def method_label(method: str | None) -> str:
    return method if method in METHODS else OTHER_METHOD


def status_label(status: int) -> str:
    return f"{min(max(status // 100, 1), 5)}xx"


def observe_request(request: HttpRequest, response: HttpResponse, seconds: float) -> None:
    REQUEST_DURATION.labels(
        view=view_label(request),
        method=method_label(request.method),
        status=status_label(response.status_code),
    ).observe(seconds)


def scrape() -> bytes:
    """Every metric in the Prometheus text format: this process's (or every process's)
    request latencies and the figures of the database."""
    registry = CollectorRegistry(auto_describe=False)
    path = multiprocess_dir()
    if path:
        multiprocess.MultiProcessCollector(registry, path=path)
    else:
        registry.register(REQUEST_DURATION)
    registry.register(_database)
    return generate_latest(registry)


CONTENT_TYPE = CONTENT_TYPE_LATEST


# Who may scrape ---------------------------------------------------------------------------


def metrics_networks() -> list[Network]:
    """settings.METRICS_NETWORKS parsed; a malformed entry is refused with what to write."""
    networks: list[Network] = []
    for entry in settings.METRICS_NETWORKS:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"ORANJE_METRICS_NETWORKS: {entry!r} is geen netwerk; schrijf adressen of "
                f"netwerken als 10.0.0.0/8 of 2001:db8::/32, gescheiden door komma's. / "
                f"{entry!r} is not a network; write addresses or networks such as 10.0.0.0/8 "
                f"or 2001:db8::/32, separated by commas."
            ) from None
    return networks


def _bearer(request: HttpRequest) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


#: The reverse proxy of the documented install runs on this machine (deploy/nginx).
_LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


def _client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; but a request the proxy on this machine passed on (ORANJE_BEHIND_PROXY,
    from loopback) is judged by the address the proxy appended last to X-Forwarded-For. A
    balancer on another machine is not trusted that way: there, use the token."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded and remote in _LOOPBACK:
        return forwarded.split(",")[-1].strip()
    return remote


def metrics_allowed(request: HttpRequest) -> bool:
    """True for the bearer token (when one is set) or a client address in the networks.

    Behind a reverse proxy on this machine (ORANJE_BEHIND_PROXY) REMOTE_ADDR is 127.0.0.1:
    the client is then the address the proxy appended last to X-Forwarded-For, so that the
    default local network does not open the metrics to everyone who reaches the proxy. The
    proxy may refuse `/metriek/` itself as well (docs/operations.md).
    """
    token = settings.METRICS_TOKEN
    offered = _bearer(request)
    if token and offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    try:
        address = ipaddress.ip_address(_client_address(request))
    except ValueError:
        return False
    # A dual-stack listener shows an IPv4 client as ::ffff:a.b.c.d.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in metrics_networks())
