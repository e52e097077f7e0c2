"""The norms pages (`kwaliteit/normen/`): the national set and the region's set with their
versions, a set's norms by process, drafts with their norms and in-growth paths, adopting, and
what changed nationally since the region's set was made. Read by everyone in the region (the
national set by every member); written by `access.can_edit_norms`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core.views import apply_errors, current_region
from oranje.quality import access, nav, selectors
from oranje.quality import selectors_norms as sn
from oranje.quality.forms_norms import AdoptForm, NormForm, SetNoteForm, StepsForm
from oranje.quality.models import Norm, NormSet
from oranje.quality.services import norms as service


def _page(
    request: HttpRequest, template: str, context: dict[str, object], *, bad: bool = False
) -> HttpResponse:
    return render(
        request,
        template,
        {**context, **nav.context(request, "norms")},
        status=400 if bad else 200,
    )


@login_required
def norms(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    today = timezone.localdate()
    scopes = []
    for scope_region in (None, region):
        found = sn.versions(scope_region)
        scopes.append(
            {
                "region": scope_region,
                "versions": found,
                "may_edit": access.can_edit_norms(
                    request.user, scope_region.pk if scope_region else None
                ),
            }
        )
    effective = selectors.effective_norms(region, today)
    return _page(
        request,
        "quality/norms.html",
        {
            "region": region,
            "scopes": scopes,
            "changes": sn.national_changes(region),
            "effective": [
                (n, selectors.waterlijn_on(n, today), sn.path_words(n)) for n in effective
            ],
        },
    )


@login_required
def norm_set(request: HttpRequest, pk: int) -> HttpResponse:
    found = sn.readable_set(request.user, pk)
    norms = sn.norms_of(found)
    may_edit = found.status == "draft" and access.can_edit_norms(request.user, found.region_id)
    previous = found.based_on if found.region_id is None else None
    return _page(
        request,
        "quality/norms_set.html",
        {
            "set": found,
            "groups": [
                (label, [(n, sn.path_words(n)) for n in members])
                for label, members in sn.by_process(norms)
            ],
            "count": len(norms),
            "may_edit": may_edit,
            "weaker": service.weaker_than_current(found) if found.status == "draft" else [],
            "diff": sn.set_diff(previous, found) if previous is not None else None,
            "note_form": SetNoteForm(initial={"title": found.title, "note": found.note})
            if may_edit
            else None,
        },
    )


@login_required
@require_POST
def norm_draft_national(request: HttpRequest) -> HttpResponse:
    current_region(request)
    draft, created = service.norm_set_draft_create(actor=request.user, region=None)
    _draft_message(request, draft, created)
    return redirect("quality:norm_set", pk=draft.pk)


@login_required
@require_POST
def norm_draft_region(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    if not access.can_edit_norms(request.user, region.pk):
        raise PermissionDenied
    draft, created = service.norm_set_draft_create(actor=request.user, region=region)
    _draft_message(request, draft, created)
    return redirect("quality:norm_set", pk=draft.pk)


def _draft_message(request: HttpRequest, draft: NormSet, created: bool) -> None:
    if created:
        messages.success(
            request,
            _("Draft version %(version)s has been made: a copy of the current set.")
            % {"version": draft.version},
        )
    else:
        messages.info(
            request,
            _("There already is a draft (version %(version)s); change that one.")
            % {"version": draft.version},
        )


@login_required
@require_POST
def norm_set_note(request: HttpRequest, pk: int) -> HttpResponse:
    found = sn.editable_set(request.user, pk)
    form = SetNoteForm(request.POST)
    if form.is_valid():
        try:
            service.norm_set_note_save(
                actor=request.user,
                norm_set=found,
                title=form.cleaned_data["title"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The title and note are saved."))
            return redirect("quality:norm_set", pk=found.pk)
    return _page(
        request, "quality/norms_form.html", {"set": found, "form": form, "kind": "note"}, bad=True
    )


@login_required
def norm_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    found = sn.editable_set(request.user, pk)
    form = AdoptForm(
        request.POST if request.method == "POST" else None,
        initial={"title": found.title, "adopted_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.norm_set_adopt(
                actor=request.user,
                norm_set=found,
                body=form.cleaned_data["adopted_by_body"],
                adopted_on=form.cleaned_data["adopted_on"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Version %(version)s has been adopted; the previous version stays as history.")
                % {"version": found.version},
            )
            return redirect("quality:norm_set", pk=found.pk)
    return _page(
        request,
        "quality/norms_form.html",
        {
            "set": found,
            "form": form,
            "kind": "adopt",
            "weaker": service.weaker_than_current(found),
        },
        bad=form.is_bound,
    )


def _national_for(found: NormSet) -> NormSet | None:
    return selectors.current_set(None) if found.region_id is not None else None


@login_required
def norm_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = sn.editable_set(request.user, pk)
    return _norm_form(request, found, None)


@login_required
def norm_edit(request: HttpRequest, pk: int) -> HttpResponse:
    norm = sn.editable_norm(request.user, pk)
    return _norm_form(request, norm.norm_set, norm)


def _norm_form(request: HttpRequest, found: NormSet, norm: Norm | None) -> HttpResponse:
    national = _national_for(found)
    if request.method == "POST":
        form = NormForm(request.POST, norm_set=found, national=national)
    else:
        initial = (
            NormForm.initial_of(norm)
            if norm is not None
            else {
                "valid_from": timezone.localdate(),
                "bandbreedte": 0,
                "sort_order": (found.norms.aggregate(m=Max("sort_order"))["m"] or 0) + 10,
            }
        )
        form = NormForm(initial=initial, norm_set=found, national=national)
    if request.method == "POST" and form.is_valid():
        try:
            saved = service.norm_save(
                actor=request.user, norm_set=found, data=form.data_input(), norm=norm
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Norm %(code)s is saved.") % {"code": saved.code})
            return redirect("quality:norm_set", pk=found.pk)
    return _page(
        request,
        "quality/norms_form.html",
        {"set": found, "norm": norm, "form": form, "kind": "norm"},
        bad=form.is_bound,
    )


@login_required
@require_POST
def norm_delete(request: HttpRequest, pk: int) -> HttpResponse:
    norm = sn.editable_norm(request.user, pk)
    try:
        service.norm_delete(actor=request.user, norm=norm)
    except ValidationError as exc:
        return _page(
            request,
            "quality/norms_form.html",
            {"set": norm.norm_set, "norm": norm, "kind": "delete", "problems": exc.messages},
            bad=True,
        )
    messages.success(request, _("Norm %(code)s has been removed.") % {"code": norm.code})
    return redirect("quality:norm_set", pk=norm.norm_set_id)


@login_required
def norm_steps(request: HttpRequest, pk: int) -> HttpResponse:
    norm = sn.editable_norm(request.user, pk)
    steps = list(norm.growth_steps.order_by("due_on"))
    form = StepsForm(request.POST if request.method == "POST" else None, steps=steps)
    if request.method == "POST" and form.is_valid():
        try:
            service.growth_steps_save(actor=request.user, norm=norm, steps=form.steps())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The in-growth path of %(code)s is saved.") % {"code": norm.code}
            )
            return redirect("quality:norm_set", pk=norm.norm_set_id)
    return _page(
        request,
        "quality/norms_steps.html",
        {"set": norm.norm_set, "norm": norm, "form": form, "words": sn.path_words(norm)},
        bad=form.is_bound,
    )


@login_required
def norm_changes(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    return _page(
        request,
        "quality/norms_changes.html",
        {
            "region": region,
            "changes": sn.national_changes(region),
            "national": selectors.current_set(None),
            "regional": selectors.current_set(region),
            "may_edit": access.can_edit_norms(request.user, region.pk),
        },
    )
