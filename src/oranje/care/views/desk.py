"""The shelter desk (balie): checking a household in on a tablet, its household page with
the card's code, checking it out and transferring it. For the care roles of the incident's
region only (404 for everyone else: a guest does not exist for them).

The scan page and the guest list are in desk_scan.py, the household card in desk_card.py;
their URLs join this module's list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from oranje.care.access import care_user, household_for_user, shelter_for_user
from oranje.care.constants import CheckOutReason
from oranje.care.forms_desk import (
    FORM_ID,
    CheckInForm,
    CheckOutForm,
    PersonTemplateForm,
    TransferForm,
)
from oranje.care.models import Household, Shelter
from oranje.care.services.checkin import (
    ShelterFull,
    household_check_in,
    household_check_out,
    household_transfer,
)
from oranje.care.services.codes import show_code
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.views import apply_errors
from oranje.incidents.views import incident_context

#: Desk pages show guests: no copy stays in a shared tablet's cache or a proxy.
no_store = cache_control(no_store=True, private=True)


def desk_shelter(request: HttpRequest, pk: int, shelter_pk: int) -> Shelter:
    """The shelter of this incident whose desk the user works at (404 otherwise)."""
    shelter = shelter_for_user(request.user, shelter_pk, desk=True)
    if shelter.incident_id != pk:
        raise Http404
    return shelter


def desk_household(request: HttpRequest, shelter: Shelter, household_pk: int) -> Household:
    """A household of the shelter's incident (it may be in another shelter, or out)."""
    household = household_for_user(request.user, household_pk)
    if household.incident_id != shelter.incident_id:
        raise Http404
    return household


def desk_context(request: HttpRequest, shelter: Shelter, part: str, **extra: Any) -> dict[str, Any]:
    return {
        **incident_context(request, shelter.incident, "care"),
        "shelter": shelter,
        "desk_part": part,
        **extra,
    }


def guests_read(request: HttpRequest, shelter: Shelter, what: str, obj: Any = None) -> None:
    """One audit entry per request that shows guests (no names: only what was looked at)."""
    audit_record(
        actor=care_user(request.user),
        action=AuditAction.GUESTS_READ,
        obj=obj,
        object_type="" if obj is not None else "shelter",
        region=shelter.incident.region,
        changes={"shelter": shelter.pk, "page": what},
    )


def household_url(shelter: Shelter, household: Household) -> str:
    return reverse("care:desk_household", args=[shelter.incident_id, shelter.pk, household.pk])


# ---------------------------------------------------------------- check-in


@login_required
@no_store
def check_in(request: HttpRequest, pk: int, shelter_pk: int) -> HttpResponse:
    shelter = desk_shelter(request, pk, shelter_pk)
    full: ShelterFull | None = None
    if request.method == "POST":
        # "add a person" re-renders with one more block; "carried over" shows the data a
        # full shelter's desk sent here, for this desk to check and save.
        add = "add_person" in request.POST
        carried = "overnemen" in request.POST
        form = CheckInForm(request.POST, add_person=add)
        if not add and not carried and form.is_valid():
            assert form.household_data is not None
            try:
                home = household_check_in(
                    shelter=shelter,
                    actor=care_user(request.user),
                    household=form.household_data,
                    guests=form.guests,
                    client_key=form.cleaned_data["client_key"],
                    match_in_worker=True,
                )
            except ShelterFull as exc:
                full = exc
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                again = "&opnieuw=1" if getattr(home, "replayed", False) else ""
                return redirect(f"{household_url(shelter, home)}?ingecheckt=1{again}")
    else:
        form = CheckInForm()
    code = 200
    if full is not None:
        code = 409
    elif form.is_bound and form.errors:
        code = 400
        first = form.first_error_field()
        if first is not None:
            for field in form.fields.values():
                field.widget.attrs.pop("autofocus", None)
            form.fields[first].widget.attrs["autofocus"] = "autofocus"
    alternative = full.alternative if full is not None else None
    return render(
        request,
        "care/desk_checkin.html",
        desk_context(
            request,
            shelter,
            "checkin",
            form=form,
            form_id=FORM_ID,
            person_template=PersonTemplateForm(),
            full=full,
            alternative_url=(
                reverse("care:desk_check_in", args=[pk, alternative.pk])
                if alternative is not None
                else ""
            ),
        ),
        status=code,
    )


# ---------------------------------------------------------------- the household page


def _guest_choices(household: Household) -> list[tuple[int, str]]:
    return [(g.pk, g.full_name or f"#{g.pk}") for g in household.guests.filter(present=True)]


