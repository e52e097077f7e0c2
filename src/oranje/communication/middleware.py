"""The public page served from memory, before the rest of the stack.

When the whole town looks at once, most of the cost of a kept page would be the request
passing through sessions, authentication, CSRF, the content security policy, URL resolution and
the rest. This middleware, right after the security and static-file middleware, keeps the
finished answer of `/publiek/<region>/` — the page's bytes and every header the stack gave
it (the content security policy, frame and language headers, Cache-Control, ETag,
Last-Modified) — per region and language for `PUBLIC_PAGE_SECONDS`, and answers a GET or HEAD from
it: 200, or 304 when the browser or proxy already holds these bytes. The page is the same for
everyone (no user, no token in it), and an answer that set a cookie is never kept. Every other
request passes untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from oranje.communication.constants import PUBLIC_PAGE_SECONDS
from oranje.communication.public import REGION_CODE_MAX, page_cache_key

PATH = re.compile(rf"^/publiek/([A-Za-z0-9]{{1,{REGION_CODE_MAX}}})/$")

#: A kept answer: its bytes and its headers.
Kept = tuple[bytes, list[tuple[str, str]]]


class PublicPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = PATH.match(request.path_info) if request.method in ("GET", "HEAD") else None
        if match is None:
            return self.get_response(request)
        # The language as LanguageMiddleware chooses it (further down, not yet run).
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        key = page_cache_key(match.group(1), language)
        kept: Kept | None = cache.get(key)
        if kept is None:
            response = self.get_response(request)
            if (
                request.method == "GET"
                and response.status_code == 200
                and not response.cookies
                and not response.streaming
            ):
                cache.set(key, (response.content, list(response.items())), PUBLIC_PAGE_SECONDS)
            return response
        body, headers = kept
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        answer = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
        if isinstance(answer, HttpResponseNotModified):
            return answer
        if request.method == "HEAD":
            response.content = b""
            response["Content-Length"] = str(len(body))
        return response
