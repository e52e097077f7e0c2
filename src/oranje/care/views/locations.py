"""The register of shelter locations (cold phase) of the current region: the list filtered by
municipality, one location, adding, changing and removing one, the map and the printable
list per municipality. Everyone with a membership in the region sees it; the municipality's
managers and the region's care coordinators change it (`can_manage_location`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.care.access import can_manage_location, location_for_user, locations_for_user
from oranje.care.forms_locations import ContactForm, ContactFormSet, LocationForm
from oranje.care.models import Location, LocationContact
from oranje.care.services import locations as services
from oranje.core.models import Municipality, Region
from oranje.core.params import InvalidParameter
from oranje.core.views import current_region

NAV = "locations"


def region_municipalities(region: Region) -> list[Municipality]:
    return list(Municipality.objects.current().filter(region=region).order_by("name"))


def managed_municipalities(request: HttpRequest, region: Region) -> list[Municipality]:
    """The region's municipalities whose locations the user may change."""
    return [m for m in region_municipalities(region) if can_manage_location(request.user, m)]


def chosen_municipality(request: HttpRequest, region: Region) -> Municipality | None:
    """The municipality of the `gemeente` filter (CBS code), or None for the whole region;
    400 for a code that is no municipality of the region."""
    code = request.GET.get("gemeente", "").strip().upper()
    if not code:
        return None
    found = Municipality.objects.filter(region=region, cbs_code=code[:6]).first()
    if found is None:
        raise InvalidParameter(
            "gemeente", _("'%(value)s' is not a municipality of this region.") % {"value": code}
        )
    return found


def region_locations(
    request: HttpRequest, region: Region, municipality: Municipality | None
) -> QuerySet[Location]:
    rows = (
        locations_for_user(request.user)
        .filter(municipality__region=region)
        .prefetch_related(Prefetch("contacts", queryset=LocationContact.objects.order_by("order")))
    )
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    return rows


def location_rows(locations: QuerySet[Location]) -> list[dict[str, Any]]:
    """Each location with what the register shows beside it: its facilities, the flag of
    its agreement and whether it is available today."""
    today = timezone.localdate()
    return [
        {
            "location": loc,
            "facilities": services.facilities_of(loc),
            "agreement": services.agreement_state(loc, today),
            "available": loc.available_on(today),
        }
        for loc in locations
    ]


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"nav": NAV, "agreement_days": services.AGREEMENT_WARNING_DAYS, **extra}


@login_required
def locations_list(request: HttpRequest) -> HttpResponse:
    region = current_region(request)
    municipality = chosen_municipality(request, region)
    rows = location_rows(region_locations(request, region, municipality))
    return render(
        request,
        "care/locations_list.html",
        _context(
            request,
            region=region,
            rows=rows,
            municipalities=region_municipalities(region),
            municipality=municipality,
            manages=bool(managed_municipalities(request, region)),
        ),
    )


@login_required
def location_detail(request: HttpRequest, pk: int) -> HttpResponse:
    location = location_for_user(request.user, pk)
    today = timezone.localdate()
    return render(
        request,
        "care/location_detail.html",
        _context(
            request,
            location=location,
            contacts=location.contacts.all(),
            facilities=services.facilities_of(location),
            agreement=services.agreement_state(location, today),
            available=location.available_on(today),
            manages=can_manage_location(request.user, location.municipality),
            shelters=location.shelters.count(),
        ),
    )


def _contacts_of(formset: Any) -> tuple[services.ContactData, ...]:
    return tuple(form.contact() for form in formset.forms if form.is_valid())


