"""The public page of a region, without login (`/publiek/<region>/`), and the preview of an
incident's part of it for staff (`/incidenten/<id>/communicatie/publiek/`), which shows an
exercise too — marked OEFENING — so it can be practised.

The public page is rendered without the request (no context processor, no user, no CSRF
token): the same bytes for everyone, kept in the cache per region and language, sent with
`Cache-Control: public`, an ETag and a Last-Modified so a reverse proxy may keep it too, and
no cookie. See `communication/public.py` for how long a change may take to show.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from oranje.communication import public
from oranje.communication.access import communication_incident_for_user, public_region
from oranje.communication.constants import (
    PUBLIC_CLOSED_DAYS,
    PUBLIC_MAX_AGE,
    PUBLIC_PAGE_SECONDS,
)

#: Region codes are VR01–VR25; anything longer is no region (and no cache key).
REGION_CODE_MAX = 8

#: A cached answer: the page's bytes (None: no such region), its ETag, and since when this
#: process has served these bytes (Last-Modified).
Entry = tuple[bytes | None, str, float]


def _map() -> dict[str, str]:
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}


def _render(code: str, language: str) -> Entry:
    try:
        region = public_region(code)
    except Http404:  # remembered as well: an unknown code costs no query either
        return (None, "", 0.0)
    now = timezone.now()
    incidents = public.public_incidents(region, now=now)
    updates = [u for p in incidents if (u := p.last_update) is not None]
    body = render_to_string(
        "communication/public/page.html",
        {
            "region": region,
            "incidents": incidents,
            "last_update": max(updates, default=None),
            "rendered_at": now,
            "map": _map(),
            "points": public.map_points(incidents),
        },
    ).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    # Last-Modified: the first time this process rendered these very bytes. A shelter
    # closing or a question withdrawn changes the page without a newer moment in the data.
    stamp_key = public.page_cache_key(code, language) + ":since"
    since: tuple[str, float] | None = cache.get(stamp_key)
    if since is None or since[0] != etag:
        since = (etag, now.timestamp())
        cache.set(stamp_key, since, None)
    return (body, etag, since[1])


@require_safe
def public_page(request: HttpRequest, region: str) -> HttpResponse:
    if not (region.isascii() and region.isalnum() and len(region) <= REGION_CODE_MAX):
        raise Http404
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = public.page_cache_key(region, language)
    entry: Entry | None = cache.get(key)
    if entry is None:
        entry = _render(region, language)
        cache.set(key, entry, PUBLIC_PAGE_SECONDS)
    body, etag, modified = entry
    if body is None:
        raise Http404
    response = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if response is None:
        response = HttpResponse(body)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(modified))
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@login_required
def public_preview(request: HttpRequest, pk: int) -> HttpResponse:
    incident = communication_incident_for_user(request.user, pk)
    shown = public.incident_public(incident)
    return render(
        request,
        "communication/public/preview.html",
        {
            "region": incident.region,
            "incident": incident,
            "incidents": [shown] if shown.messages else [],
            "shown": shown,
            "listed": public.on_public_page(incident),
            "is_exercise": incident.is_exercise,
            "last_update": shown.last_update,
            "rendered_at": timezone.now(),
            "map": _map(),
            "points": public.map_points([shown]),
            "closed_days": PUBLIC_CLOSED_DAYS,
        },
    )


urls: list[URLPattern] = [
    path("publiek/<str:region>/", public_page, name="public_page"),
    path("incidenten/<id:pk>/communicatie/publiek/", public_preview, name="public_preview"),
]
