"""Managing partner logins (the region's coordinators and administrators, national
administrators), and the page where a partner chooses the password of a new login."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Membership
from oranje.core.views import apply_errors
from oranje.partners import access, logins
from oranje.partners.forms_logins import PartnerLoginForm
from oranje.partners.models import PartnerAccess


@login_required
def login_list(request: HttpRequest, code: str) -> HttpResponse:
    """The region's partner logins (active and revoked) and the form that adds one."""
    region = access.partner_logins_region_for_user(request.user, code)
    user = core_access.authenticated(request.user)
    form = PartnerLoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            added = logins.partner_login_create(actor=user, region=region, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Partner login for %(organisation)s added; the mail to choose a password "
                    "is on its way to %(email)s."
                )
                % {"organisation": added.organisation, "email": added.user.email},
            )
            return redirect("partners:logins", code=region.code)
    rows = list(
        PartnerAccess.objects.filter(region=region)
        .select_related("user", "created_by", "revoked_by")
        .order_by("revoked_at", "organisation", "pk")
    )
    states = logins.invite_states(rows)
    for row in rows:
        row.invite = states.get(row.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "partners/logins.html",
        {
            "region": region,
            "form": form,
            "active": [r for r in rows if r.revoked_at is None],
            "revoked": [r for r in rows if r.revoked_at is not None],
            "nav": "partner_logins",
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def login_revoke(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = access.partner_logins_region_for_user(request.user, code)
    found = access.partner_access_for_user(request.user, region, pk)
    try:
        logins.partner_login_revoke(actor=core_access.authenticated(request.user), access=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The partner login of %(organisation)s (%(email)s) has been revoked.")
            % {"organisation": found.organisation, "email": found.user.email},
        )
    return redirect("partners:logins", code=region.code)


@login_required
@require_POST
def login_invite(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = access.partner_logins_region_for_user(request.user, code)
    found = access.partner_access_for_user(request.user, region, pk)
    try:
        logins.partner_invite_send(actor=core_access.authenticated(request.user), access=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The mail to choose a password is on its way to %(email)s.")
            % {"email": found.user.email},
        )
    return redirect("partners:logins", code=region.code)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The link in the set-password mail (Django's password-reset confirmation), audited in
    each region the login is a partner of."""

    template_name = "partners/set_password.html"
    success_url = reverse_lazy("partners:set_password_done")

    def get_user(self, uidb64: str) -> Any:
        """Only a partner login: a staff login never chooses its password through here."""
        user = super().get_user(uidb64)
        if user is None or not PartnerAccess.objects.filter(user=user).exists():
            return None
        if Membership.objects.filter(user=user).exists():
            return None
        return user

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            for found in PartnerAccess.objects.filter(
                user=form.user, revoked_at__isnull=True
            ).select_related("region"):
                audit_record(
                    actor=form.user,
                    action=AuditAction.PARTNER_PASSWORD_SET,
                    obj=found,
                    region=found.region,
                )
        return response


class SetPasswordDoneView(auth_views.PasswordResetCompleteView):
    template_name = "partners/set_password_done.html"
