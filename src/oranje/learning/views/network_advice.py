"""Advisory questions to the national board, asked and unasked: the list (filters kind,
status, past the deadline; the overdue ones marked in words), a question's page with its
answer, and the form the national monitors and administrators record and change it with."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.learning import access, nav
from oranje.learning import selectors_network as selectors
from oranje.learning.forms_network import AdviceFilterForm, AdviceForm
from oranje.learning.models import AdvisoryQuestion
from oranje.learning.services import network as services

FIELDS = (
    "kind",
    "title",
    "question",
    "asked_on",
    "owner",
    "owner_name",
    "deadline",
    "answer",
    "answered_on",
    "meeting",
    "status",
    "note",
)


@login_required
def advice_list(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    filters = AdviceFilterForm(request.GET or None)
    f = selectors.AdviceFilter()
    if filters.is_valid():
        v = filters.cleaned_data
        f = selectors.AdviceFilter(
            kind=v["soort"] or "", status=v["status"] or "", overdue=bool(v["verlopen"])
        )
    rows = selectors.advice_list(f)
    return render(
        request,
        "learning/advice.html",
        {
            "filters": filters,
            "rows": rows,
            "overdue_count": len([a for a in rows if getattr(a, "overdue", False)]),
            "national": access.is_national(request.user),
            **nav.context(request, "advice"),
        },
    )


def _page(request: HttpRequest, form: AdviceForm, advice: AdvisoryQuestion | None) -> HttpResponse:
    return render(
        request,
        "learning/advice_edit.html",
        {"form": form, "advice": advice, **nav.context(request, "advice")},
        status=400 if form.is_bound else 200,
    )


def _fields(form: AdviceForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in FIELDS}


@login_required
def advice_new(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    user = access.require_national(request.user)
    form = AdviceForm(
        request.POST if request.method == "POST" else None,
        owners=selectors.current_members(),
        initial={"asked_on": timezone.localdate(), "kind": "asked", "status": "open"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.advice_save(actor=user, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Advisory question saved."))
            return redirect("learning:advice_detail", advice.pk)
    return _page(request, form, None)


@login_required
def advice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    advice = access.advice_for_user(request.user, pk, write=True)
    user = core_access.authenticated(request.user)
    initial = {name: getattr(advice, name) for name in FIELDS}
    initial["owner"], initial["meeting"] = advice.owner_id, advice.meeting_id
    form = AdviceForm(
        request.POST if request.method == "POST" else None,
        owners=selectors.current_members(advice.owner_id),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_save(actor=user, advice=advice, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Advisory question saved."))
            return redirect("learning:advice_detail", advice.pk)
    return _page(request, form, advice)


@login_required
def advice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    advice = access.advice_for_user(request.user, pk)
    advice.overdue = selectors.is_overdue(advice)  # type: ignore[attr-defined]
    return render(
        request,
        "learning/advice_detail.html",
        {
            "advice": advice,
            "national": access.is_national(request.user),
            **nav.context(request, "advice"),
        },
    )
