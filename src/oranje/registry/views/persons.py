"""Registry pages: affected persons — the list per incident, the quick registration (a
tablet at a reception desk or in the field), a person's page with the status history, a new
status report, changing details and consent. Double registrations and merges are in
persons_merges.py (their URLs join this module's list).

Every page that shows person data writes the read log (`services.read_logged`)."""

from __future__ import annotations

from typing import Any

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
from oranje.core.views import apply_errors
from oranje.incidents.models import Incident
from oranje.incidents.views import incident_context
from oranje.registry import selectors_persons as selectors
from oranje.registry import services
from oranje.registry.access import (
    person_for_user,
    registry_incident_for_user,
    registry_user,
)
from oranje.registry.constants import ReadKind
from oranje.registry.forms_persons import (
    PersonDetailsForm,
    PersonFilterForm,
    RegisterForm,
    StatusForm,
)
from oranje.registry.models import Person
from oranje.registry.views import persons_merges

#: Rows per page of the person list.
PAGE_SIZE = 50
#: The furthest page anyone asks for (10,000 persons are 200 pages).
MAX_PAGE = 100_000


def person_in_incident(request: HttpRequest, pk: int, person_pk: int) -> tuple[Incident, Person]:
    """The incident and one of its persons (404 unless the user has a registry role in its
    region and the person belongs to this incident)."""
    incident = registry_incident_for_user(request.user, pk)
    person = person_for_user(request.user, person_pk)
    if person.incident_id != incident.pk:
        raise Http404
    return incident, person


def _context(request: HttpRequest, incident: Incident, **extra: Any) -> dict[str, Any]:
    return {**incident_context(request, incident, "registry"), **extra}


@login_required
def person_list(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    form = PersonFilterForm(request.GET or None)
    status = where = search = ""
    if form.is_bound and form.is_valid():
        status = form.cleaned_data["status"]
        where = form.cleaned_data["where"]
        search = form.cleaned_data["q"].strip()
    number = params.optional_int(request.GET, "pagina", default=1, minimum=1, maximum=MAX_PAGE)
    persons = selectors.person_list(incident, status=status, where=where, search=search)
    page = Paginator(persons, PAGE_SIZE).get_page(number)
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.LIST,
        what=f"personen p{page.number}" + (f" zoek '{search}'" if search else ""),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "registry/persons_list.html",
        _context(
            request,
            incident,
            form=form,
            page=page,
            query=query.urlencode(),
            filtered=bool(status or where or search),
        ),
    )


@login_required
def person_register(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    user = registry_user(request.user)
    form = RegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_register(
                incident=incident,
                actor=user,
                data=form.person_data(),
                status=form.status_data(),
                client_key=form.cleaned_data["client_key"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            # Back to an empty form (a new key), which confirms the registration.
            return redirect(
                f"{request.path}?geregistreerd={person.pk}"
                + ("&opnieuw=1" if getattr(person, "replayed", False) else "")
            )
    saved = None
    done = params.optional_id(request.GET, "geregistreerd")
    if done is not None and request.method == "GET":
        saved = Person.objects.filter(pk=done, incident=incident).first()
        if saved is not None:  # the confirmation names the person: a read
            services.read_logged(
                user=user,
                incident=incident,
                kind=ReadKind.PERSON,
                object_id=saved.pk,
                what=str(saved),
            )
    return render(
        request,
        "registry/persons_register.html",
        _context(
            request, incident, form=form, saved=saved, replayed=request.GET.get("opnieuw") == "1"
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


def _detail(
    request: HttpRequest,
    incident: Incident,
    person: Person,
    *,
    status_form: StatusForm | None = None,
    code: int = 200,
) -> HttpResponse:
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.PERSON,
        object_id=person.pk,
        what=str(person)[:100],
    )
    return render(
        request,
        "registry/persons_detail.html",
        _context(
            request,
            incident,
            person=person,
            history=selectors.person_history(person),
            inquiries=selectors.person_inquiries(person),
            duplicates=selectors.person_duplicates(person),
            merged_from=Person.objects.filter(merged_into=person).order_by("pk"),
            status_form=status_form or StatusForm(),
        ),
        status=code,
    )


@login_required
def person_detail(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    incident, person = person_in_incident(request, pk, person_pk)
    return _detail(request, incident, person)


@login_required
@require_POST
def person_status(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    incident, person = person_in_incident(request, pk, person_pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.person_status_change(
                person=person, actor=registry_user(request.user), status=form.status_data()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Status recorded."))
            return redirect("registry:person_detail", incident.pk, person.pk)
    return _detail(request, incident, person, status_form=form, code=400)


def _merged(request: HttpRequest, incident: Incident, person: Person) -> HttpResponse | None:
    """A merged registration is read-only: its news belongs on the kept person."""
    if person.merged_into_id is None:
        return None
    messages.error(request, _("This registration was merged; record it on the kept person."))
    return redirect("registry:person_detail", incident.pk, person.pk)


@login_required
def person_edit(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    incident, person = person_in_incident(request, pk, person_pk)
    if (refused := _merged(request, incident, person)) is not None:
        return refused
    form = PersonDetailsForm(
        request.POST if request.method == "POST" else None,
        initial=PersonDetailsForm.initial_of(person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_change(
                person=person, actor=registry_user(request.user), data=form.person_data()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Details saved."))
            return redirect("registry:person_detail", incident.pk, person.pk)
    services.read_logged(
        user=registry_user(request.user),
        incident=incident,
        kind=ReadKind.PERSON,
        object_id=person.pk,
        what=str(person)[:100],
    )
    return render(
        request,
        "registry/persons_edit.html",
        _context(request, incident, person=person, form=form),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def person_consent(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    incident, person = person_in_incident(request, pk, person_pk)
    if (refused := _merged(request, incident, person)) is not None:
        return refused
    answer = request.POST.get("toestemming", "")
    if answer not in ("ja", "nee"):
        messages.error(request, _("consent: choose yes or no."))
        return redirect("registry:person_detail", incident.pk, person.pk)
    try:
        services.person_consent(
            person=person, actor=registry_user(request.user), share=answer == "ja"
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Consent recorded."))
    return redirect("registry:person_detail", incident.pk, person.pk)


BASE = "incidenten/<id:pk>/registratie/personen/"

urls: list[URLPattern] = [
    path(BASE, person_list, name="person_list"),
    path(f"{BASE}nieuw/", person_register, name="person_register"),
    path(f"{BASE}<id:person_pk>/", person_detail, name="person_detail"),
    path(f"{BASE}<id:person_pk>/status/", person_status, name="person_status"),
    path(f"{BASE}<id:person_pk>/wijzigen/", person_edit, name="person_edit"),
    path(f"{BASE}<id:person_pk>/toestemming/", person_consent, name="person_consent"),
    *persons_merges.urls,
]
