"""The shelter desk's forms: checking a household in, finding it by its card, checking it
out and transferring it.

CONTRACT of the check-in form (the offline desk builds its queue and its JSON sync on it;
keep it stable):

- the form's id is ``checkin-form``; it is posted to the shelter's desk page;
- household fields: ``household-name`` (optional), ``household-phone``,
  ``household-postcode``, ``household-house`` (number with addition: 12, 12a, 12-2),
  ``household-city``, ``household-street``;
- ``persons``: how many person blocks the form holds (1 to HOUSEHOLD_MAX);
- per person N (1, 2, …): ``pN-given_names``, ``pN-prefix``, ``pN-surname``, ``pN-birth``
  (partial as the registry's ``parse_birth``: 4-3-1950, 3-1950, 1950), ``pN-phone``,
  ``pN-medication``, ``pN-diet``, ``pN-mobility_aid``, ``pN-language``, ``pN-interpreter``
  (a checkbox: "on", or true/"1"/"yes"), ``pN-pets``, ``pN-care_organisation``, ``pN-share``
  ("yes", "no" or "" for unknown); a person block left wholly empty is skipped;
- hidden ``client_key``: a uuid made by the server for each rendered form (or by the offline
  desk), so that a form sent twice checks the household in once;
- ``parse_check_in(mapping) -> (HouseholdData, list[GuestData])`` parses a QueryDict or a
  plain dict (JSON) and raises ``ValidationError({field name: [Dutch message]})`` whose
  messages name the field ("persoon 2, geboortedatum: …").
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care.constants import HOUSEHOLD_MAX, NAME_MAX, PHONE_MAX, CheckOutReason
from oranje.care.services.checkin import GuestData, HouseholdData
from oranje.core.forms import InputForm
from oranje.core.text import neutralise_bidi
from oranje.registry import validation

FORM_ID = "checkin-form"
#: The id a client chooses for a check-in: a uuid, with or without dashes.
CLIENT_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")
SHARE_VALUES = {"yes": True, "no": False, "": None}
_TRUE = {"on", "1", "true", "yes", "ja"}

#: Household fields: name -> (label, max length, input attributes).
HOUSEHOLD_FIELDS: dict[str, tuple[Any, int, dict[str, str]]] = {
    "household-name": (gettext_lazy("Household name"), NAME_MAX, {}),
    "household-postcode": (gettext_lazy("Postcode"), 10, {}),
    "household-house": (gettext_lazy("House number and addition"), 20, {}),
    "household-street": (gettext_lazy("Street"), NAME_MAX, {}),
    "household-city": (gettext_lazy("City"), NAME_MAX, {}),
    "household-phone": (gettext_lazy("Phone"), 30, {"type": "tel"}),
}
#: Text fields of one person: suffix -> (label, max length, input attributes).
PERSON_TEXT: dict[str, tuple[Any, int, dict[str, str]]] = {
    "given_names": (gettext_lazy("Given names"), NAME_MAX, {}),
    "prefix": (gettext_lazy("Prefix"), 10, {}),
    "surname": (gettext_lazy("Surname"), NAME_MAX, {}),
    "birth": (gettext_lazy("Date of birth"), 20, {"inputmode": "numeric"}),
    "phone": (gettext_lazy("Phone"), 30, {"type": "tel"}),
    "medication": (gettext_lazy("Medication"), NAME_MAX, {}),
    "diet": (gettext_lazy("Diet"), NAME_MAX, {}),
    "mobility_aid": (gettext_lazy("Mobility aid"), NAME_MAX, {}),
    "language": (gettext_lazy("Language"), 60, {}),
    "pets": (gettext_lazy("Pets"), NAME_MAX, {}),
    "care_organisation": (gettext_lazy("Care from a care organisation"), NAME_MAX, {}),
}
PERSON_SUFFIXES = (*PERSON_TEXT, "interpreter", "share")


class _Parser:
    """Collects every problem, keyed by field name, with the field named in the message."""

    def __init__(self, mapping: Mapping[str, Any]) -> None:
        self.mapping = mapping
        self.errors: dict[str, list[str]] = {}

    def raw(self, name: str) -> str:
        value = self.mapping.get(name, "")
        if value is None or isinstance(value, list | dict):
            return ""
        if isinstance(value, bool):
            return "on" if value else ""
        return neutralise_bidi(str(value)).strip()

    def text(self, name: str, label: str, max_length: int) -> str:
        value = self.raw(name)
        if len(value) > max_length:
            self.fail(
                name,
                _("%(field)s: at most %(max)s characters.") % {"field": label, "max": max_length},
            )
            return ""
        return value

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def parsed(self, name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                self.fail(name, message)
            return None


def person_label(number: int | str, suffix: str) -> str:
    """'persoon 2, geboortedatum': how a message names a person's field."""
    what = str(PERSON_TEXT[suffix][0]).lower() if suffix in PERSON_TEXT else suffix
    if suffix == "share":
        what = str(_("consent to share whereabouts"))
    return _("person %(n)s, %(field)s") % {"n": number, "field": what}


