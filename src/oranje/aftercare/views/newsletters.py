"""The newsletters to the affected households that consented: the list, a new draft, a
newsletter (edit while a draft; how many households get it by e-mail, by letter and how many
cannot be reached; send after a confirmation; after sending the delivery counts, refreshing
while the worker sends, and the printed letters as PDF). Only the IAC (the aftercare role and
the head of the aftercare); others who see the incident get 403, the rest 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from oranje.aftercare.access import aftercare_incident_for_user, newsletter_for_user
from oranje.aftercare.constants import BODY_MAX, TITLE_MAX, ItemStatus, NewsletterStatus
from oranje.aftercare.models import Newsletter
from oranje.aftercare.selectors_newsletters import (
    delivery,
    newsletter_list,
    recipient_counts,
)
from oranje.aftercare.services import newsletters as services
from oranje.core.forms import InputForm
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

#: Seconds between refreshes of the delivery counts while mails are queued or sending.
POLL_SECONDS = 5


class NewsletterForm(InputForm):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy(
            "Plain language (B1), no names of persons. The municipality's signature and why "
            "the household receives it are added below the text."
        ),
    )


def _incident(request: HttpRequest, pk: int) -> Incident:
    return aftercare_incident_for_user(request.user, pk, iac=True)


def _objects(request: HttpRequest, pk: int, nl: int) -> tuple[Incident, Newsletter]:
    incident = _incident(request, pk)
    return incident, newsletter_for_user(request.user, incident, nl)


def _context(request: HttpRequest, incident: Incident) -> dict[str, Any]:
    return {
        **incident_context(request, incident, "aftercare"),
        "writes": incident.is_open,
    }


@login_required
def newsletters(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    return render(
        request,
        "aftercare/newsletters.html",
        {
            **_context(request, incident),
            "rows": newsletter_list(incident),
            "counts": recipient_counts(incident),
        },
    )


@login_required
def newsletter_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    form = NewsletterForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            newsletter = services.newsletter_save(
                actor=request.user,
                incident=incident,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The newsletter was saved as a draft."))
            return redirect("aftercare:newsletter", incident.pk, newsletter.pk)
    return render(
        request,
        "aftercare/newsletter_new.html",
        {**_context(request, incident), "form": form},
        status=400 if form.is_bound else 200,
    )


def panel(incident: Incident, newsletter: Newsletter) -> dict[str, Any]:
    """The delivery counts of a sent newsletter (and the reasons of failures)."""
    counted = delivery(newsletter)
    reasons = list(
        newsletter.items.filter(status__in=[ItemStatus.FAILED, ItemStatus.QUEUED])
        .exclude(last_error="")
        .values("last_error")
        .annotate(n=Count("pk"))
        .order_by("-n")[:5]
    )
    return {
        "incident": incident,
        "newsletter": newsletter,
        "d": counted,
        "reasons": reasons,
        "poll_seconds": POLL_SECONDS,
    }


@login_required
def newsletter_detail(request: HttpRequest, pk: int, nl: int) -> HttpResponse:
    incident, newsletter = _objects(request, pk, nl)
    draft = newsletter.status == NewsletterStatus.DRAFT
    form = None
    status = 200
    if draft:
        initial = {"subject": newsletter.subject, "body": newsletter.body}
        form = NewsletterForm(request.POST if request.method == "POST" else None, initial=initial)
        if form.is_bound:
            status = 400
            if form.is_valid():
                try:
                    services.newsletter_save(
                        actor=request.user,
                        incident=incident,
                        subject=form.cleaned_data["subject"],
                        body=form.cleaned_data["body"],
                        newsletter=newsletter,
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, _("The draft was saved."))
                    return redirect("aftercare:newsletter", incident.pk, newsletter.pk)
    elif request.method == "POST":
        messages.error(request, _("A sent newsletter is not changed."))
        return redirect("aftercare:newsletter", incident.pk, newsletter.pk)
    return render(
        request,
        "aftercare/newsletter_detail.html",
        {
            **_context(request, incident),
            **panel(incident, newsletter),
            "form": form,
            "draft": draft,
            "counts": recipient_counts(incident) if draft else None,
        },
        status=status,
    )


@require_safe
@login_required
def newsletter_status(request: HttpRequest, pk: int, nl: int) -> HttpResponse:
    """The delivery counts alone, for their refresh (htmx)."""
    incident, newsletter = _objects(request, pk, nl)
    return render(request, "aftercare/_newsletter_panel.html", panel(incident, newsletter))


@login_required
def newsletter_send(request: HttpRequest, pk: int, nl: int) -> HttpResponse:
    """GET asks to confirm (how many by which channel); POST sends."""
    incident, newsletter = _objects(request, pk, nl)
    error = ""
    if request.method == "POST":
        try:
            sent = services.newsletter_send(actor=request.user, newsletter=newsletter)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if sent.exercise:
                text = _(
                    "EXERCISE: the newsletter is recorded for %(n)s households and sent to nobody."
                ) % {"n": sent.mail + sent.letter}
            else:
                text = _(
                    "The newsletter goes to %(mail)s households by e-mail; %(letter)s get a "
                    "printed letter."
                ) % {"mail": sent.mail, "letter": sent.letter}
            messages.success(request, text)
            return redirect("aftercare:newsletter", incident.pk, newsletter.pk)
    if not error and newsletter.status != NewsletterStatus.DRAFT:
        error = _("This newsletter has already been sent.")
    elif not error and not incident.is_open:
        error = _("The incident is closed; its newsletters are no longer sent.")
    counts = recipient_counts(incident)
    if not error and not counts.total:
        error = str(services.NOBODY)
    return render(
        request,
        "aftercare/newsletter_confirm.html",
        {
            **_context(request, incident),
            "newsletter": newsletter,
            "counts": counts,
            "problem": error,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@login_required
def newsletter_letters(request: HttpRequest, pk: int, nl: int) -> HttpResponse:
    """The printed letters (PDF); a draft's preview says CONCEPT, an exercise's OEFENING."""
    incident, newsletter = _objects(request, pk, nl)
    document, _n = services.newsletter_letters(actor=request.user, newsletter=newsletter)
    prefix = "OEFENING-" if incident.is_exercise else ""
    draft = "concept-" if newsletter.status == NewsletterStatus.DRAFT else ""
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{prefix}{draft}brieven-nieuwsbrief-{newsletter.pk}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


BASE = "incidenten/<id:pk>/nafase/nieuwsbrieven/"

urls: list[URLPattern] = [
    path(BASE, newsletters, name="newsletters"),
    path(f"{BASE}nieuw/", newsletter_new, name="newsletter_new"),
    path(f"{BASE}<id:nl>/", newsletter_detail, name="newsletter"),
    path(f"{BASE}<id:nl>/stand/", newsletter_status, name="newsletter_status"),
    path(f"{BASE}<id:nl>/versturen/", newsletter_send, name="newsletter_send"),
    path(f"{BASE}<id:nl>/brieven.pdf", newsletter_letters, name="newsletter_letters"),
]