def _transfer_choices(household: Household, people: int) -> list[tuple[int, str]]:
    """Open shelters of the incident other than the household's, with room for it."""
    others = (
        Shelter.objects.filter(incident_id=household.incident_id, closed_at__isnull=True)
        .select_related("location")
        .order_by("location__name", "pk")
    )
    if household.shelter_id is not None:
        others = others.exclude(pk=household.shelter_id)
    return [
        (
            s.pk,
            _("%(name)s (%(free)s places free)") % {"name": s.location.name, "free": s.free_day},
        )
        for s in others
        if s.free_day >= people
    ]


def _household_page(
    request: HttpRequest,
    shelter: Shelter,
    household: Household,
    *,
    check_out_form: CheckOutForm | None = None,
    transfer_form: TransferForm | None = None,
    code: int = 200,
) -> HttpResponse:
    guests = list(household.guests.all())
    present = [g for g in guests if g.present]
    stays = household.stays.select_related("shelter__location").order_by("checked_in_at", "pk")
    guests_read(request, shelter, "household", household)
    return render(
        request,
        "care/desk_household.html",
        desk_context(
            request,
            shelter,
            "household",
            household=household,
            code=show_code(household.code),
            guests=guests,
            present=present,
            stays=stays,
            checked_in=request.GET.get("ingecheckt") == "1",
            replayed=request.GET.get("opnieuw") == "1",
            elsewhere=household.shelter_id not in (None, shelter.pk),
            check_out_form=check_out_form
            or CheckOutForm(guests=[(g.pk, g.full_name) for g in present]),
            transfer_form=transfer_form
            or TransferForm(shelters=_transfer_choices(household, len(present))),
        ),
        status=code,
    )


@login_required
@no_store
def household_page(
    request: HttpRequest, pk: int, shelter_pk: int, household_pk: int
) -> HttpResponse:
    shelter = desk_shelter(request, pk, shelter_pk)
    household = desk_household(request, shelter, household_pk)
    return _household_page(request, shelter, household)


@login_required
@no_store
@require_POST
def check_out(request: HttpRequest, pk: int, shelter_pk: int, household_pk: int) -> HttpResponse:
    shelter = desk_shelter(request, pk, shelter_pk)
    household = desk_household(request, shelter, household_pk)
    form = CheckOutForm(request.POST, guests=_guest_choices(household))
    if form.is_valid():
        chosen: list[int] = form.cleaned_data["guests"]
        try:
            left = household_check_out(
                household=household,
                actor=care_user(request.user),
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"].strip(),
                guest_ids=chosen or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            label = CheckOutReason(form.cleaned_data["reason"]).label
            messages.success(
                request,
                _("Household %(code)s: %(n)s checked out (%(reason)s).")
                % {"n": left, "code": show_code(household.code), "reason": label},
            )
            if household.shelter_id is None:
                return redirect("care:desk_scan", pk, shelter.pk)
            return redirect(household_url(shelter, household))
    return _household_page(request, shelter, household, check_out_form=form, code=400)


@login_required
@no_store
@require_POST
def transfer(request: HttpRequest, pk: int, shelter_pk: int, household_pk: int) -> HttpResponse:
    shelter = desk_shelter(request, pk, shelter_pk)
    household = desk_household(request, shelter, household_pk)
    present = household.guests.filter(present=True).count()
    form = TransferForm(request.POST, shelters=_transfer_choices(household, present))
    if form.is_valid():
        target = Shelter.objects.select_related("location", "incident").get(
            pk=form.cleaned_data["shelter"]
        )
        try:
            household_transfer(household=household, to=target, actor=care_user(request.user))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Household %(code)s transferred to %(shelter)s.")
                % {"code": show_code(household.code), "shelter": target.location.name},
            )
            return redirect(household_url(shelter, household))
    return _household_page(request, shelter, household, transfer_form=form, code=400)


_BASE = "incidenten/<id:pk>/opvang/<id:shelter_pk>/balie/"

urls: list[URLPattern] = [
    path(_BASE, check_in, name="desk_check_in"),
    path(f"{_BASE}huishoudens/<id:household_pk>/", household_page, name="desk_household"),
    path(f"{_BASE}huishoudens/<id:household_pk>/uitchecken/", check_out, name="desk_check_out"),
    path(f"{_BASE}huishoudens/<id:household_pk>/overplaatsen/", transfer, name="desk_transfer"),
]
