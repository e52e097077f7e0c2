"""The network's meetings: per body and year, with the warning when a body is behind its
minimum; a meeting's page (theme, agenda, documents, minutes, decisions, advisory questions
discussed); the national monitors and administrators plan and change meetings, add documents
and decisions. Opening a document is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.learning import access, nav
from oranje.learning import selectors_network as selectors
from oranje.learning.forms_network import DecisionForm, DocumentForm, MeetingFilterForm, MeetingForm
from oranje.learning.models import Meeting
from oranje.learning.services import network as services


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    years = selectors.meeting_years()
    filters = MeetingFilterForm(request.GET or None, years=years)
    year, body = timezone.localdate().year, ""
    if filters.is_valid():
        year = filters.cleaned_data["jaar"] or year
        body = filters.cleaned_data["orgaan"] or ""
    return render(
        request,
        "learning/meetings.html",
        {
            "filters": filters,
            "year": year,
            "bodies": selectors.meetings_overview(year, body),
            "national": access.is_national(request.user),
            **nav.context(request, "meetings"),
        },
    )


def _fields(form: MeetingForm) -> dict[str, Any]:
    v = form.cleaned_data
    return {n: v[n] for n in ("body", "held_on", "status", "place", "theme", "agenda", "minutes")}


def _edit_page(request: HttpRequest, form: MeetingForm, meeting: Meeting | None) -> HttpResponse:
    return render(
        request,
        "learning/meeting_edit.html",
        {"form": form, "meeting": meeting, **nav.context(request, "meetings")},
        status=400 if form.is_bound else 200,
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    user = access.require_national(request.user)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(actor=user, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("learning:meeting", meeting.pk)
    return _edit_page(request, form, None)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for_user(request.user, pk, write=True)
    user = core_access.authenticated(request.user)
    initial = {n: getattr(meeting, n) for n in services.MEETING_FIELDS}
    form = MeetingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_save(actor=user, meeting=meeting, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("learning:meeting", meeting.pk)
    return _edit_page(request, form, meeting)


def _detail(
    request: HttpRequest,
    meeting: Meeting,
    *,
    document_form: DocumentForm | None = None,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    national = access.is_national(request.user)
    return render(
        request,
        "learning/meeting_detail.html",
        {
            "meeting": meeting,
            "documents": meeting.documents.order_by("pk"),
            "decisions": meeting.decisions.order_by("pk"),
            "advice": meeting.advisory_questions.order_by("pk"),
            "national": national,
            "document_form": document_form or (DocumentForm() if national else None),
            "decision_form": decision_form or (DecisionForm() if national else None),
            **nav.context(request, "meetings"),
        },
        status=status,
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.meeting_for_user(request.user, pk))


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for_user(request.user, pk, write=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.meeting_document_add(
                actor=core_access.authenticated(request.user),
                meeting=meeting,
                title=form.cleaned_data["title"],
                upload=upload,
                upload_name=upload.name if upload else "",
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Document added."))
            return redirect("learning:meeting", meeting.pk)
    return _detail(request, meeting, document_form=form, status=400)


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for_user(request.user, pk, write=True)
    form = DecisionForm(request.POST, prefix=None)
    if form.is_valid():
        try:
            services.meeting_decision_add(
                actor=core_access.authenticated(request.user), meeting=meeting, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Decision saved."))
            return redirect("learning:meeting", meeting.pk)
    return _detail(request, meeting, decision_form=form, status=400)


@login_required
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """A meeting's document, for every member: audited, a download, never cached."""
    document = access.meeting_document_for_user(request.user, pk)
    if not document.file.name:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    services.meeting_document_read(actor=core_access.authenticated(request.user), document=document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=services.document_download_name(document),
        content_type=document.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
