"""The form that adds a partner login."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.partners.constants import PartnerKind
from oranje.partners.logins import (
    EMAIL_MAX,
    ERROR_KIND,
    ERROR_TOO_LONG,
    NAME_MAX,
    ORGANISATION_MAX,
)


class PartnerLoginForm(InputForm):
    """Field-level checks only; the service checks the rest (and says so per field)."""

    kind = forms.ChoiceField(label=_("Partner"), choices=PartnerKind.choices)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=ORGANISATION_MAX,
        help_text=_("E.g. 'Politie Noord-Holland, district Kennemerland'."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        help_text=_("The person who uses this login."),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=EMAIL_MAX,
        help_text=_("The user name; the mail to choose a password goes here."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("%(label)s: this field is required.") % {
                "label": field.label
            }
        for name in ("organisation", "name", "email"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField) and field.max_length is not None
            too_long = str(ERROR_TOO_LONG) % {"field": field.label, "limit": field.max_length}
            field.validators = [MaxLengthValidator(field.max_length, message=too_long)]
        self.fields["kind"].error_messages["invalid_choice"] = str(ERROR_KIND)
