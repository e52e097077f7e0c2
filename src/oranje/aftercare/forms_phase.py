"""Forms of the nafase: starting it with its head (and a confirmation step), changing the
head."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.aftercare.constants import NOTE_MAX
from oranje.aftercare.selectors_phase import head_candidates
from oranje.core.forms import InputForm
from oranje.core.models import User
from oranje.incidents.models import Incident


class HeadChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        if getattr(obj, "aftercare_role", False):
            return f"{name} ({_('aftercare and IAC officer')})"
        return str(name)


class HeadForm(InputForm):
    head = HeadChoice(
        label=_("Head of the aftercare"),
        queryset=User.objects.none(),
        empty_label=_("— choose —"),
        help_text=_("Someone of the region; those with the aftercare role are listed first."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["head"]
        assert isinstance(field, HeadChoice)
        field.queryset = head_candidates(incident)
        field.error_messages["invalid_choice"] = _(
            "Head of the aftercare: choose someone from the list."
        )
        field.error_messages["required"] = _("Head of the aftercare: choose who heads it.")
