"""The form of a new board report: its period (a year, and a quarter or the whole year),
title and foreword. The limits are checked by the service, whose messages name the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.quality.constants import TEXT_MAX, TITLE_MAX


class BoardReportForm(InputForm):
    year = forms.IntegerField(
        label=_("Year"),
        error_messages={
            "invalid": _("year: give a year as a whole number."),
            "required": _("year: give the report's year."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[("", _("the whole year")), *((str(q), f"Q{q}") for q in range(1, 5))],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _("quarter: choose 1, 2, 3 or 4, or none for the whole year.")
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={
            "required": _("title: give the report a title."),
            "max_length": _("title: at most %(limit_value)d characters."),
        },
    )
    foreword = forms.CharField(
        label=_("Foreword"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("foreword: at most %(limit_value)d characters.")},
        help_text=_("The region's own words to the board; the figures are read from the records."),
    )
