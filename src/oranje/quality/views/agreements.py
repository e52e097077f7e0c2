"""Agreements between the region and its municipalities (list, new, one agreement with its
lines) and the inhabitants per municipality (the current figures, a CSV import)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.models import Region
from oranje.core.views import apply_errors, current_region
from oranje.quality import access, imports, nav
from oranje.quality import selectors_agreements as selectors
from oranje.quality.forms_agreements import AgreementForm, InhabitantsForm, LineFormSet
from oranje.quality.models import MunicipalAgreement
from oranje.quality.selectors_assessment import region_for_assessment
from oranje.quality.services import agreements as services


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    region = region_for_assessment(request.user, current_region(request))
    today = timezone.localdate()
    rows = list(selectors.agreements(request.user, region))
    in_force = [a for a in rows if a.starts_on <= today <= a.ends_on and a.budget_share]
    return render(
        request,
        "quality/agreements.html",
        {
            "region": region,
            "agreements": rows,
            "today": today,
            "share_today": sum(a.budget_share for a in in_force if a.budget_share),
            "monitor": access.can_monitor(request.user, region.pk),
            **nav.context(request, "agreements"),
        },
    )


def _forms(
    request: HttpRequest, region: Region, agreement: MunicipalAgreement | None
) -> tuple[AgreementForm, Any]:
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {"cpg_hard_on_call": True}
    lines: list[dict[str, Any]] = []
    if agreement is not None:
        initial = {
            name: getattr(agreement, name)
            for name in (
                "municipality",
                "starts_on",
                "ends_on",
                "cpg_hard_on_call",
                "budget_share",
                "signed_on",
                "text",
                "note",
            )
        }
        lines = [
            {"function": line.function, "pool": line.pool, "people": line.people}
            for line in agreement.lines.all()
        ]
    form = AgreementForm(data, region=region, initial=initial, auto_id="agreement_%s")
    formset = LineFormSet(data, initial=lines, prefix="line", form_kwargs={"region": region})
    return form, formset


def _save(
    request: HttpRequest,
    region: Region,
    agreement: MunicipalAgreement | None,
    form: AgreementForm,
    formset: Any,
) -> MunicipalAgreement | None:
    if not (form.is_valid() and formset.is_valid()):
        return None
    data = form.cleaned_data
    lines = [
        services.LineIn(
            f.cleaned_data["function"].pk,
            f.cleaned_data["pool"].pk if f.cleaned_data.get("pool") else None,
            f.cleaned_data["people"],
        )
        for f in formset.forms
        if f.cleaned_data.get("function") is not None
    ]
    try:
        return services.agreement_save(
            actor=core_access.authenticated(request.user),
            region=region,
            agreement=agreement,
            data=services.AgreementIn(
                municipality_id=data["municipality"].pk,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                cpg_hard_on_call=data["cpg_hard_on_call"],
                budget_share=data["budget_share"],
                signed_on=data["signed_on"],
                text=data["text"],
                note=data["note"],
                lines=lines,
            ),
        )
    except ValidationError as exc:
        problems = exc.message_dict
        for line_problem in problems.pop("lines", []):
            form.add_error(None, line_problem)
        if problems:
            apply_errors(form, ValidationError(problems))
        return None


def _edit_page(
    request: HttpRequest,
    region: Region,
    agreement: MunicipalAgreement | None,
    form: AgreementForm | None,
    formset: Any,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "quality/agreement_edit.html",
        {
            "region": region,
            "agreement": agreement,
            "form": form,
            "formset": formset,
            "lines_max": services.LINES_MAX,
            **nav.context(request, "agreements"),
        },
        status=status,
    )


@login_required
def agreement_new(request: HttpRequest) -> HttpResponse:
    region = access.monitor_region_for_user(request.user, current_region(request))
    form, formset = _forms(request, region, None)
    if request.method == "POST":
        saved = _save(request, region, None, form, formset)
        if saved is not None:
            messages.success(request, _("Agreement saved."))
            return redirect("quality:agreement", saved.pk)
        return _edit_page(request, region, None, form, formset, status=400)
    return _edit_page(request, region, None, form, formset)


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the agreement (with the form for the region's monitors); POST: save it."""
    agreement = selectors.agreement_for_user(request.user, pk)
    region = agreement.region
    monitor = access.can_monitor(request.user, region.pk)
    if request.method == "POST" and not monitor:
        raise PermissionDenied
    if not monitor:
        return _edit_page(request, region, agreement, None, None)
    form, formset = _forms(request, region, agreement)
    if request.method == "POST":
        saved = _save(request, region, agreement, form, formset)
        if saved is not None:
            messages.success(request, _("Agreement saved."))
            return redirect("quality:agreement", saved.pk)
        return _edit_page(request, region, agreement, form, formset, status=400)
    return _edit_page(request, region, agreement, form, formset)


@login_required
def inhabitants(request: HttpRequest) -> HttpResponse:
    region = access.monitor_region_for_user(request.user, current_region(request))
    form = InhabitantsForm(request.POST or None, request.FILES or None)
    report = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read_table(upload, upload.name)
        except ValidationError as exc:
            file_error = exc.messages[0]
        else:
            report = imports.inhabitants_import(
                actor=core_access.authenticated(request.user),
                region=region,
                rows=rows,
                filename=upload.name,
            )
            if report.ok:
                messages.success(
                    request,
                    _("Inhabitants imported: %(new)s new, %(updated)s updated.")
                    % {"new": report.created, "updated": report.updated},
                )
                return redirect("quality:inhabitants")
    return render(
        request,
        "quality/inhabitants.html",
        {
            "region": region,
            "form": form,
            "report": report,
            "file_error": file_error,
            "figures": selectors.current_inhabitants(region),
            **nav.context(request, "agreements"),
        },
        status=400 if request.method == "POST" else 200,
    )
