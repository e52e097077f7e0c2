"""The information and advice centre (IAC): the case list with its filters, opening a case
(prefilled from a shelter stay or a damage report), the open follow-ups by due date, and the
figures per week. One case's page and its small forms are in `iac_case.py`.

Lists with names are for the IAC only (`access.can_iac`) and every request that shows one is
audited; the figures are counts and are for everyone who sees the incident."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from oranje.aftercare import selectors_iac as selectors
from oranje.aftercare.access import aftercare_incident_for_user, can_iac, cases_for_user
from oranje.aftercare.constants import ContactKind, Theme
from oranje.aftercare.forms_iac import CaseFilterForm, CaseForm
from oranje.aftercare.services import iac as services
from oranje.aftercare.services import iac_reads as reads
from oranje.care.access import can_desk
from oranje.care.models import Household
from oranje.core import access as core_access
from oranje.core import params
from oranje.core.views import apply_errors
from oranje.damage.access import can_handle
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context
from oranje.registry import services as registry_services
from oranje.registry.access import can_register, persons_for_user, registry_user
from oranje.registry.constants import ReadKind

PAGE_SIZE = 50
MAX_PAGE = 100_000
#: The most registry persons the new-case form offers (by surname); more is a search.
PERSON_CHOICES_MAX = 500


def iac_context(
    request: HttpRequest, incident: Incident, part: str, **extra: Any
) -> dict[str, Any]:
    return {
        **incident_context(request, incident, "aftercare"),
        "part": part,
        "iac": can_iac(request.user, incident),
        "writes": can_iac(request.user, incident) and incident.is_open,
        **extra,
    }


def person_choices(request: HttpRequest, incident: Incident) -> list[tuple[int, str]] | None:
    """The registry persons to link, for someone with a registry role in the region (None for
    everyone else: the field is left out). Showing them is a read of the registry's list."""
    if not can_register(request.user, incident.region_id):
        return None
    persons = persons_for_user(request.user, incident).filter(merged_into__isnull=True)
    rows = list(persons.order_by("surname", "given_names", "pk")[:PERSON_CHOICES_MAX])
    registry_services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.LIST,
        what="IAC: keuzelijst personen",
    )
    return [
        (p.pk, f"{p.full_name or p.pk}" + (f" ({p.birth_year})" if p.birth_year else ""))
        for p in rows
    ]


def _filter(request: HttpRequest) -> tuple[CaseFilterForm, selectors.CaseFilter]:
    form = CaseFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, selectors.CaseFilter(
        status=chosen.get("status") or "",
        theme=chosen.get("theme") or "",
        limited_mobility=bool(chosen.get("limited_mobility")),
        overdue=bool(chosen.get("overdue")),
        search=chosen.get("q") or "",
    )


@login_required
def case_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk, iac=True)
    form, chosen = _filter(request)
    number = params.optional_int(request.GET, "pagina", default=1, minimum=1, maximum=MAX_PAGE)
    rows = selectors.case_list(cases_for_user(request.user, incident), chosen)
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    reads.case_read_logged(
        actor=core_access.authenticated(request.user),
        incident=incident,
        what=f"lijst p{page.number}" + (" gefilterd" if chosen != selectors.CaseFilter() else ""),
        request=request,
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "aftercare/iac_list.html",
        iac_context(
            request,
            incident,
            "list",
            form=form,
            page=page,
            query=query.urlencode(),
            filtered=chosen != selectors.CaseFilter(),
            themes=Theme.choices,
        ),
    )


def _linked(request: HttpRequest, incident: Incident, initial: dict[str, Any]) -> dict[str, Any]:
    """What a prefill links, to show on the form: only what the user may link (a posted form
    may name any id; an IAC officer without a shelter role learns nothing of a stay)."""
    household = None
    if initial.get("household_id") and can_desk(request.user, incident.region_id):
        household = Household.objects.filter(pk=initial["household_id"], incident=incident).first()
    reports = DamageReport.objects.none()
    if can_handle(request.user, incident):
        reports = DamageReport.objects.filter(
            pk__in=initial.get("damage_report_ids") or [], incident=incident
        )
    return {"linked_household": household, "linked_reports": list(reports)}


