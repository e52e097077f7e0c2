"""Work sessions: the list (every member; filters year and region taking part), a new
session and its changes (those who evaluate for the host region), a session's page with its
entries grouped by theme and kind and a link to add one, and its impression report (PDF)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.models import Region
from oranje.core.views import apply_errors
from oranje.learning import access, nav
from oranje.learning import selectors_sessions as selectors
from oranje.learning.forms_sessions import SessionFilterForm, SessionForm
from oranje.learning.models import WorkSession
from oranje.learning.services import sessions as services


def _hosts(user: Any) -> Any:
    return Region.objects.filter(pk__in=access.contributor_regions(user)).order_by("code")


def may_add(user: Any) -> bool:
    return access.can_evaluate_somewhere(user)


def entry_new_url(session: WorkSession) -> str:
    """The dossier's new-entry page for this session (by path until the dossier's page
    exists)."""
    try:
        base = reverse("learning:entry_new")
    except NoReverseMatch:
        base = "/leren/dossier/nieuw/"
    return f"{base}?werksessie={session.pk}"


def entry_url(pk: int) -> str:
    """An entry's page in the dossier, or "" while the dossier's pages are not there."""
    try:
        return reverse("learning:entry", args=[pk])
    except NoReverseMatch:
        return ""


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    filters = SessionFilterForm(request.GET or None, years=selectors.session_years())
    year = region = None
    if filters.is_valid():
        year = filters.cleaned_data["jaar"]
        region = filters.cleaned_data["regio"]
    rows = selectors.session_rows(year=year, region_id=region.pk if region else None)
    return render(
        request,
        "learning/sessions.html",
        {
            "filters": filters,
            "rows": rows,
            "may_add": may_add(request.user),
            **nav.context(request, "sessions"),
        },
    )


def _fields(form: SessionForm) -> dict[str, Any]:
    v = form.cleaned_data
    return {
        "title": v["title"],
        "held_on": v["held_on"],
        "place": v["place"],
        "host_region": v["host_region"],
        "regions": list(v["regions"]),
        "description": v["description"],
    }


def _edit_page(
    request: HttpRequest, form: SessionForm, session: WorkSession | None
) -> HttpResponse:
    return render(
        request,
        "learning/session_edit.html",
        {"form": form, "session": session, **nav.context(request, "sessions")},
        status=400 if form.is_bound else 200,
    )


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    core_access.require(may_add(request.user))
    user = core_access.authenticated(request.user)
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        hosts=_hosts(user),
        national=access.is_national(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.work_session_create(actor=user, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Work session “%(title)s” saved.") % {"title": session.title}
            )
            return redirect("learning:session", session.pk)
    return _edit_page(request, form, None)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.work_session_for_user(request.user, pk, write=True)
    user = core_access.authenticated(request.user)
    initial = {
        "title": session.title,
        "held_on": session.held_on,
        "place": session.place,
        "host_region": session.host_region_id,
        "regions": list(session.regions.values_list("pk", flat=True)),
        "description": session.description,
    }
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        hosts=_hosts(user),
        national=access.is_national(user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.work_session_update(actor=user, session=session, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Work session saved."))
            return redirect("learning:session", session.pk)
    return _edit_page(request, form, session)


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.work_session_for_user(request.user, pk)
    entries = selectors.session_entries(session)
    for entry in entries:
        entry.link = entry_url(entry.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "learning/session_detail.html",
        {
            "session": session,
            "regions": session.regions.order_by("code"),
            "groups": selectors.grouped(entries),
            "entry_count": len(entries),
            "may_edit": access.can_contribute(request.user, session.host_region_id),
            "may_add": may_add(request.user),
            "entry_new_url": entry_new_url(session),
            **nav.context(request, "sessions"),
        },
    )


@login_required
def session_report(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.work_session_for_user(request.user, pk)
    pdf = services.work_session_report(
        actor=core_access.authenticated(request.user), session=session
    )
    name = slugify(f"impressieverslag-{session.title}")[:80] or "impressieverslag"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
