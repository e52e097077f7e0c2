"""Pages of the lists of people with reduced self-reliance (cold phase, per region): the
suppliers with their counts, a delivery (upload, map the columns, replace the list), the list
itself and its CSV export (both audited reads), deleting a list.

Only the care coordinators and the registry roles of the region get here; everyone else
gets 404 (the lists do not exist for them)."""

from __future__ import annotations

import csv
import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care import vulnerable_rows
from oranje.care.access import care_user, supplier_for_user, vulnerable_regions
from oranje.care.constants import CARE_NEEDS, NAME_MAX, PHONE_MAX, SupplierKind
from oranje.care.models import Resident, Supplier
from oranje.care.services import vulnerable as services
from oranje.core.forms import InputForm
from oranje.core.models import Region
from oranje.core.spreadsheet import safe_cell

PAGE = 100


class SupplierForm(InputForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_MAX)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=SupplierKind.choices, initial=SupplierKind.OTHER
    )
    contact = forms.CharField(label=gettext_lazy("Contact"), max_length=NAME_MAX, required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=PHONE_MAX, required=False)

    def data_of(self) -> services.SupplierData:
        c = self.cleaned_data
        return services.SupplierData(
            name=c["name"], kind=c["kind"], contact=c["contact"], phone=c["phone"]
        )


