"""Pages of the core room: home, region switch, municipalities, audit log, accessibility."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from oranje.core import access
from oranje.core.constants import CARE_ROLES, REGISTRY_ROLES
from oranje.core.middleware import SESSION_KEY
from oranje.core.models import AuditEntry, Membership, Municipality, Region


def current_region(request: HttpRequest) -> Region:
    """The region the user works in; a user without any membership sees nothing."""
    region: Region | None = getattr(request, "region", None)
    if region is None:
        raise PermissionDenied
    return region


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field where possible."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The first page after logging in: the on-call overview, except for people who only
    work in incidents' registry or shelters (their work starts at the incidents), and for
    logins without any membership: a partner's login lands on the partner view (the partners
    room, by URL name: core imports no room; it refuses a login that is no partner either)."""
    user = access.authenticated(request.user)
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if not roles:
        return redirect("partners:home")
    if roles and roles <= REGISTRY_ROLES | CARE_ROLES:
        return redirect("incidents:incidents")
    return redirect("organisation:oncall_now")


@login_required
@require_POST
def choose_region(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("region", "")
    region = access.region_for_user(request.user, code)
    request.session[SESSION_KEY] = region.code
    return redirect(safe_next(request, request.POST.get("next", "")) or "core:home")


def safe_next(request: HttpRequest, target: str) -> str:
    """`target` if it is a page of this site (never another host or scheme), else ''."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
def municipalities(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    items = (
        Municipality.objects.filter(region=region)
        .prefetch_related("districts", "successors", "predecessors")
        .order_by("valid_until", "name")
    )
    return render(request, "core/municipalities.html", {"items": items, "nav": "municipalities"})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The region's audit trail: for those who manage something in it."""
    region = current_region(request)
    if not access.can_manage_anything(request.user, region.pk):
        raise Http404
    entries = AuditEntry.objects.filter(region=region)
    action = request.GET.get("actie", "")
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    return render(request, "core/audit.html", {"page": page, "action": action, "nav": "audit"})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")
