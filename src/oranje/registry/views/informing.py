"""Registry pages: informing relatives — a call back, the person's consent to share where they
are, the police for the deceased, closing an inquiry. Each is a form on the inquiry page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core.views import apply_errors
from oranje.registry import services
from oranje.registry.access import registry_user
from oranje.registry.forms_inquiries import CallForm, CloseForm, ConsentForm
from oranje.registry.views.inquiry_page import inquiry_in, render_inquiry


@login_required
@require_POST
def inquiry_call(request: HttpRequest, pk: int, inquiry_pk: int) -> HttpResponse:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            services.inquiry_call(
                inquiry=inquiry,
                actor=registry_user(request.user),
                outcome=form.cleaned_data["outcome"],
                phrases=form.cleaned_data["phrases"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Call back recorded."))
            return redirect("registry:inquiry", pk, inquiry.pk)
    return render_inquiry(request, inquiry, call_form=form, status=400)


@login_required
@require_POST
def inquiry_consent(request: HttpRequest, pk: int, inquiry_pk: int) -> HttpResponse:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    form = ConsentForm(request.POST)
    if inquiry.person is None:
        messages.error(request, _("Confirm a candidate first."))
    elif not form.is_valid():
        messages.error(request, _("Choose yes or no."))
    else:
        try:
            services.consent_record(
                person=inquiry.person,
                actor=registry_user(request.user),
                share=form.cleaned_data["share"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Consent recorded; it holds for every inquiry about the person.")
            )
    return redirect("registry:inquiry", pk, inquiry.pk)


@login_required
@require_POST
def police_asked(request: HttpRequest, pk: int, inquiry_pk: int) -> HttpResponse:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    try:
        services.police_asked(inquiry=inquiry, actor=registry_user(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Recorded: the police were asked to inform the next of kin."))
    return redirect("registry:inquiry", pk, inquiry.pk)


@login_required
@require_POST
def police_confirmed(request: HttpRequest, pk: int, inquiry_pk: int) -> HttpResponse:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    try:
        services.police_confirmed(inquiry=inquiry, actor=registry_user(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Recorded: the police informed the next of kin."))
    return redirect("registry:inquiry", pk, inquiry.pk)


@login_required
@require_POST
def inquiry_close(request: HttpRequest, pk: int, inquiry_pk: int) -> HttpResponse:
    inquiry = inquiry_in(request, pk, inquiry_pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.inquiry_close(
                inquiry=inquiry,
                actor=registry_user(request.user),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Inquiry closed."))
            return redirect("registry:inquiry", pk, inquiry.pk)
    return render_inquiry(request, inquiry, close_form=form, status=400)


def urls(one: str) -> list[URLPattern]:
    """The informing pages below one inquiry's path."""
    return [
        path(one + "terugbellen/", inquiry_call, name="inquiry_call"),
        path(one + "toestemming/", inquiry_consent, name="inquiry_consent"),
        path(one + "politie/gevraagd/", police_asked, name="police_asked"),
        path(one + "politie/bevestigd/", police_confirmed, name="police_confirmed"),
        path(one + "sluiten/", inquiry_close, name="inquiry_close"),
    ]
