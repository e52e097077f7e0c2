"""Pages of certification: the national list of training institutes and providers with their
accreditations. Everyone with a membership reads it; the national administrator keeps it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.readiness import access
from oranje.readiness.forms_certification import AccreditationForm, ProviderForm
from oranje.readiness.models import Accreditation, Provider
from oranje.readiness.services import certification

NAV = "readiness"


def _readable(request: HttpRequest) -> None:
    s = core_access.scopes_for(request.user)
    core_access.require(s.national_read or bool(s.read_regions))


@login_required
def providers(request: HttpRequest) -> HttpResponse:
    _readable(request)
    code = request.GET.get("code", "").strip().upper()[:40]
    today = timezone.localdate()
    items = list(
        access.providers_for_user(request.user).prefetch_related("accreditations").order_by("name")
    )
    if code:
        items = [
            p
            for p in items
            if any(
                a.code == code
                and a.valid_from <= today
                and (a.valid_until is None or today <= a.valid_until)
                for a in p.accreditations.all()
            )
        ]
    return render(
        request,
        "readiness/certification/providers.html",
        {
            "active": [p for p in items if p.active],
            "inactive": [p for p in items if not p.active],
            "code": code,
            "codes": sorted(set(Accreditation.objects.values_list("code", flat=True))),
            "today": today,
            "keeper": access.can_keep_providers(request.user),
            "nav": NAV,
        },
    )


@login_required
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = access.provider_for_user(request.user, pk)
    return render(
        request,
        "readiness/certification/provider_detail.html",
        {
            "provider": provider,
            "accreditations": provider.accreditations.order_by("code"),
            "today": timezone.localdate(),
            "keeper": access.can_keep_providers(request.user),
            "nav": NAV,
        },
    )


def _provider_form(request: HttpRequest, provider: Provider | None) -> HttpResponse:
    initial = (
        {
            "name": provider.name,
            "kind": provider.kind,
            "website": provider.website,
            "note": provider.note,
        }
        if provider
        else {}
    )
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = certification.provider_save(
                actor=core_access.authenticated(request.user),
                provider=provider,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Training provider saved."))
            return redirect("readiness:provider_detail", pk=saved.pk)
    return render(
        request,
        "readiness/certification/provider_form.html",
        {"form": form, "provider": provider, "nav": NAV},
    )


@login_required
def provider_new(request: HttpRequest) -> HttpResponse:
    core_access.require(access.can_keep_providers(request.user))
    return _provider_form(request, None)


@login_required
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _provider_form(request, access.provider_for_user(request.user, pk, manage=True))


@login_required
@require_POST
def provider_active(request: HttpRequest, pk: int) -> HttpResponse:
    provider = access.provider_for_user(request.user, pk, manage=True)
    active = request.POST.get("active") == "1"
    certification.provider_set_active(
        actor=core_access.authenticated(request.user), provider=provider, active=active
    )
    messages.success(
        request,
        _("%(name)s is active again.") % {"name": provider.name}
        if active
        else _("%(name)s is deactivated: it no longer appears in the activity form.")
        % {"name": provider.name},
    )
    return redirect("readiness:provider_detail", pk=provider.pk)


def _accreditation_form(
    request: HttpRequest, provider: Provider, accreditation: Accreditation | None
) -> HttpResponse:
    initial = (
        {
            "code": accreditation.code,
            "label": accreditation.label,
            "valid_from": accreditation.valid_from,
            "valid_until": accreditation.valid_until,
        }
        if accreditation
        else {}
    )
    form = AccreditationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            certification.accreditation_save(
                actor=core_access.authenticated(request.user),
                provider=provider,
                accreditation=accreditation,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Accreditation saved."))
            return redirect("readiness:provider_detail", pk=provider.pk)
    return render(
        request,
        "readiness/certification/accreditation_form.html",
        {"form": form, "provider": provider, "accreditation": accreditation, "nav": NAV},
    )


@login_required
def accreditation_new(request: HttpRequest, pk: int) -> HttpResponse:
    provider = access.provider_for_user(request.user, pk, manage=True)
    return _accreditation_form(request, provider, None)


@login_required
def accreditation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    accreditation = access.accreditation_for_user(request.user, pk, manage=True)
    return _accreditation_form(request, accreditation.provider, accreditation)


@login_required
@require_POST
def accreditation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    accreditation = access.accreditation_for_user(request.user, pk, manage=True)
    provider_id = accreditation.provider_id
    certification.accreditation_delete(
        actor=core_access.authenticated(request.user), accreditation=accreditation
    )
    messages.success(request, _("Accreditation removed."))
    return redirect("readiness:provider_detail", pk=provider_id)
