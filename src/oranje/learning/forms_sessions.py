"""Forms of part "sessions": a work session (title, date, place, host region, the regions
taking part, description) and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import IdMultipleChoiceField, InputForm
from oranje.core.models import Region
from oranje.learning.constants import ADDRESS_MAX, TEXT_MAX, TITLE_MAX
from oranje.learning.forms_network import NamedForm


class SessionForm(NamedForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label=_("Place"), max_length=ADDRESS_MAX, required=False)
    host_region = forms.ModelChoiceField(
        label=_("Host region"), queryset=Region.objects.none(), required=False
    )
    regions = IdMultipleChoiceField(
        label=_("Regions taking part"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, hosts: Any, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        host = self.fields["host_region"]
        assert isinstance(host, forms.ModelChoiceField)
        host.queryset = hosts
        host.required = not national
        host.empty_label = _("— national —") if national else None
        host.error_messages["invalid_choice"] = _("Host region: choose one from the list.")
        host.error_messages["required"] = _("Host region: choose the region that hosts it.")
        regions = self.fields["regions"]
        assert isinstance(regions, forms.ModelMultipleChoiceField)
        regions.queryset = Region.objects.order_by("code")
        regions.error_messages["invalid_choice"] = _("Regions: choose from the list.")
        regions.error_messages["invalid_pk_value"] = _("Regions: choose from the list.")


class SessionFilterForm(InputForm):
    """The list's filters (GET); a bad value is ignored as empty."""

    jaar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    regio = forms.ModelChoiceField(
        label=_("Region taking part"),
        queryset=Region.objects.order_by("code"),
        required=False,
        empty_label=_("all"),
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["jaar"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [("", _("all")), *((y, str(y)) for y in years)]