class NewSupplierForm(SupplierForm):
    region = forms.TypedChoiceField(label=gettext_lazy("Region"), coerce=int)

    def __init__(self, *args: Any, regions: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = {r.pk: r for r in regions}
        field = self.fields["region"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(r.pk, r.name) for r in regions]
        if len(regions) == 1:
            field.initial = regions[0].pk
            field.widget = forms.HiddenInput()


class UploadForm(InputForm):
    file = forms.FileField(
        label=gettext_lazy("List"),
        help_text=gettext_lazy(
            "CSV (comma or semicolon) or .xlsx, the first row the column names."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > services.UPLOAD_MAX:
            raise ValidationError(_("file: larger than 10 MB."))
        return upload


class MappingForm(InputForm):
    """One select per field, its options the file's column names."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", _("— not in the list —"))] + [(h, h) for h in dict.fromkeys(headers) if h]
        for f in vulnerable_rows.FIELDS:
            self.fields[f.name] = forms.ChoiceField(
                label=str(f.label), choices=options, required=False
            )

    def mapping(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}


def _field_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def suppliers(request: HttpRequest) -> HttpResponse:
    """The suppliers of every region whose lists the user may see, with their counts; a new
    supplier."""
    regions = list(vulnerable_regions(request.user))
    if not regions:
        raise Http404
    form = NewSupplierForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        region = form.regions.get(form.cleaned_data["region"])
        if region is None:
            form.add_error("region", _("region: not one of your regions."))
        else:
            try:
                supplier = services.supplier_save(
                    actor=care_user(request.user), region=region, data=form.data_of()
                )
            except ValidationError as exc:
                _field_errors(form, exc)
            else:
                messages.success(request, _("Supplier saved."))
                return redirect("care:supplier", supplier.pk)
    blocks = [(region, services.suppliers_with_counts(region)) for region in regions]
    return render(
        request,
        "care/vulnerable_suppliers.html",
        {"blocks": blocks, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def supplier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = supplier_for_user(request.user, pk)
    initial = {
        "name": supplier.name,
        "kind": supplier.kind,
        "contact": supplier.contact,
        "phone": supplier.phone,
    }
    form = SupplierForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.supplier_save(
                actor=care_user(request.user),
                region=supplier.region,
                data=form.data_of(),
                supplier=supplier,
            )
        except ValidationError as exc:
            _field_errors(form, exc)
        else:
            messages.success(request, _("Supplier saved."))
            return redirect("care:supplier", supplier.pk)
    counts = Resident.objects.filter(supplier=supplier)
    return render(
        request,
        "care/vulnerable_supplier.html",
        {
            "supplier": supplier,
            "form": form,
            "residents": counts.count(),
            "placed": counts.filter(latitude__isnull=False).count(),
            "needs": {
                label: counts.filter(**{name: True}).count() for name, label in CARE_NEEDS.items()
            },
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def supplier_delete(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = supplier_for_user(request.user, pk)
    if request.method != "POST":
        return render(request, "care/vulnerable_delete.html", {"supplier": supplier})
    with_supplier = request.POST.get("supplier") == "1"
    removed = services.supplier_delete(
        actor=care_user(request.user), supplier=supplier, with_supplier=with_supplier
    )
    messages.success(request, _("List deleted: %(n)s residents removed.") % {"n": removed})
    if with_supplier:
        return redirect("care:suppliers")
    return redirect("care:supplier", supplier.pk)


@login_required
def delivery_upload(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = supplier_for_user(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            upload = services.upload_store(
                actor=care_user(request.user),
                supplier=supplier,
                file_name=file.name or "lijst",
                data=file.read(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return redirect("care:delivery_map", supplier.pk, upload.token)
    return render(
        request,
        "care/vulnerable_upload.html",
        {"supplier": supplier, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def delivery_map(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    supplier = supplier_for_user(request.user, pk)
    user = care_user(request.user)
    upload = services.upload_for_user(user, supplier, token)
    headers = list(upload.headers)
    initial = vulnerable_rows.guess_mapping(headers, supplier.mapping)
    form = MappingForm(request.POST or None, headers=headers, initial=initial)
    result = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        try:
            result = services.list_deliver(
                actor=user,
                supplier=supplier,
                file_name=upload.file_name,
                data=bytes(upload.data),
                mapping=form.mapping(),
                upload=upload,
            )
        except ValidationError as exc:
            file_error = exc.messages[0]
        else:
            if result.ok:
                messages.success(
                    request,
                    _(
                        "List delivered: %(created)s new, %(updated)s changed, %(removed)s "
                        "no longer on the list."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "removed": result.removed,
                    },
                )
                return redirect("care:supplier", supplier.pk)
    return render(
        request,
        "care/vulnerable_map.html",
        {
            "supplier": supplier,
            "form": form,
            "upload": upload,
            "remembered": bool(supplier.mapping),
            "problems": result.problems if result else [],
            "file_error": file_error,
        },
        status=400 if request.method == "POST" else 200,
    )


def _residents(supplier: Supplier) -> Any:
    return Resident.objects.filter(supplier=supplier).order_by("postcode", "house_number", "pk")


@login_required
def resident_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The supplier's list, a page at a time; every page read is audited."""
    supplier = supplier_for_user(request.user, pk)
    page = Paginator(_residents(supplier), PAGE).get_page(request.GET.get("pagina"))
    with transaction.atomic():
        services.audit_read(
            actor=care_user(request.user),
            region=supplier.region,
            supplier=supplier,
            rows=len(page.object_list),
            what="list",
        )
    return render(
        request,
        "care/vulnerable_list.html",
        {
            "supplier": supplier,
            "page": page,
            "rows": [(r, services.needs_text(r)) for r in page.object_list],
        },
    )


CSV_HEADER = [
    "id",
    "naam",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "breedtegraad",
    "lengtegraad",
    *(f.removeprefix("need_") for f in CARE_NEEDS),
    "zorgbehoefte",
    "organisatie",
    "contact",
    "telefoon",
]


#: A plain number (a negative coordinate, an international phone number): no formula.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?", re.ASCII)


def _cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula ("-2+3+cmd|…" is one too); plain
    numbers stay as they are, so the list reads back as it was delivered."""
    text = "" if value is None else str(value)
    return text if _PLAIN_NUMBER.fullmatch(text) else safe_cell(text)


@login_required
def resident_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The supplier's whole list as CSV (the columns the import reads back); audited."""
    supplier = supplier_for_user(request.user, pk)
    residents = list(_residents(supplier))
    with transaction.atomic():
        services.audit_read(
            actor=care_user(request.user),
            region=supplier.region,
            supplier=supplier,
            rows=len(residents),
            what="export",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="zelfredzaamheid-{supplier.pk}.csv"'
    response["Cache-Control"] = "no-store, private"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    for r in residents:
        writer.writerow(
            [
                _cell(v)
                for v in (
                    r.ref,
                    r.name,
                    r.street,
                    r.house_number,
                    r.house_addition,
                    r.postcode,
                    r.city,
                    r.latitude,
                    r.longitude,
                    *("ja" if getattr(r, n) else "nee" for n in CARE_NEEDS),
                    r.need_note,
                    r.organisation,
                    r.contact,
                    r.phone,
                )
            ]
        )
    return response


urls: list[URLPattern] = [
    path("opvang/zelfredzaamheid/", suppliers, name="suppliers"),
    path("opvang/zelfredzaamheid/<id:pk>/", supplier_detail, name="supplier"),
    path("opvang/zelfredzaamheid/<id:pk>/verwijderen/", supplier_delete, name="supplier_delete"),
    path("opvang/zelfredzaamheid/<id:pk>/levering/", delivery_upload, name="delivery_upload"),
    path(
        "opvang/zelfredzaamheid/<id:pk>/levering/<str:token>/",
        delivery_map,
        name="delivery_map",
    ),
    path("opvang/zelfredzaamheid/<id:pk>/lijst/", resident_list, name="residents"),
    path("opvang/zelfredzaamheid/<id:pk>/lijst.csv", resident_export, name="residents_csv"),
]