def person_count(mapping: Mapping[str, Any]) -> int:
    """The number of person blocks the form says it holds; ValidationError on `persons`."""
    raw = mapping.get("persons", "1")
    text = str(raw).strip() if raw is not None and not isinstance(raw, list | dict) else ""
    if not re.fullmatch(r"[0-9]{1,6}", text, re.ASCII):
        raise ValidationError(
            {"persons": [_("persons: '%(value)s' is not a number.") % {"value": text[:20]}]}
        )
    count = int(text)
    if count < 1:
        raise ValidationError({"persons": [_("persons: a household has at least one person.")]})
    if count > HOUSEHOLD_MAX:
        raise ValidationError(
            {
                "persons": [
                    _("persons: at most %(max)s persons on one household card.")
                    % {"max": HOUSEHOLD_MAX}
                ]
            }
        )
    return count


def _household(p: _Parser) -> HouseholdData:
    values = {
        name: p.text(name, str(label).lower(), max_length)
        for name, (label, max_length, _attrs) in HOUSEHOLD_FIELDS.items()
    }
    postcode = p.parsed(
        "household-postcode", validation.parse_postcode, values["household-postcode"]
    )
    house = p.parsed("household-house", validation.parse_house, values["household-house"])
    phone = p.parsed(
        "household-phone",
        validation.parse_phone,
        values["household-phone"],
        field=str(_("phone")),
    )
    number, addition = house if house is not None else (None, "")
    return HouseholdData(
        name=values["household-name"],
        phone=phone or "",
        street=values["household-street"],
        house_number=number,
        house_addition=addition,
        # The household keeps the compact form (2011AB), as the registry's lists do.
        postcode=(postcode or "").replace(" ", ""),
        city=values["household-city"],
    )


def _person(p: _Parser, n: int) -> GuestData | None:
    key = f"p{n}-"
    values = {
        suffix: p.text(key + suffix, person_label(n, suffix), max_length)
        for suffix, (_label, max_length, _attrs) in PERSON_TEXT.items()
    }
    interpreter = p.raw(key + "interpreter").lower() in _TRUE
    share_raw = p.raw(key + "share").lower()
    if not any(values.values()) and not interpreter and not share_raw:
        return None
    if share_raw not in SHARE_VALUES:
        p.fail(
            key + "share",
            _("%(field)s: choose yes, no or unknown.") % {"field": person_label(n, "share")},
        )
    birth = p.parsed(
        key + "birth",
        validation.parse_birth,
        values["birth"],
        field=person_label(n, "birth"),
    )
    phone = p.parsed(
        key + "phone", validation.parse_phone, values["phone"], field=person_label(n, "phone")
    )
    if len(phone or "") > PHONE_MAX:
        p.fail(key + "phone", _("%(field)s: too long.") % {"field": person_label(n, "phone")})
    guest = GuestData(
        given_names=values["given_names"],
        prefix=values["prefix"],
        surname=values["surname"],
        birth_year=birth.year if birth else None,
        birth_month=birth.month if birth else None,
        birth_day=birth.day if birth else None,
        phone=phone or "",
        medication=values["medication"],
        diet=values["diet"],
        mobility_aid=values["mobility_aid"],
        language=values["language"],
        interpreter=interpreter,
        pets=values["pets"],
        care_organisation=values["care_organisation"],
        share_whereabouts=SHARE_VALUES.get(share_raw),
    )
    p.parsed(key + "given_names", guest.check, n)
    return guest


def parse_check_in(mapping: Mapping[str, Any]) -> tuple[HouseholdData, list[GuestData]]:
    """The household and its persons from the check-in form's fields (or the same names in
    JSON); every problem in one ValidationError keyed by field name, in Dutch."""
    count = person_count(mapping)
    p = _Parser(mapping)
    household = _household(p)
    guests = [g for n in range(1, count + 1) if (g := _person(p, n)) is not None]
    if not guests and not p.errors:
        p.fail("p1-given_names", _("persons: a household has at least one person."))
    if p.errors:
        raise ValidationError(p.errors)
    return household, guests