@login_required
def case_new(request: HttpRequest, pk: int) -> HttpResponse:
    incident = aftercare_incident_for_user(request.user, pk, iac=True)
    core_access.require(incident.is_open)
    actor = core_access.authenticated(request.user)
    persons = person_choices(request, incident)
    initial: dict[str, Any] = {}
    problems: list[str] = []
    if request.method == "GET":
        try:
            initial = reads.prefill(
                actor=actor,
                incident=incident,
                household_id=params.optional_id(request.GET, "huishouden"),
                damage_report_id=params.optional_id(request.GET, "schade"),
            )
        except ValidationError as exc:
            problems = exc.messages
        except params.InvalidParameter as exc:
            problems = [exc.message]
        form = CaseForm(
            initial={
                **initial,
                "damage_report_ids": ",".join(str(i) for i in initial.get("damage_report_ids", [])),
            },
            persons=persons,
        )
    else:
        form = CaseForm(request.POST, persons=persons)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.case_open(
                    actor=actor,
                    incident=incident,
                    household_name=data["household_name"],
                    phone=data["phone"],
                    email=data["email"],
                    postcode=data["postcode"],
                    house=data["house"],
                    street=data["street"],
                    city=data["city"],
                    limited_mobility=data["limited_mobility"],
                    newsletter_consent=data["newsletter_consent"],
                    themes=data["themes"],
                    person_id=data.get("person"),
                    household_id=data.get("household_id"),
                    damage_report_ids=form.report_ids(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
                return redirect("aftercare:iac_case", incident.pk, case.pk)
        initial = {
            "household_id": form.cleaned_data.get("household_id"),
            "damage_report_ids": list(form.report_ids()),
        }
    return render(
        request,
        "aftercare/iac_new.html",
        iac_context(
            request,
            incident,
            "new",
            form=form,
            problems=problems,
            **_linked(request, incident, initial),
        ),
        status=400 if form.is_bound or problems else 200,
    )


@login_required
def follow_ups(request: HttpRequest, pk: int) -> HttpResponse:
    """The open follow-ups by due date (overdue first); `?mijn=1`: only the user's own."""
    incident = aftercare_incident_for_user(request.user, pk, iac=True)
    mine = request.GET.get("mijn") == "1"
    number = params.optional_int(request.GET, "pagina", default=1, minimum=1, maximum=MAX_PAGE)
    rows = selectors.open_follow_ups(
        incident,
        cases=cases_for_user(request.user, incident),
        assigned_to=request.user.pk if mine else None,
    )
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    reads.case_read_logged(
        actor=core_access.authenticated(request.user),
        incident=incident,
        what=f"vervolgacties p{page.number}",
        request=request,
    )
    return render(
        request,
        "aftercare/iac_follow_ups.html",
        iac_context(
            request,
            incident,
            "follow_ups",
            page=page,
            mine=mine,
            query="mijn=1" if mine else "",
            today=services.today(),
        ),
    )


@login_required
def figures(request: HttpRequest, pk: int) -> HttpResponse:
    """Counts per ISO week, no names: for everyone who sees the incident."""
    incident = aftercare_incident_for_user(request.user, pk)
    return render(
        request,
        "aftercare/iac_figures.html",
        iac_context(
            request,
            incident,
            "figures",
            weeks=selectors.weekly_figures(incident),
            themes=Theme.choices,
            kinds=ContactKind.choices,
            summary=selectors.summary(incident),
        ),
    )


_BASE = "incidenten/<id:pk>/nafase/iac/"

urls: list[URLPattern] = [
    path(_BASE, case_list, name="iac_list"),
    path(f"{_BASE}nieuw/", case_new, name="iac_new"),
    path(f"{_BASE}vervolg/", follow_ups, name="iac_follow_ups"),
    path(f"{_BASE}cijfers/", figures, name="iac_figures"),
]