def _apply_service_errors(form: LocationForm, formset: Any, exc: ValidationError) -> None:
    """The service's errors on the form; `contact<n>_<field>` on the n-th contact's row."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, errors in exc.message_dict.items():
        number, _sep, name = key.removeprefix("contact").partition("_")
        if key.startswith("contact") and number.isdigit() and 0 < int(number) <= len(formset):
            contact: ContactForm = formset.forms[int(number) - 1]
            contact.add_error(name if name in contact.fields else None, errors)
        elif key in ("house_number", "house_addition"):
            form.add_error("house", errors)
        else:
            form.add_error(key if key in form.fields else None, errors)


def _edit(request: HttpRequest, region: Region, location: Location | None) -> HttpResponse:
    choices = managed_municipalities(request, region)
    if not choices:
        raise PermissionDenied
    initial: dict[str, Any] = {}
    contacts_initial: list[dict[str, str]] = []
    if location is not None:
        data = services.location_data(location)
        initial = {name: getattr(data, name) for name in services.FIELDS}
        initial["house"] = f"{data.house_number or ''}{data.house_addition}"
        initial["municipality"] = location.municipality_id
        contacts_initial = [
            {"name": c.name, "role": c.role, "phone": c.phone, "email": c.email}
            for c in data.contacts
        ]
    else:
        chosen = chosen_municipality(request, region)
        initial["municipality"] = chosen.pk if chosen else None
    form = LocationForm(request.POST or None, initial=initial, municipalities=choices)
    formset = ContactFormSet(request.POST or None, initial=contacts_initial, prefix="contact")
    if request.method == "POST":
        forms_valid = form.is_valid() and formset.is_valid()
        if forms_valid:
            try:
                saved = services.location_save(
                    actor=request.user,
                    municipality=form.cleaned_data["municipality"],
                    data=form.data_with(_contacts_of(formset)),
                    location=location,
                )
            except ValidationError as exc:
                _apply_service_errors(form, formset, exc)
            else:
                messages.success(request, _("Location %(name)s saved.") % {"name": saved.name})
                return redirect("care:location_detail", saved.pk)
    return render(
        request,
        "care/location_form.html",
        _context(request, form=form, formset=formset, location=location),
        status=400 if request.method == "POST" else 200,
    )


@login_required
def location_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, current_region(request), None)


@login_required
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    location = location_for_user(request.user, pk, manage=True)
    return _edit(request, location.municipality.region, location)


@login_required
@require_POST
def location_delete(request: HttpRequest, pk: int) -> HttpResponse:
    location = location_for_user(request.user, pk, manage=True)
    try:
        services.location_delete(actor=request.user, location=location)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("care:location_detail", location.pk)
    messages.success(request, _("Location %(name)s removed.") % {"name": location.name})
    return redirect("care:locations")


@login_required
def locations_map(request: HttpRequest) -> HttpResponse:
    """The locations on a map when a tile server is configured; always the coordinates as a
    table, which is all there is without one (as the incident map)."""
    region = current_region(request)
    municipality = chosen_municipality(request, region)
    rows = location_rows(region_locations(request, region, municipality))
    return render(
        request,
        "care/locations_map.html",
        _context(
            request,
            region=region,
            rows=[r for r in rows if r["location"].latitude is not None],
            without=[r["location"] for r in rows if r["location"].latitude is None],
            municipalities=region_municipalities(region),
            municipality=municipality,
            map={"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION},
        ),
    )


@login_required
def locations_print(request: HttpRequest) -> HttpResponse:
    """A clean page per municipality for paper: every location with its contacts."""
    region = current_region(request)
    municipality = chosen_municipality(request, region)
    rows = location_rows(region_locations(request, region, municipality))
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["location"].municipality.name, []).append(row)
    return render(
        request,
        "care/locations_print.html",
        _context(
            request,
            region=region,
            groups=sorted(groups.items()),
            municipality=municipality,
            printed_at=timezone.now(),
        ),
    )


urls: list[URLPattern] = [
    path("opvang/locaties/", locations_list, name="locations"),
    path("opvang/locaties/nieuw/", location_new, name="location_new"),
    path("opvang/locaties/kaart/", locations_map, name="locations_map"),
    path("opvang/locaties/afdrukken/", locations_print, name="locations_print"),
    path("opvang/locaties/<id:pk>/", location_detail, name="location_detail"),
    path("opvang/locaties/<id:pk>/wijzigen/", location_edit, name="location_edit"),
    path("opvang/locaties/<id:pk>/verwijderen/", location_delete, name="location_delete"),
]
