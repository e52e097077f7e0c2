"""Forms of the environment analysis and the Q&A list, with the same limits as the services
and the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.communication.constants import ANALYSIS_MAX, ANSWER_MAX, QUESTION_MAX
from oranje.communication.selectors_qa import SEARCH_MAX
from oranje.core.forms import InputForm
from oranje.organisation.forms import DateTimeLocalInput


class AnalysisPeriodForm(InputForm):
    period_start = forms.DateTimeField(label=_("From"), widget=DateTimeLocalInput())
    period_end = forms.DateTimeField(label=_("Until"), widget=DateTimeLocalInput())


def _text(label: Any, help_text: Any = "", rows: int = 6) -> forms.CharField:
    """A text of the analysis (labels are lazy translations)."""
    return forms.CharField(
        label=label,
        max_length=ANALYSIS_MAX,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AnalysisTextsForm(InputForm):
    top_questions = _text(
        _("Top questions"),
        _(
            "One question per line, under the headings Informatievoorziening, Schadebeperking "
            "and Betekenisgeving: the analysis groups the questions by those three goals."
        ),
        rows=10,
    )
    rumours = _text(_("Rumours to counter"))
    mood = _text(_("Mood"), rows=3)
    advice = _text(_("Advice to the crisis team"), rows=8)


class QAForm(InputForm):
    question = forms.CharField(
        label=_("Question"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("As people ask it on the phone."),
    )
    answer = forms.CharField(
        label=_("Answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain language (B1), no names of persons."),
    )


class QASearchForm(InputForm):
    """The list's search box (a GET form)."""

    zoek = forms.CharField(label=_("Search"), max_length=SEARCH_MAX, required=False)


class QAPositionForm(InputForm):
    position = forms.IntegerField(label=_("Place"), min_value=1, max_value=100_000)


class QAFlagForm(InputForm):
    """Public on/off, withdrawn or back: the buttons send "1" or "0"."""

    value = forms.TypedChoiceField(
        label=_("Value"), choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1"
    )
