"""A region's warnings for anyone, without login: an Atom feed (RFC 4287) of its published
warnings of real incidents, each entry pointing at the warning's CAP 1.2 file. Exercises never
appear. Both are cacheable for a short while: apps, news rooms and other regions poll them."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from lxml import etree

from oranje.communication.access import public_region, public_warning, public_warnings
from oranje.communication.constants import Relation
from oranje.communication.models import Message
from oranje.communication.services import cap
from oranje.communication.services.exports import more_info_url, public_page_url
from oranje.core.models import Region

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
#: The newest warnings in the feed (a reader wants what is current, not the archive).
FEED_ENTRIES = 50
#: Seconds a browser, proxy or poller may keep an answer: short, a warning must show soon.
MAX_AGE = 30
#: Seconds this process keeps a region's feed before building it again.
FEED_CACHE_SECONDS = 5
#: Region codes are VR01–VR25; a longer one is no region.
REGION_CODE_MAX = 8


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def _cap_url(region: Region, message: Message) -> str:
    return _absolute(reverse("communication:public_cap", args=(region.code.lower(), message.pk)))


def _atom_time(moment: dt.datetime) -> str:
    return moment.astimezone(cap.AMSTERDAM).replace(microsecond=0).isoformat()


def _add(parent: Any, name: str, text: str = "", **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}{name}", attrs)
    if text:
        element.text = cap.xml_text(text)
    return element


def atom_feed(region: Region, warnings: list[Message]) -> bytes:
    """The Atom document of the region's warnings (newest first)."""
    feed_url = _absolute(reverse("communication:public_feed", args=(region.code.lower(),)))
    with translation.override("nl"):
        sender = _("Safety region %(name)s") % {"name": region.name}
        title = _("Warnings - %(sender)s") % {"sender": sender}
        feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", "nl")
        _add(feed, "id", feed_url)
        _add(feed, "title", title)
        _add(feed, "subtitle", _("Published warnings with what to do, as CAP 1.2 alerts."))
        newest = max((m.published_at for m in warnings if m.published_at), default=None)
        _add(feed, "updated", _atom_time(newest or timezone.now()))
        author = _add(feed, "author")
        _add(author, "name", sender)
        _add(feed, "link", rel="self", type=ATOM_TYPE, href=feed_url)
        _add(feed, "link", rel="alternate", type="text/html", href=public_page_url(region))
        for message in warnings:
            assert message.published_at is not None  # public_warnings: published only
            entry = _add(feed, "entry")
            cap_url = _cap_url(region, message)
            _add(entry, "id", cap_url)
            _add(entry, "title", message.title)
            _add(entry, "updated", _atom_time(message.published_at))
            _add(entry, "published", _atom_time(message.published_at))
            _add(entry, "summary", " ".join(filter(None, [message.instruction, message.text])))
            _add(entry, "category", term=cap.MSG_TYPE[Relation(message.relation)])
            _add(entry, "link", rel="alternate", type=cap.MEDIA_TYPE, href=cap_url)
            _add(entry, "link", rel="related", type="text/html", href=public_page_url(region))
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _region(code: str) -> Region:
    """The region of the address (404 for anything that cannot be a region's code)."""
    if not (code.isascii() and code.isalnum() and len(code) <= REGION_CODE_MAX):
        raise Http404
    return public_region(code)


def _answer(
    request: HttpRequest, body: bytes, content_type: str, modified: dt.datetime | None
) -> HttpResponse:
    """The body as a public, cacheable answer with an ETag and Last-Modified; 304 when the
    client already has it."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    stamp = int(modified.timestamp()) if modified is not None else None
    response = get_conditional_response(request, etag=etag, last_modified=stamp)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _feed(region: Region) -> tuple[bytes, dt.datetime | None]:
    """The region's feed and its newest warning's moment, kept FEED_CACHE_SECONDS in this
    process: a town's pollers cost one build per few seconds, and a new warning shows within
    them."""
    key = f"communication:feed:{region.code}"
    found: tuple[bytes, dt.datetime | None] | None = cache.get(key)
    if found is None:
        warnings = [m for m in public_warnings(region)[:FEED_ENTRIES] if not cap.cap_problems(m)]
        found = (atom_feed(region, warnings), warnings[0].published_at if warnings else None)
        cache.set(key, found, FEED_CACHE_SECONDS)
    return found


@require_safe
def public_feed(request: HttpRequest, code: str) -> HttpResponse:
    """The region's published warnings as an Atom feed (no login)."""
    body, modified = _feed(_region(code))
    return _answer(request, body, f"{ATOM_TYPE}; charset=utf-8", modified)


@require_safe
def public_cap(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One published warning of a real incident as CAP 1.2 (no login); 404 for anything
    else."""
    message = public_warning(_region(code), pk)
    if cap.cap_problems(message):
        # Published without what CAP needs (written around the services): no alert to give.
        raise Http404
    document = cap.cap_alert(message, web=more_info_url(message))
    return _answer(request, document, f"{cap.MEDIA_TYPE}; charset=utf-8", message.published_at)


urls: list[URLPattern] = [
    path("publiek/<str:code>/waarschuwingen.atom", public_feed, name="public_feed"),
    path("publiek/<str:code>/cap/<id:pk>.xml", public_cap, name="public_cap"),
]
