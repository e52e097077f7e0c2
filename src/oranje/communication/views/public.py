"""The public page of a region, without login (`/publiek/<region>/`), and the preview of an
incident's part of it for staff (`/incidenten/<id>/communicatie/publiek/`), which shows an
exercise too — marked OEFENING — so it can be practised.

The public page is rendered without the request (no context processor, no user, no CSRF
token): the same bytes for everyone, sent with `Cache-Control: public`, an ETag and a
Last-Modified so a reverse proxy may keep it too, and no cookie; the answer is kept per
region and language by `communication.middleware.PublicPageMiddleware`. See
`communication/public.py` for how long a change may take to show.
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
from oranje.communication.constants import PUBLIC_CLOSED_DAYS, PUBLIC_MAX_AGE
from oranje.core.models import Region

#: Region codes are VR01–VR25; anything longer is no region (and no cache key).
REGION_CODE_MAX = public.REGION_CODE_MAX


def _map() -> dict[str, str]:
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}


def _render(region: Region, code: str) -> tuple[bytes, str, float]:
    """The page's bytes, its ETag, and since when this process has made these very bytes
    (Last-Modified: a shelter closing or a question withdrawn changes the page without a
    newer moment in the data, so the data's own moments will not do)."""
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
    stamp_key = public.page_cache_key(code, translation.get_language() or "") + ":since"
    since: tuple[str, float] | None = cache.get(stamp_key)
    if since is None or since[0] != etag:
        since = (etag, now.timestamp())
        cache.set(stamp_key, since, None)
    return body, etag, since[1]


@require_safe
def public_page(request: HttpRequest, region: str) -> HttpResponse:
    """The page, rendered afresh: `communication.middleware.PublicPageMiddleware` keeps the
    answer and serves it again for `PUBLIC_PAGE_SECONDS`, before the rest of the stack."""
    if not (region.isascii() and region.isalnum() and len(region) <= REGION_CODE_MAX):
        raise Http404
    body, etag, modified = _render(public_region(region), region)
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
