"""Forms of the cold phase: a shelter location with its contacts, the import, the norms.
The forms read the typed values; the services check them (the same checks as the API and
the import)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care.constants import CAPACITY_MAX, NAME_MAX, TEXT_MAX, LocationKind
from oranje.care.services.location_import import UPLOAD_MAX
from oranje.care.services.locations import (
    CODE_MAX,
    CONTACTS_MAX,
    ContactData,
    LocationData,
    NormsData,
)
from oranje.core.forms import InputForm
from oranje.core.models import Municipality
from oranje.registry.validation import parse_house


def _date() -> forms.DateField:
    return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)


class LocationForm(InputForm):
    municipality = forms.TypedChoiceField(label=gettext_lazy("Municipality"), coerce=int)
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=CODE_MAX,
        help_text=gettext_lazy("The municipality's own key; an import updates by it."),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_MAX)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=LocationKind.choices)
    street = forms.CharField(label=gettext_lazy("Street"), max_length=NAME_MAX, required=False)
    house = forms.CharField(
        label=gettext_lazy("House number"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("12 or 12a"),
    )
    postcode = forms.CharField(label=gettext_lazy("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=gettext_lazy("Place"), max_length=NAME_MAX, required=False)
    latitude = forms.DecimalField(
        label=gettext_lazy("Latitude"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Longitude"), max_digits=9, decimal_places=6, required=False
    )
    capacity_day = forms.IntegerField(
        label=gettext_lazy("Capacity by day (seats)"), min_value=0, max_value=CAPACITY_MAX
    )
    capacity_night = forms.IntegerField(
        label=gettext_lazy("Capacity by night (beds)"), min_value=0, max_value=CAPACITY_MAX
    )
    kitchen = forms.BooleanField(label=gettext_lazy("Kitchen"), required=False)
    showers = forms.BooleanField(label=gettext_lazy("Showers"), required=False)
    wheelchair = forms.BooleanField(label=gettext_lazy("Wheelchair access"), required=False)
    pets = forms.BooleanField(label=gettext_lazy("Pets allowed"), required=False)
    medical_room = forms.BooleanField(label=gettext_lazy("Medical room"), required=False)
    power_backup = forms.BooleanField(label=gettext_lazy("Power backup"), required=False)
    owner = forms.CharField(label=gettext_lazy("Owner"), max_length=NAME_MAX, required=False)
    agreement_until = _date()
    available = forms.BooleanField(label=gettext_lazy("Available"), required=False, initial=True)
    unavailable_until = _date()
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("For example why the location is not available."),
    )

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = {m.pk: m for m in municipalities}
        field = self.fields["municipality"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(m.pk, m.name) for m in municipalities]
        self.fields["agreement_until"].label = gettext_lazy("Agreement until")
        self.fields["unavailable_until"].label = gettext_lazy("Not available until")

    def clean_house(self) -> tuple[int | None, str]:
        try:
            return parse_house(self.cleaned_data.get("house") or "")
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None

    def clean_municipality(self) -> Municipality:
        found = self.municipalities.get(self.cleaned_data["municipality"])
        if found is None:
            raise ValidationError(_("municipality: choose one of the list."))
        return found

    def data_with(self, contacts: tuple[ContactData, ...]) -> LocationData:
        v = self.cleaned_data
        number, addition = v["house"]
        return LocationData(
            code=v["code"],
            name=v["name"],
            kind=v["kind"],
            street=v["street"],
            house_number=number,
            house_addition=addition,
            postcode=v["postcode"],
            city=v["city"],
            latitude=v["latitude"],
            longitude=v["longitude"],
            capacity_day=v["capacity_day"],
            capacity_night=v["capacity_night"],
            kitchen=v["kitchen"],
            showers=v["showers"],
            wheelchair=v["wheelchair"],
            pets=v["pets"],
            medical_room=v["medical_room"],
            power_backup=v["power_backup"],
            owner=v["owner"],
            agreement_until=v["agreement_until"],
            available=v["available"],
            unavailable_until=v["unavailable_until"],
            note=v["note"],
            contacts=contacts,
        )


class ContactForm(InputForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_MAX, required=False)
    role = forms.CharField(
        label=gettext_lazy("Role"),
        max_length=NAME_MAX,
        required=False,
        help_text=gettext_lazy("Key holder, caretaker, manager …"),
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=30, required=False)
    email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)

    def contact(self) -> ContactData:
        v = self.cleaned_data
        return ContactData(
            name=v.get("name", ""),
            role=v.get("role", ""),
            phone=v.get("phone", ""),
            email=v.get("email", ""),
        )


ContactFormSet = forms.formset_factory(
    ContactForm, extra=2, max_num=CONTACTS_MAX, validate_max=True
)


class LocationImportForm(InputForm):
    municipality = forms.TypedChoiceField(
        label=gettext_lazy("Municipality"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy(
            "Leave empty for a file of the whole region with a column 'gemeente' "
            "(CBS code or name)."
        ),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (comma or semicolon) or .xlsx, the first row the column names."
        ),
    )

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = {m.pk: m for m in municipalities}
        field = self.fields["municipality"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("— the whole region (column 'gemeente') —"))] + [
            (m.pk, m.name) for m in municipalities
        ]

    def clean_municipality(self) -> Municipality | None:
        chosen = self.cleaned_data.get("municipality")
        if chosen is None:
            return None
        found = self.municipalities.get(chosen)
        if found is None:
            raise ValidationError(_("municipality: choose one of the list."))
        return found

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > UPLOAD_MAX:
            raise ValidationError(_("file: larger than 5 MB."))
        return upload


class NormsForm(InputForm):
    shelter_hours = forms.IntegerField(label=gettext_lazy("Shelter ready within (hours)"))
    capacity_percent = forms.IntegerField(
        label=gettext_lazy("Capacity for share of those involved (%)")
    )
    capacity_max = forms.IntegerField(label=gettext_lazy("Capacity at most (persons)"))
    housing_hours = forms.IntegerField(label=gettext_lazy("Temporary housing within (hours)"))

    def norms(self) -> NormsData:
        v = self.cleaned_data
        return NormsData(
            shelter_hours=v["shelter_hours"],
            capacity_percent=v["capacity_percent"],
            capacity_max=v["capacity_max"],
            housing_hours=v["housing_hours"],
        )
