"""Pages of the region's checklists outside an incident: the overview of every function,
one function's checklist to read and print, and (for the region's managers) editing the
lines, the questions for administrators and the instruction for the role."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.views import apply_errors, current_region
from oranje.incidents.forms_checklists import ChecklistEditForm, InstructionForm
from oranje.incidents.models import FunctionInstruction
from oranje.incidents.selectors_checklists import region_checklist, region_checklists
from oranje.incidents.services.checklists import (
    checklist_save,
    instruction_reset,
    instruction_save,
)
from oranje.organisation.models import Function


def _function(code: str) -> Function:
    return get_object_or_404(Function, code=code.upper())


@login_required
def checklist_index(request: HttpRequest) -> HttpResponse:
    """Every function's checklist in the user's region: national or the region's own."""
    region = current_region(request)
    return render(
        request,
        "incidents/checklist_index.html",
        {
            "region": region,
            "checklists": region_checklists(region),
            "manages": core_access.can_manage_region(request.user, region.pk),
            "nav": "incidents",
        },
    )


@login_required
def checklist_function(request: HttpRequest, code: str) -> HttpResponse:
    """One function's checklist as the region uses it, to read or print (paper in the field)."""
    region = current_region(request)
    function = _function(code)
    return render(
        request,
        "incidents/checklist_function.html",
        {
            "region": region,
            "checklist": region_checklist(region, function),
            "manages": core_access.can_manage_region(request.user, region.pk),
            "nav": "incidents",
        },
    )


@login_required
def checklist_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = current_region(request)
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    function = _function(code)
    checklist = region_checklist(region, function)
    form = ChecklistEditForm(
        request.POST if request.method == "POST" else None,
        initial={
            "lines": "\n".join(i.text for i in checklist.tasks),
            "questions": "\n".join(i.text for i in checklist.questions),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            checklist_save(
                actor=core_access.authenticated(request.user),
                region=region,
                function=function,
                lines=form.cleaned_data["lines"].splitlines(),
                questions=form.cleaned_data["questions"].splitlines(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Checklist saved for %(region)s.") % {"region": region.name}
            )
            return redirect("incidents:checklist_edit", function.code)
    return render(
        request,
        "incidents/checklist_edit.html",
        {
            "form": form,
            "function": function,
            "checklist": checklist,
            "nav": "incidents",
            "functions": Function.objects.order_by("sort_order"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def instruction_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The region's own instruction for a function's role, or back to the national text."""
    region = current_region(request)
    core_access.require(core_access.can_manage_region(request.user, region.pk))
    function = _function(code)
    current = region_checklist(region, function).instruction
    national = FunctionInstruction.objects.filter(region=None, function=function).first()
    form = InstructionForm(
        request.POST if request.method == "POST" else None,
        initial={"text": current.text if current else ""},
    )
    if request.method == "POST":
        user = core_access.authenticated(request.user)
        if request.POST.get("reset"):
            instruction_reset(actor=user, region=region, function=function)
            messages.success(
                request,
                _("%(region)s uses the national instruction again.") % {"region": region.name}
                if national
                else _("%(region)s has no instruction for this role any more.")
                % {"region": region.name},
            )
            return redirect("incidents:instruction_edit", function.code)
        if form.is_valid():
            try:
                instruction_save(
                    actor=user, region=region, function=function, text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Instruction saved for %(region)s.") % {"region": region.name}
                )
                return redirect("incidents:instruction_edit", function.code)
    return render(
        request,
        "incidents/instruction_edit.html",
        {
            "form": form,
            "function": function,
            "region": region,
            "current": current,
            "national": national,
            "nav": "incidents",
        },
        status=400 if form.errors else 200,
    )
