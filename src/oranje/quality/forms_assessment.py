"""Forms of the self-assessment: opening a round, one question's answer, evidence, the
region's review."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.params import MAX_ID
from oranje.quality.constants import (
    FIRST_YEAR,
    LAST_YEAR,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    URL_MAX,
    Answer,
)


class RoundForm(InputForm):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX, widget=forms.Textarea({"rows": 2})
    )


class AnswerForm(InputForm):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("", _("not yet answered")), *Answer.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea({"rows": 3}),
    )


class EvidenceForm(InputForm):
    assessment = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    description = forms.CharField(label=_("Description"), max_length=TITLE_MAX)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; at most 10 MB."),
    )
    link = forms.CharField(
        label=_("or a link"),
        required=False,
        max_length=URL_MAX,
        widget=forms.URLInput,
        help_text=_("A web address starting with http:// or https://."),
    )


class ReviewForm(InputForm):
    assessment = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("accept")), ("return", _("return for more work"))],
    )
    note = forms.CharField(
        label=_("Note to the municipality"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea({"rows": 2}),
    )
