"""The login's second step and the account page for two-factor authentication."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from oranje.core import access, twofactor
from oranje.core.views import apply_errors, safe_next


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


@login_required
@sensitive_post_parameters("code")
def second_step(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the authenticator app or a recovery code."""
    user = access.authenticated(request.user)
    target = safe_next(request, request.GET.get("next", "")) or "core:home"
    if user.is_verified() or not twofactor.has_second_factor(user):  # type: ignore[attr-defined]
        return redirect(target)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            twofactor.second_factor_verify(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(target)
    return render(request, "registration/second_step.html", {"form": form})


def _qr_svg(url: str) -> str:
    """The otpauth address as an inline SVG QR code (markup only: no script, no style)."""
    return segno.make(url, error="m").svg_inline(scale=5, border=2, title=str(_("QR code")))


@login_required
@sensitive_post_parameters("code")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code, type a code, note the recovery codes."""
    user = access.authenticated(request.user)
    if twofactor.has_second_factor(user):
        return redirect("core:two_factor")
    device = twofactor.totp_setup_start(user=user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.totp_setup_confirm(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return render(
                request,
                "registration/recovery_codes.html",
                {"codes": codes, "next": safe_next(request, request.GET.get("next", ""))},
            )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": twofactor.second_factor_required(user),
        },
    )


@login_required
@sensitive_post_parameters("code")
def two_factor(request: HttpRequest) -> HttpResponse:
    """The account's two-factor page: on or off, recovery codes left, new codes, turn off."""
    user = access.authenticated(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if request.POST.get("what") == "renew":
                codes = twofactor.recovery_codes_renew(user=user, code=code)
                return render(
                    request, "registration/recovery_codes.html", {"codes": codes, "next": ""}
                )
            twofactor.second_factor_disable(user=user, code=code)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("core:two_factor")
    return render(
        request,
        "registration/two_factor.html",
        {
            "form": form,
            "enabled": twofactor.has_second_factor(user),
            "required": twofactor.second_factor_required(user),
            "codes_left": twofactor.recovery_codes_left(user),
        },
    )