def parse_client_key(value: object) -> str:
    text = str(value or "").strip() if not isinstance(value, list | dict) else ""
    if text and not CLIENT_KEY.fullmatch(text):
        raise ValidationError({"client_key": [_("client_key: not a valid key.")]})
    return text


def _input(label: Any, max_length: int, attrs: dict[str, str]) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
    )


def person_fields(n: int | str) -> dict[str, forms.Field]:
    """The form fields of person block N (N may be a placeholder for the script's template)."""
    fields: dict[str, forms.Field] = {
        f"p{n}-{suffix}": _input(label, max_length, attrs)
        for suffix, (label, max_length, attrs) in PERSON_TEXT.items()
    }
    fields[f"p{n}-birth"].help_text = gettext_lazy("4-3-1950, or as far as known: 3-1950.")
    fields[f"p{n}-interpreter"] = forms.BooleanField(
        label=gettext_lazy("Needs an interpreter"), required=False
    )
    fields[f"p{n}-share"] = forms.ChoiceField(
        label=gettext_lazy("Consent to share whereabouts with relatives"),
        choices=[
            ("", gettext_lazy("not asked")),
            ("yes", gettext_lazy("yes")),
            ("no", gettext_lazy("no")),
        ],
        required=False,
    )
    return fields


class CheckInForm(InputForm):
    """The check-in form: household fields, `persons` blocks of person fields and the hidden
    client key. Fields only render and hold errors; `parse_check_in` does the parsing."""

    def __init__(self, data: Mapping[str, Any] | None = None, *, add_person: bool = False) -> None:
        super().__init__(data)
        try:
            count = person_count(data) if data is not None else 1
        except ValidationError:
            count = 1
        if add_person:
            count = min(count + 1, HOUSEHOLD_MAX)
        self.count = count
        self.added = add_person
        for name, (label, max_length, attrs) in HOUSEHOLD_FIELDS.items():
            self.fields[name] = _input(label, max_length, attrs)
        for n in range(1, count + 1):
            self.fields.update(person_fields(n))
        self.fields["client_key"] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64
        )
        if data is None:
            self.initial["client_key"] = uuid.uuid4().hex
        self.household_data: HouseholdData | None = None
        self.guests: list[GuestData] = []
        self._focus()

    def _focus(self) -> None:
        """Focus on the first field; after adding a person, on that person's first field."""
        first = f"p{self.count}-given_names" if self.added else "household-name"
        self.fields[first].widget.attrs["autofocus"] = "autofocus"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.household_data, self.guests = parse_check_in(self.data)
            cleaned["client_key"] = parse_client_key(self.data.get("client_key"))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def household_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in HOUSEHOLD_FIELDS]

    def person_blocks(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (n, [self[f"p{n}-{suffix}"] for suffix in PERSON_SUFFIXES])
            for n in range(1, self.count + 1)
        ]

    def first_error_field(self) -> str | None:
        return next((name for name in self.fields if name in self.errors), None)


class PersonTemplateForm(forms.Form):
    """Person block '__N__', unbound: the script copies it when a person is added."""

    def __init__(self) -> None:
        super().__init__()
        self.fields.update(person_fields("__N__"))

    def block(self) -> list[forms.BoundField]:
        return [self[f"p__N__-{suffix}"] for suffix in PERSON_SUFFIXES]


class CodeForm(InputForm):
    """A household code, typed or scanned."""

    code = forms.CharField(
        label=gettext_lazy("Code on the household card"),
        max_length=100,
        widget=forms.TextInput(
            attrs={"autofocus": "autofocus", "autocomplete": "off", "autocapitalize": "characters"}
        ),
        help_text=gettext_lazy("8 letters and digits, like K7QM-3XPA, or scan the QR code."),
    )


class CheckOutForm(InputForm):
    """Check out the whole household, or only the ticked persons."""

    reason = forms.ChoiceField(
        label=gettext_lazy("Leaves for"),
        choices=[c for c in CheckOutReason.choices if c[0] != CheckOutReason.TRANSFER],
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=NAME_MAX, required=False)

    def __init__(self, data: Any = None, *, guests: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["guests"] = forms.TypedMultipleChoiceField(
            label=gettext_lazy("Only these persons (none ticked: the whole household)"),
            choices=[(str(pk), name) for pk, name in guests],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(["guests", "reason", "note"])


class TransferForm(InputForm):
    def __init__(self, data: Any = None, *, shelters: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["shelter"] = forms.TypedChoiceField(
            label=gettext_lazy("To shelter"), choices=shelters, coerce=int
        )
