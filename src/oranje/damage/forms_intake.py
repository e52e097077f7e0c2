"""The staff intake of a damage report (phone, desk, field visit): the same fields as the
public form; `services.reports.report_create` checks them all and names the field."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.damage.constants import (
    CITY_MAX,
    DESCRIPTION_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
    Channel,
    DamageKind,
    Insured,
)

STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.FORM]


class IntakeForm(InputForm):
    channel = forms.ChoiceField(
        label=_("Received via"), choices=STAFF_CHANNELS, initial=Channel.PHONE
    )
    reporter_name = forms.CharField(label=_("Name of the reporter"), max_length=NAME_MAX)
    reporter_phone = forms.CharField(label=_("Phone"), max_length=PHONE_MAX + 10, required=False)
    reporter_email = forms.CharField(label=_("E-mail"), max_length=EMAIL_MAX, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, help_text=_("e.g. 2011 AB"))
    house = forms.CharField(label=_("House number"), max_length=20, help_text=_("e.g. 12 or 12a"))
    street = forms.CharField(label=_("Street"), max_length=NAME_MAX, required=False)
    city = forms.CharField(label=_("Place"), max_length=CITY_MAX, required=False)
    kind = forms.ChoiceField(label=_("Kind of damage"), choices=DamageKind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    unsafe = forms.BooleanField(label=_("The home is unsafe to stay in"), required=False)
    insured = forms.ChoiceField(
        label=_("Insured"), choices=Insured.choices, initial=Insured.UNKNOWN
    )
    consent_share = forms.BooleanField(
        label=_("The reporter consents to sharing with insurers and the compensation scheme"),
        required=False,
    )
    point = forms.CharField(
        label=_("Point on the map (optional)"),
        max_length=60,
        required=False,
        help_text=_("Latitude, longitude, e.g. 52.4602, 4.6266 — or click on the map."),
    )
    client_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("client_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        if not settings.MAP_TILE_URL:  # no map on the page: the help does not mention one
            self.fields["point"].help_text = _("Latitude, longitude, e.g. 52.4602, 4.6266.")
