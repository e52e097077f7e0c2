"""Pages of functionaries: the list, creating, editing, details, absences."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.validation import format_phone
from oranje.core.views import apply_errors, current_region
from oranje.organisation import selectors, services
from oranje.organisation.access import (
    can_manage_person,
    is_own,
    person_for_user,
    unavailability_for_user,
)
from oranje.organisation.constants import PersonKind
from oranje.organisation.forms import PersonForm, PersonKindForm, UnavailabilityForm
from oranje.organisation.imports_people import people_import, read_table
from oranje.organisation.models import Function, Person
from oranje.organisation.views.common import _manages, _require_manager, import_page


@login_required
def people(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    search = request.GET.get("q", "").strip()
    function_code = request.GET.get("functie", "")
    kind = request.GET.get("soort", "")
    if kind not in PersonKind.values:
        kind = ""
    found = selectors.people_in_region(region, search=search, function_code=function_code)
    counts = dict.fromkeys(PersonKind.values, 0)
    for value in found.values_list("kind", flat=True):
        counts[value] += 1
    items = list(found.filter(kind=kind) if kind else found)
    return render(
        request,
        "organisation/people.html",
        {
            "people": items,
            "q": search,
            "function_code": function_code,
            "kind": kind,
            "kinds": [(value, label, counts[value]) for value, label in PersonKind.choices],
            "functions": Function.objects.all(),
            "nav": "people",
            "manages": _manages(request),
        },
    )


def _person_form_save(
    request: HttpRequest, form: PersonForm, person: Person | None
) -> Person | None:
    region = current_region(request)
    data = dict(form.cleaned_data)
    functions = data.pop("functions")
    active = data.pop("active")
    try:
        if person is None:
            return services.person_create(
                actor=core_access.authenticated(request.user),
                region=region,
                functions=functions,
                **data,
            )
        return services.person_update(
            actor=core_access.authenticated(request.user),
            person=person,
            functions=functions,
            active=active,
            **data,
        )
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    _require_manager(request)
    form = PersonForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        person = _person_form_save(request, form, None)
        if person:
            messages.success(request, _("%(person)s added.") % {"person": person})
            return redirect("organisation:person_detail", pk=person.pk)
    return render(request, "organisation/person_form.html", {"form": form, "nav": "people"})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, manage=True)
    initial = {
        "given_name": person.given_name,
        "prefix": person.prefix,
        "surname": person.surname,
        "email": person.email,
        "phone": format_phone(person.phone),
        "phone_alt": format_phone(person.phone_alt) if person.phone_alt else "",
        "municipality": person.municipality_id,
        "functions": list(person.functions.all()),
        "active": person.active,
    }
    form = PersonForm(request.POST or None, region=person.region, initial=initial, new=False)
    if request.method == "POST" and form.is_valid() and _person_form_save(request, form, person):
        messages.success(request, _("Changes saved."))
        return redirect("organisation:person_detail", pk=person.pk)
    return render(
        request, "organisation/person_form.html", {"form": form, "person": person, "nav": "people"}
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk)
    may_manage = can_manage_person(request.user, person)
    own = is_own(request.user, person)
    form = UnavailabilityForm(request.POST or None)
    if request.method == "POST":
        core_access.require(may_manage or own)
        if form.is_valid():
            try:
                services.unavailability_create(
                    actor=core_access.authenticated(request.user),
                    person=person,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Unavailability recorded."))
                return redirect("organisation:person_detail", pk=person.pk)
    since = timezone.now() - dt.timedelta(days=7)
    context = {
        "person": person,
        "phone": format_phone(person.phone),
        "phone_alt": format_phone(person.phone_alt) if person.phone_alt else "",
        "shifts": selectors.shifts_of_person(person, since)[:60],
        "unavailabilities": person.unavailabilities.filter(ends_at__gt=since),
        "pools": person.pools.all(),
        "kind_changes": person.kind_changes.select_related("by"),
        "form": form,
        "may_manage": may_manage,
        "own": own,
        "nav": "people",
    }
    return render(request, "organisation/person_detail.html", context)


@login_required
@require_POST
def unavailability_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = unavailability_for_user(request.user, pk)
    services.unavailability_delete(actor=core_access.authenticated(request.user), item=item)
    messages.success(request, _("Unavailability withdrawn."))
    return redirect("organisation:person_detail", pk=item.person_id)


@login_required
def person_kind(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a person between key-function holder and civil servant without a path."""
    person = person_for_user(request.user, pk, manage=True)
    other = PersonKind.CIVIL if person.kind == PersonKind.KEY else PersonKind.KEY
    form = PersonKindForm(request.POST or None, initial={"to_kind": other})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_change_kind(
                actor=core_access.authenticated(request.user),
                person=person,
                to_kind=form.cleaned_data["to_kind"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            person.refresh_from_db(fields=["kind"])
            messages.success(
                request,
                _("%(person)s is now a %(kind)s.")
                % {"person": person, "kind": person.get_kind_display()},
            )
            return redirect("organisation:person_detail", pk=person.pk)
    return render(
        request,
        "organisation/person_kind.html",
        {"form": form, "person": person, "nav": "people"},
    )


@login_required
def person_import(request: HttpRequest) -> HttpResponse:
    """Add functionaries from a spreadsheet: all rows or none."""
    return import_page(
        request,
        read_table,
        people_import,
        done=lambda count: _("%(count)s people imported.") % {"count": count},
        then="organisation:people",
        template="organisation/person_import.html",
        nav="people",
    )
