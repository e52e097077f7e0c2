"""Registry pages: double registrations. The open pairs side by side with the engine's
reasons, "Samenvoegen" (the officer chooses which registration is kept) and "Niet dezelfde
persoon"; the merges with "Ongedaan maken". Nothing is ever merged automatically."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import params
from oranje.incidents.views import incident_context
from oranje.registry import selectors_persons as selectors
from oranje.registry import services
from oranje.registry.access import registry_incident_for_user, registry_user
from oranje.registry.constants import ReadKind
from oranje.registry.models import Merge, PossibleDuplicate

PAGE_SIZE = 25
MAX_PAGE = 100_000


@login_required
def duplicate_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    number = params.optional_int(request.GET, "pagina", default=1, minimum=1, maximum=MAX_PAGE)
    page = Paginator(selectors.open_duplicates(incident), PAGE_SIZE).get_page(number)
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.LIST,
        what=f"dubbele registraties p{page.number}",
    )
    return render(
        request,
        "registry/persons_duplicates.html",
        {**incident_context(request, incident, "registry"), "page": page},
    )


def _duplicate(request: HttpRequest, pk: int, duplicate_pk: int) -> PossibleDuplicate:
    incident = registry_incident_for_user(request.user, pk)
    duplicate = (
        PossibleDuplicate.objects.select_related("person__incident", "other__incident")
        .filter(pk=duplicate_pk, incident=incident)
        .first()
    )
    if duplicate is None:
        raise Http404
    return duplicate


def _back(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("registry:duplicate_list", pk)


@login_required
@require_POST
def duplicate_merge(request: HttpRequest, pk: int, duplicate_pk: int) -> HttpResponse:
    duplicate = _duplicate(request, pk, duplicate_pk)
    kept_id = params.optional_id(request.POST, "behouden")
    pair = {duplicate.person_id: duplicate.person, duplicate.other_id: duplicate.other}
    if kept_id not in pair:
        messages.error(request, _("Choose which registration is kept."))
        return _back(request, pk)
    kept = pair[kept_id]
    merged = duplicate.other if kept_id == duplicate.person_id else duplicate.person
    try:
        services.person_merge(kept=kept, merged=merged, actor=registry_user(request.user))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(merged)s merged into %(kept)s; undo it under Merges if it was a mistake.")
            % {"merged": merged.full_name, "kept": kept.full_name},
        )
    return _back(request, pk)


@login_required
@require_POST
def duplicate_dismiss(request: HttpRequest, pk: int, duplicate_pk: int) -> HttpResponse:
    duplicate = _duplicate(request, pk, duplicate_pk)
    try:
        services.duplicate_dismiss(duplicate=duplicate, actor=registry_user(request.user))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Recorded: %(a)s and %(b)s are not the same person.")
            % {"a": duplicate.person.full_name, "b": duplicate.other.full_name},
        )
    return _back(request, pk)


@login_required
def merge_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    number = params.optional_int(request.GET, "pagina", default=1, minimum=1, maximum=MAX_PAGE)
    page = Paginator(selectors.merges(incident), PAGE_SIZE).get_page(number)
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.LIST,
        what=f"samenvoegingen p{page.number}",
    )
    return render(
        request,
        "registry/persons_merges.html",
        {**incident_context(request, incident, "registry"), "page": page},
    )


@login_required
@require_POST
def merge_undo(request: HttpRequest, pk: int, merge_pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    merge = Merge.objects.filter(pk=merge_pk, incident=incident).first()
    if merge is None:
        raise Http404
    try:
        services.merge_undo(merge=merge, actor=registry_user(request.user))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Merge undone: both registrations are separate again."))
    return redirect("registry:merge_list", incident.pk)


BASE = "incidenten/<id:pk>/registratie/"

urls: list[URLPattern] = [
    path(f"{BASE}dubbele-registraties/", duplicate_list, name="duplicate_list"),
    path(
        f"{BASE}dubbele-registraties/<id:duplicate_pk>/samenvoegen/",
        duplicate_merge,
        name="duplicate_merge",
    ),
    path(
        f"{BASE}dubbele-registraties/<id:duplicate_pk>/niet-dezelfde/",
        duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path(f"{BASE}samenvoegingen/", merge_list, name="merge_list"),
    path(f"{BASE}samenvoegingen/<id:merge_pk>/ongedaan/", merge_undo, name="merge_undo"),
]
