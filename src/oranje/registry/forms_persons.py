"""Forms of the persons part: the quick registration (a tablet at a reception desk or in the
field), changing details, a new status report, and the list's filters. They parse with
registry.validation (Dutch messages naming the field); the rules live in the services."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.validation import is_mobile
from oranje.organisation.forms import DateTimeLocalInput
from oranje.registry import validation
from oranje.registry.constants import (
    EMAIL_MAX,
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    NameUse,
    Sex,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.models import Person
from oranje.registry.services.persons import NO_UPDATE_ADDRESS, PersonData, StatusData

BLANK = [("", "—")]
#: The oldest age anyone is estimated at.
MAX_AGE = 125


def _text(label: Any, max_length: int, **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=forms.TextInput(attrs=attrs) if attrs else None,
    )


class PersonDetailsForm(InputForm):
    """The person's details, in the order a person says them at a desk."""

    given_names = _text(_("Given names"), NAME_MAX, autocomplete="off")
    prefix = _text(_("Prefix"), PREFIX_MAX, autocomplete="off")  # type: ignore[assignment]
    surname = _text(_("Surname"), NAME_MAX, autocomplete="off")
    name_use = forms.ChoiceField(
        label=_("Name use"), choices=NameUse.choices, initial=NameUse.OWN, required=False
    )
    partner_prefix = _text(_("Partner's prefix"), PREFIX_MAX, autocomplete="off")
    partner_surname = _text(_("Partner's surname"), NAME_MAX, autocomplete="off")
    birth = forms.CharField(
        label=_("Date of birth"),
        max_length=20,
        required=False,
        help_text=_("4-3-1950, or as far as known: 3-1950 or 1950."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    age_estimate = forms.IntegerField(
        label=_("Estimated age"), min_value=0, max_value=MAX_AGE, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    postcode = _text(_("Postcode"), 10, autocomplete="off")
    house_number = forms.CharField(
        label=_("House number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    house_addition = _text(_("Addition"), 10, autocomplete="off")
    street = _text(_("Street"), NAME_MAX, autocomplete="off")
    city = _text(_("City"), NAME_MAX, autocomplete="off")
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=EMAIL_MAX,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    updates_consent = forms.ChoiceField(
        label=_("Wants updates by mail/SMS"),
        choices=[("", _("unknown")), ("ja", _("yes")), ("nee", _("no"))],
        required=False,
        help_text=_(
            "The municipality's updates about this incident, sent to the e-mail address or "
            "mobile number above."
        ),
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    nationality = _text(_("Nationality"), 60)
    language = _text(_("Language"), 60)

    def clean_birth(self) -> validation.Birth:
        return validation.parse_birth(self.cleaned_data["birth"], field=str(_("date of birth")))

    def clean_postcode(self) -> str:
        return validation.parse_postcode(self.cleaned_data["postcode"])

    def clean_house_number(self) -> tuple[int | None, str]:
        return validation.parse_house(self.cleaned_data["house_number"])

    def clean_phone(self) -> str:
        return validation.parse_phone(self.cleaned_data["phone"], field=str(_("phone")))

    def clean_email(self) -> str:
        return validation.parse_email(self.cleaned_data["email"], field=str(_("e-mail")))

    def clean_updates_consent(self) -> bool | None:
        return validation.CONSENT_ANSWERS[self.cleaned_data["updates_consent"]]

    def clean_bsn(self) -> str:
        return validation.parse_bsn(self.cleaned_data["bsn"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("given_names", "").strip()
            and not cleaned.get("surname", "").strip()
        ):
            raise ValidationError(_("name: give at least a given name or a surname."))
        if (
            not self.errors
            and cleaned.get("updates_consent")
            and not (cleaned.get("email") or is_mobile(cleaned.get("phone") or ""))
        ):
            self.add_error("updates_consent", str(NO_UPDATE_ADDRESS))
        return cleaned

    def person_data(self) -> PersonData:
        c = self.cleaned_data
        birth: validation.Birth = c["birth"]
        number, addition = c["house_number"]
        return PersonData(
            given_names=c["given_names"].strip(),
            prefix=c["prefix"].strip(),
            surname=c["surname"].strip(),
            name_use=c["name_use"] or NameUse.OWN,
            partner_prefix=c["partner_prefix"].strip(),
            partner_surname=c["partner_surname"].strip(),
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
            age_estimate=c["age_estimate"],
            sex=c["sex"],
            postcode=c["postcode"],
            house_number=number,
            house_addition=(c["house_addition"].strip().upper() or addition)[:10],
            street=c["street"].strip(),
            city=c["city"].strip(),
            phone=c["phone"],
            email=c["email"],
            updates_consent=c["updates_consent"],
            bsn=c["bsn"],
            nationality=c["nationality"].strip(),
            language=c["language"].strip(),
        )

    @classmethod
    def initial_of(cls, person: Person) -> dict[str, Any]:
        """The form's values for an existing person (to change their details)."""
        return {
            "given_names": person.given_names,
            "prefix": person.prefix,
            "surname": person.surname,
            "name_use": person.name_use,
            "partner_prefix": person.partner_prefix,
            "partner_surname": person.partner_surname,
            "birth": person.display_birth,
            "age_estimate": person.age_estimate,
            "sex": person.sex,
            "postcode": person.postcode,
            "house_number": str(person.house_number or ""),
            "house_addition": person.house_addition,
            "street": person.street,
            "city": person.city,
            "phone": person.phone,
            "email": person.email,
            "updates_consent": validation.consent_text(person.updates_consent),
            "bsn": person.bsn,
            "nationality": person.nationality,
            "language": person.language,
        }


class StatusFields(InputForm):
    """How and where the person is, and who says so when."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, initial=Status.UNHARMED)
    whereabouts = forms.ChoiceField(
        label=_("Where"), choices=Whereabouts.choices, initial=Whereabouts.SHELTER
    )
    place = forms.CharField(
        label=_("Hospital or place"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Which hospital, which shelter, or where else."),
    )
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices, initial=Source.FIELD)
    source_at = forms.DateTimeField(
        label=_("Source time"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("When the source saw the person; empty is now."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try:
                self.status_data().check()
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return cleaned

    def status_data(self) -> StatusData:
        c = self.cleaned_data
        return StatusData(
            status=c["status"],
            whereabouts=c["whereabouts"],
            place=c.get("place", "").strip(),
            source=c["source"],
            source_at=c.get("source_at"),
            note=c.get("note", "").strip(),
        )


class RegisterForm(PersonDetailsForm, StatusFields):
    """The quick registration: details, the first status report, and a hidden key so that a
    form sent twice (a double tap, a retry) registers once."""

    client_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    field_order = [
        *PersonDetailsForm.base_fields,
        *StatusFields.base_fields,
        "client_key",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_names"].widget.attrs["autofocus"] = "autofocus"
        if not self.is_bound:
            self.initial.setdefault("client_key", uuid.uuid4().hex)


class StatusForm(StatusFields):
    note = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PersonFilterForm(InputForm):
    """The person list's filters (GET)."""

    status = forms.ChoiceField(label=_("Status"), choices=[*BLANK, *Status.choices], required=False)
    where = forms.ChoiceField(
        label=_("Where"), choices=[*BLANK, *Whereabouts.choices], required=False
    )
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
