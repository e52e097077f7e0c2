"""A partner-only login outside the partners room is an anonymous visitor.

A partner login has no membership, so the staff chokepoints refuse it — but some staff pages
and API lists answer any logged-in user (their own shifts and alerts, empty; the national
catalogue and counts). Rather than trust every such page to think of partners, a login that
is only a partner is treated as not logged in on every page outside the partners room (and
its own account pages): the public pages still open, everything else answers as to a
stranger — a page that would send a stranger to the login page answers instead as it would
to a logged-in outsider, since the partner is logged in: 404 for a page about an object (its
existence is not revealed), 403 ("no access") for any other.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import Resolver404, ResolverMatch, resolve
from django.views.defaults import page_not_found, permission_denied

from oranje.core import access as core_access
from oranje.partners import access

#: Pages outside the room a partner uses as themselves: the start page (it sends them on),
#: logging out, the second login step and its set-up, the language switch, accessibility.
OWN_PAGES = frozenset(
    {
        "core:home",
        "core:logout",
        "core:second_step",
        "core:two_factor",
        "core:two_factor_setup",
        "core:accessibility",
        "set_language",
    }
)
API_PREFIX = "api/v1/partners/"


def _match(request: HttpRequest) -> ResolverMatch | None:
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


def _inside(match: ResolverMatch | None) -> bool:
    return match is not None and (
        match.namespace == "partners"
        or match.view_name in OWN_PAGES
        or match.route.startswith(API_PREFIX)
    )


def _partner_only(user: object) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    scopes = core_access.scopes_for(user)  # type: ignore[arg-type]
    if scopes.national_read or scopes.read_regions:
        return False  # staff (cached per request already): no extra query
    return access.is_partner(user)  # type: ignore[arg-type]


class PartnerOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _partner_only(getattr(request, "user", None)):
            return self.get_response(request)
        match = _match(request)
        if _inside(match):
            return self.get_response(request)
        stranger = AnonymousUser()
        request.user = stranger

        async def auser() -> AnonymousUser:
            return stranger

        request.auser = auser
        response = self.get_response(request)
        login = resolve_url(settings.LOGIN_URL)
        if response.status_code == 302 and response.get("Location", "").startswith(login):
            # A page about an object does not reveal that it exists; any other page says
            # "no access".
            if match is not None and match.kwargs:
                return page_not_found(request, Http404())
            return permission_denied(request, PermissionDenied())
        return response
