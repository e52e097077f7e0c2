"""The transition document's texts, with the same limits as the service and the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.aftercare.constants import NOTE_MAX
from oranje.core.forms import InputForm


def _text(label: Any, help_text: Any, rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=NOTE_MAX,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TransitionForm(InputForm):
    summary = _text(
        _("Summary of the acute phase"),
        _("What happened and where things stand; no names of affected persons."),
        rows=8,
    )
    open_points = _text(_("Open points"), _("What the aftercare takes over: one point per line."))
    arrangements = _text(
        _("Arrangements for the aftercare"),
        _("Who does what, where people can go, how the teams are reached."),
    )
    risks = _text(_("Risks and attention points"), _("What could go wrong or needs watching."))
