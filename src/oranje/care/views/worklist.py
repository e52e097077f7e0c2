"""The worklist of an incident: "who lives here and needs help?" — the residents of the
region's lists inside the affected area, their state (to contact, contacted, fine, needs
help, evacuated to a shelter) with who changed it and when, filtered by state and need, and
printable for a team going door to door. Every page that shows names is an audited read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care.access import care_incident_for_user, care_user, case_for_user
from oranje.care.constants import CARE_NEEDS, TEXT_MAX, CaseState
from oranje.care.models import Case, Shelter
from oranje.care.services import vulnerable as services
from oranje.core.forms import InputForm
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context

#: The filter words of the worklist's query string (Dutch, as the page's URL).
NEED_FILTERS = {name.removeprefix("need_"): name for name in CARE_NEEDS}


def filtered_cases(incident: Incident, state: str, need: str) -> QuerySet[Case]:
    """The incident's cases, by state and by need (a need as the resident's current list
    says; a case whose resident has left the list keeps only its text)."""
    cases = Case.objects.filter(incident=incident).select_related("shelter__location")
    if state in CaseState.values:
        cases = cases.filter(state=state)
    if need in NEED_FILTERS:
        cases = cases.filter(**{f"resident__{NEED_FILTERS[need]}": True})
    return cases.order_by("address", "pk")


class CaseForm(InputForm):
    state = forms.ChoiceField(label=gettext_lazy("Status"), choices=CaseState.choices)
    shelter = forms.TypedChoiceField(
        label=gettext_lazy("Shelter"), coerce=int, required=False, empty_value=None
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), max_length=TEXT_MAX, required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, shelters: list[Shelter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shelters = {s.pk: s for s in shelters}
        field = self.fields["shelter"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(s.pk, s.location.name) for s in shelters]
        field.help_text = _("Only for a resident evacuated to a shelter.")


def _read(request: HttpRequest, incident: Incident, rows: int, what: str) -> None:
    with transaction.atomic():
        services.audit_read(
            actor=care_user(request.user),
            region=incident.region,
            incident=incident,
            rows=rows,
            what=what,
        )


def _filters(request: HttpRequest) -> tuple[str, str]:
    return request.GET.get("status", "")[:20], request.GET.get("behoefte", "")[:20]


@login_required
def worklist(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk, vulnerable=True)
    state, need = _filters(request)
    cases = list(filtered_cases(incident, state, need))
    _read(request, incident, len(cases), "worklist")
    area_problem = ""
    try:
        services.incident_polygon(incident)
    except ValidationError as exc:
        area_problem = exc.messages[0]
    return render(
        request,
        "care/worklist.html",
        {
            **incident_context(request, incident, "care"),
            "cases": cases,
            "counts": services.case_counts(incident),
            "states": CaseState.choices,
            "needs": [(key, CARE_NEEDS[name]) for key, name in NEED_FILTERS.items()],
            "state": state,
            "need": need,
            "area_problem": area_problem,
        },
    )


@login_required
def worklist_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk, vulnerable=True)
    if request.method != "POST":
        return redirect("care:worklist", incident.pk)
    try:
        result = services.worklist_refresh(incident=incident, actor=care_user(request.user))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Worklist made: %(added)s residents added, %(total)s on the worklist.")
            % {"added": result.added, "total": result.total},
        )
    return redirect("care:worklist", incident.pk)


@login_required
def worklist_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The worklist on paper for a team going door to door, by address."""
    incident = care_incident_for_user(request.user, pk, vulnerable=True)
    state, need = _filters(request)
    cases = list(filtered_cases(incident, state, need))
    _read(request, incident, len(cases), "print")
    response = render(
        request,
        "care/worklist_print.html",
        {"incident": incident, "cases": cases, "state": state, "need": need},
    )
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def case_detail(request: HttpRequest, pk: int, case: int) -> HttpResponse:
    incident = care_incident_for_user(request.user, pk, vulnerable=True)
    found = case_for_user(request.user, case)
    if found.incident_id != incident.pk:
        raise Http404
    shelters = list(
        Shelter.objects.filter(incident=incident, closed_at__isnull=True).select_related("location")
    )
    initial = {"state": found.state, "shelter": found.shelter_id}
    form = CaseForm(request.POST or None, shelters=shelters, initial=initial)
    if request.method == "POST" and form.is_valid():
        shelter_id = form.cleaned_data["shelter"]
        shelter = form.shelters.get(shelter_id) if shelter_id else None
        if shelter_id and shelter is None:
            form.add_error("shelter", _("shelter: not an open shelter of this incident."))
        else:
            try:
                services.case_update(
                    case=found,
                    actor=care_user(request.user),
                    state=form.cleaned_data["state"],
                    shelter=shelter,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, _("Worklist updated."))
                return redirect("care:worklist", incident.pk)
    _read(request, incident, 1, "case")
    return render(
        request,
        "care/worklist_case.html",
        {
            **incident_context(request, incident, "care"),
            "case": found,
            "entries": found.entries.select_related("shelter__location"),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/opvang/zelfredzaamheid/", worklist, name="worklist"),
    path(
        "incidenten/<id:pk>/opvang/zelfredzaamheid/bijwerken/",
        worklist_refresh,
        name="worklist_refresh",
    ),
    path(
        "incidenten/<id:pk>/opvang/zelfredzaamheid/afdrukken/",
        worklist_print,
        name="worklist_print",
    ),
    path(
        "incidenten/<id:pk>/opvang/zelfredzaamheid/<id:case>/",
        case_detail,
        name="worklist_case",
    ),
]
