"""Forms of certification: a training provider and one of its accreditations."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.readiness.constants import ProviderKind


class ProviderForm(InputForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProviderKind.choices)
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        required=False,
        help_text=_("E.g. the contact for certificates, or since when it is on the list."),
    )


class AccreditationForm(InputForm):
    code = forms.CharField(
        label=_("Course or exam code"),
        max_length=40,
        help_text=_("As in the qualification profile, e.g. BZ-OVD-BASIS."),
    )
    label = forms.CharField(label=_("Description"), max_length=150, required=False)
    valid_from = forms.DateField(
        label=_("Accredited from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Accredited until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: until further notice."),
    )
