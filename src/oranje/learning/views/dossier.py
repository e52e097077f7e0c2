"""The living dossier's pages: the search (full text in Dutch, filters, marked words, pages),
an entry (its text, status, context, versions, comments, the evaluations and findings it came
from), a new entry (prefilled from a work session or a finding: ?werksessie=&bevinding=), a
new version, a comment and a link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors
from oranje.learning import access, nav, search
from oranje.learning import selectors_dossier as selectors
from oranje.learning.forms_dossier import (
    CommentForm,
    DossierFilterForm,
    EntryForm,
    LinkForm,
    RevisionForm,
)
from oranje.learning.models import Entry, Finding
from oranje.learning.services import dossier as services

PAGE_SIZE = 20


def _writer_regions(request: HttpRequest) -> frozenset[int]:
    regions = access.contributor_regions(request.user)
    if not regions:
        raise PermissionDenied
    return regions


def _default_region(request: HttpRequest, regions: frozenset[int]) -> int | None:
    current = getattr(request, "region", None)
    if current is not None and current.pk in regions:
        return int(current.pk)
    return min(regions) if regions else None


@login_required
def dossier(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    filters = DossierFilterForm(request.GET or None)
    f = search.EntryFilter()
    if filters.is_valid():
        data = filters.cleaned_data
        f = search.EntryFilter(
            q=data["q"] or "",
            theme=data["thema"] or "",
            kind=data["soort"] or "",
            status=data["status"] or "",
            region_id=data["regio"].pk if data["regio"] else None,
        )
    results = search.search(f)
    wanted = request.GET.get("pagina", "")[:12]
    if isinstance(results, search.SearchResults):
        number = int(wanted) if wanted.isascii() and wanted.isdigit() else 1
        results.expect((max(number, 1) - 1) * PAGE_SIZE, PAGE_SIZE)
    page = Paginator(results, PAGE_SIZE).get_page(wanted)
    parsed = results.parsed if isinstance(results, search.SearchResults) else None
    selectors.mark_rows(list(page.object_list), parsed)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "learning/dossier.html",
        {
            "filters": filters,
            "page": page,
            "searched": parsed is not None,
            "query": query.urlencode(),
            "may_write": access.can_evaluate_somewhere(request.user),
            **nav.context(request, "dossier"),
        },
        status=200 if filters.is_valid() or not filters.is_bound else 400,
    )


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.entry_for_user(request.user, pk)
    return _detail(request, entry)


def _detail(
    request: HttpRequest,
    entry: Entry,
    *,
    comment_form: CommentForm | None = None,
    link_form: LinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    may_write = access.can_evaluate_somewhere(user)
    context: dict[str, Any] = {
        "entry": entry,
        "data": selectors.entry_page(user, entry),
        "may_write": may_write,
        **nav.context(request, "dossier"),
    }
    choices = access.comment_as(user)
    if choices:
        current = getattr(request, "region", None)
        initial = str(current.pk) if current is not None and current in choices else None
        context["comment_form"] = comment_form or CommentForm(
            choices=choices, initial={"region": initial}
        )
    if may_write:
        context["link_form"] = link_form or LinkForm(
            evaluations=selectors.readable_evaluations(user)
        )
    return render(request, "learning/dossier_entry.html", context, status=status)


@login_required
def entry_new(request: HttpRequest) -> HttpResponse:
    """A new entry; from a work session (?werksessie=<id>) or a finding (?bevinding=<id>)."""
    access.require_member(request.user)
    regions = _writer_regions(request)
    session_id = params.optional_id(request.GET, "werksessie")
    finding_id = params.optional_id(request.GET, "bevinding")
    session = access.work_session_for_user(request.user, session_id) if session_id else None
    finding: Finding | None = None
    if finding_id:
        finding = Finding.objects.select_related("evaluation").filter(pk=finding_id).first()
        if finding is None:
            raise params.InvalidParameter("bevinding", _("No such finding."))
        access.evaluation_for_user(request.user, finding.evaluation_id)
    initial: dict[str, Any] = {"region": _default_region(request, regions)}
    if session is not None:
        initial["work_session"] = session.pk
        if session.host_region_id in regions:
            initial["region"] = session.host_region_id
    if finding is not None:
        evaluation = finding.evaluation
        initial.update(
            region=evaluation.region_id if evaluation.region_id in regions else initial["region"],
            incident=evaluation.incident_id,
            text=finding.text,
            kind="proposal" if finding.kind == "improve" else "practice",
        )
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        regions=regions,
        sessions=access.usable_work_sessions(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.entry_create(
                actor=core_access.authenticated(request.user),
                region=data["region"],
                theme=data["theme"],
                kind=data["kind"],
                status=data["status"],
                title=data["title"],
                text=data["text"],
                incident=data["incident"],
                work_session=data["work_session"],
                finding=finding,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Dossier entry “%(title)s” saved.") % {"title": entry.title}
            )
            return redirect("learning:entry", entry.pk)
    return render(
        request,
        "learning/dossier_edit.html",
        {
            "form": form,
            "entry": None,
            "session": session,
            "finding": finding,
            **nav.context(request, "dossier"),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version of the entry (any region that evaluates refines it)."""
    entry = access.entry_for_user(request.user, pk, write=True)
    regions = _writer_regions(request)
    initial = {
        "region": _default_region(request, regions),
        "title": entry.title,
        "text": entry.text,
        "status": entry.status,
    }
    form = RevisionForm(
        request.POST if request.method == "POST" else None,
        regions=regions,
        sessions=access.usable_work_sessions(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.entry_revise(
                actor=core_access.authenticated(request.user),
                entry=entry,
                region=data["region"],
                title=data["title"],
                text=data["text"],
                status=data["status"],
                note=data["note"],
                work_session=data["work_session"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("New version of the dossier entry saved."))
            return redirect("learning:entry", entry.pk)
    return render(
        request,
        "learning/dossier_edit.html",
        {"form": form, "entry": entry, **nav.context(request, "dossier")},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def entry_comment(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.entry_for_user(request.user, pk)
    form = CommentForm(request.POST, choices=access.comment_as(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.entry_comment(
                actor=core_access.authenticated(request.user),
                entry=entry,
                region=data["region"],
                text=data["text"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Comment saved."))
            return redirect("learning:entry", entry.pk)
    return _detail(request, entry, comment_form=form, status=400)


@login_required
@require_POST
def entry_link(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.entry_for_user(request.user, pk, write=True)
    form = LinkForm(request.POST, evaluations=selectors.readable_evaluations(request.user))
    remove = request.POST.get("remove") == "1"
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.entry_link(
                actor=core_access.authenticated(request.user),
                entry=entry,
                evaluation=data["evaluation"],
                finding=data["finding"],
                remove=remove,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Link removed.") if remove else _("Link saved."))
            return redirect("learning:entry", entry.pk)
    return _detail(request, entry, link_form=form, status=400)
