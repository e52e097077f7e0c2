"""Forms of the inquiries part: the intake a call-centre operator types on a headset, the call
back, closing an inquiry. Parsing goes through registry.validation (Dutch messages that name
the field), so the page and the API refuse the same things."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.registry import validation
from oranje.registry.constants import (
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    CallOutcome,
    Phrase,
    Sex,
)
from oranje.registry.services.inquiries import InquiryData

#: The oldest age a person sought can be given.
AGE_MAX = 130


class IntakeForm(InputForm):
    """The caller first (who calls back whom), then the person sought, then the flags."""

    caller_name = forms.CharField(
        label=_("Caller's name"),
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    caller_phone = forms.CharField(
        label=_("Caller's phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    caller_relation = forms.CharField(
        label=_("Relation to the person sought"),
        max_length=100,
        required=False,
        help_text=_("e.g. daughter, neighbour"),
    )
    given_names = forms.CharField(label=_("Given names"), max_length=NAME_MAX, required=False)
    name_prefix = forms.CharField(
        label=_("Prefix"), max_length=PREFIX_MAX, required=False, help_text=_("van, de, van der")
    )
    surname = forms.CharField(label=_("Surname"), max_length=NAME_MAX, required=False)
    birth = forms.CharField(
        label=_("Date of birth"),
        max_length=20,
        required=False,
        help_text=_("4-3-1950, 3-1950 or 1950"),
    )
    age_estimate = forms.IntegerField(
        label=_("Or age"), min_value=0, max_value=AGE_MAX, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    house = forms.CharField(label=_("House number"), max_length=20, required=False)
    street = forms.CharField(label=_("Street"), max_length=NAME_MAX, required=False)
    city = forms.CharField(label=_("City"), max_length=NAME_MAX, required=False)
    phone = forms.CharField(
        label=_("Phone of the person sought"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    last_seen_place = forms.CharField(
        label=_("Last seen where"), max_length=NAME_MAX, required=False
    )
    last_seen_at = forms.DateTimeField(
        label=_("Last seen when"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("clothing, build, glasses, medication"),
    )
    is_child = forms.BooleanField(label=_("Child"), required=False)
    reduced_self_reliance = forms.BooleanField(label=_("Reduced self-reliance"), required=False)
    medical_need = forms.BooleanField(label=_("Medical need"), required=False)
    client_key = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, min_length=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_key", uuid.uuid4().hex)

    def _parsed(self, name: str, parse: Any) -> Any:
        try:
            return parse(self.cleaned_data.get(name, ""))
        except ValidationError as exc:
            self.add_error(name, exc)
            return None

    def clean_caller_phone(self) -> str:
        return validation.parse_phone(
            self.cleaned_data["caller_phone"], field=str(_("caller's phone"))
        )

    def clean_phone(self) -> str:
        return validation.parse_phone(self.cleaned_data["phone"], field=str(_("phone")))

    def clean_postcode(self) -> str:
        return validation.parse_postcode(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("given_names") or cleaned.get("surname")) and not self.has_error(
            "given_names"
        ):
            self.add_error("surname", _("person sought: give at least a given name or a surname."))
        return cleaned

    def data_for_service(self) -> InquiryData:
        """The parsed intake (call after is_valid(); raises ValidationError per field)."""
        c = self.cleaned_data
        errors: dict[str, list[str]] = {}
        birth = validation.Birth()
        try:
            birth = validation.parse_birth(c.get("birth", ""), field=str(_("date of birth")))
        except ValidationError as exc:
            errors["birth"] = exc.messages
        number, addition = None, ""
        try:
            number, addition = validation.parse_house(c.get("house", ""))
        except ValidationError as exc:
            errors["house"] = exc.messages
        if errors:
            raise ValidationError(errors)
        return InquiryData(
            caller_name=c["caller_name"].strip(),
            caller_phone=c["caller_phone"],
            caller_relation=c.get("caller_relation", "").strip(),
            given_names=c.get("given_names", "").strip(),
            prefix=c.get("name_prefix", "").strip(),
            surname=c.get("surname", "").strip(),
            birth_year=birth.year,
            birth_month=birth.month,
            birth_day=birth.day,
            age_estimate=c.get("age_estimate"),
            sex=c.get("sex") or Sex.UNKNOWN,
            postcode=c.get("postcode", ""),
            house_number=number,
            house_addition=addition,
            street=c.get("street", "").strip(),
            city=c.get("city", "").strip(),
            phone=c.get("phone", ""),
            last_seen_place=c.get("last_seen_place", "").strip(),
            last_seen_at=c.get("last_seen_at"),
            description=c.get("description", "").strip(),
            is_child=bool(c.get("is_child")),
            reduced_self_reliance=bool(c.get("reduced_self_reliance")),
            medical_need=bool(c.get("medical_need")),
        )


class CallForm(InputForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CallOutcome.choices, widget=forms.RadioSelect
    )
    phrases = forms.MultipleChoiceField(
        label=_("What was said"),
        choices=Phrase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(InputForm):
    reason = forms.CharField(label=_("Reason for closing"), max_length=TEXT_MAX)


class ConsentForm(InputForm):
    share = forms.TypedChoiceField(
        label=_("Consent to share whereabouts"),
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda v: v == "1",
    )
