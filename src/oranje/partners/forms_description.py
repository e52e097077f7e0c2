"""Forms of the description of population care and the regional point of contact. The
services check everything again; these give the page its labels and limits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.partners.constants import DESCRIPTION_PART_MAX, DescriptionPart
from oranje.partners.services_description import CONTACT_LIMITS, EMAIL_MAX, NOTE_MAX


class DescriptionForm(InputForm):
    """The four parts and what changed. Nationally every part is required; a region's
    additions may leave parts empty (then only the national text shows there)."""

    note = forms.CharField(
        label=_("What changed"),
        max_length=NOTE_MAX,
        help_text=_("One line for the history, e.g. 'Opvanglocaties en bereikbaarheid'."),
    )

    def __init__(self, *args: Any, national: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parts = {
            code: forms.CharField(
                label=label,
                required=national,
                max_length=DESCRIPTION_PART_MAX,
                widget=forms.Textarea(attrs={"rows": 8, "maxlength": DESCRIPTION_PART_MAX}),
            )
            for code, label in DescriptionPart.choices
        }
        note = self.fields.pop("note")
        self.fields.update(parts)
        self.fields["note"] = note
        if national:
            for code in DescriptionPart.values:
                self.fields[code].error_messages["required"] = _(
                    "%(label)s: the national text cannot be empty; write what applies everywhere."
                ) % {"label": self.fields[code].label}
        self.fields["note"].error_messages["required"] = _(
            "What changed: say in one line what is new in this version."
        )

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(code, "") for code in DescriptionPart.values}


class ContactPointForm(InputForm):
    name = forms.CharField(label=_("Name"), max_length=CONTACT_LIMITS["name"], required=False)
    role = forms.CharField(
        label=_("Role"),
        max_length=CONTACT_LIMITS["role"],
        required=False,
        help_text=_("E.g. 'Regionaal coördinator bevolkingszorg'."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("A number partners can call, e.g. 023 515 9500 or 06 12345678."),
    )
    email = forms.CharField(label=_("E-mail"), max_length=EMAIL_MAX, required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=CONTACT_LIMITS["note"],
        required=False,
        help_text=_("E.g. office hours, or whom to call outside them."),
    )
