"""Request ids: every request gets one, carried by each of its log lines and by the tasks it
queues (`oranje.core.task_origin`), and returned to the client as `X-Request-ID`.

The reverse proxy may send its own (nginx: `proxy_set_header X-Request-ID $request_id;`), so
its access log and Oranje's lines share the id; anything that is not a plain token of 8 to
64 characters is replaced by a new id rather than written into a log.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from oranje.core.logs import log_context

HEADER = "X-Request-ID"
_TOKEN = re.compile(r"[A-Za-z0-9._-]{8,64}")


def request_id_for(incoming: str | None) -> str:
    """The incoming id when it is a sane token, otherwise a new one (32 hex digits)."""
    if incoming and _TOKEN.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every other middleware's and the view's log lines carry it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request.headers.get(HEADER))
        # Also on the request: Django logs an error response after this middleware returned.
        request.request_id = request_id  # type: ignore[attr-defined]
        with log_context(request_id=request_id):
            response = self.get_response(request)
        response[HEADER] = request_id
        return response
