"""Forms of part "surveys": the region's own standard question, a survey, the address file,
the letters, the results' filters and "use as evidence"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.learning.constants import NOTE_MAX, TITLE_MAX, QuestionKind, Shelter
from oranje.learning.models import Finding
from oranje.learning.selectors_surveys import region_incidents
from oranje.learning.services.surveys import QUESTION_TEXT_MAX
from oranje.learning.services.surveys_invitations import LETTERS_NEW, LETTERS_UNUSED


class StandardQuestionForm(InputForm):
    text = forms.CharField(label=_("Question"), max_length=QUESTION_TEXT_MAX)
    help_text = forms.CharField(
        label=_("Explanation under the question"), max_length=QUESTION_TEXT_MAX, required=False
    )
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Answers to choose from"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Only for one answer or more answers: one answer per line, as 'value|label' or "
            "just the label."
        ),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    active = forms.BooleanField(label=_("In use for new surveys"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = _("Kind: choose one from the list.")


class IncidentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        mark = " (OEFENING)" if obj.is_exercise else ""
        return f"{obj.title}{mark}, {obj.started_at:%d-%m-%Y}"


class SurveyForm(InputForm):
    incident = IncidentChoice(label=_("Incident"), queryset=Incident.objects.none())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    intro = forms.CharField(
        label=_("Introduction for residents"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    open_link = forms.BooleanField(
        label=_("Open link: anyone with the link may answer without a code"),
        required=False,
        initial=True,
    )
    opens_on = forms.DateField(
        label=_("Opens on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    closes_on = forms.DateField(
        label=_("Closes on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, region: Region, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        incident = self.fields["incident"]
        assert isinstance(incident, forms.ModelChoiceField)
        incident.queryset = region_incidents(region)
        incident.error_messages["invalid_choice"] = _("Incident: choose one from the list.")
        incident.error_messages["required"] = _(
            "Incident: choose the incident the survey is about."
        )
        if editing:
            del self.fields["incident"]


class AddressFileForm(forms.Form):
    file = forms.FileField(
        label=_("Address list (CSV or Excel)"),
        help_text=_("Columns: street and number (or street and house number), postcode, place."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = _("Address list: choose a file.")


class LettersForm(forms.Form):
    which = forms.ChoiceField(
        label=_("Letters for"),
        choices=[
            (LETTERS_NEW, _("addresses without a letter yet")),
            (LETTERS_UNUSED, _("every address that has not answered (new codes)")),
        ],
        widget=forms.RadioSelect,
        initial=LETTERS_NEW,
    )


class ResultsFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Postcode area"), required=False)
    shelter = forms.ChoiceField(
        label=_("Shelter"),
        required=False,
        choices=[
            ("", _("— everyone —")),
            ("yes", Shelter.YES.label),
            ("no", Shelter.NO.label),
            ("unknown", Shelter.UNKNOWN.label),
        ],
    )

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ChoiceField)
        area.choices = [("", _("— every area —")), *((a, a) for a in areas)]
        area.error_messages["invalid_choice"] = _("Postcode area: choose one from the list.")
        self.fields["shelter"].error_messages["invalid_choice"] = _(
            "Shelter: choose one from the list."
        )


class FindingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.evaluation.title}: {obj.text[:80]}"


class EvidenceForm(InputForm):
    finding = FindingChoice(label=_("Finding"), queryset=Finding.objects.none())
    summary = forms.CharField(label=_("What the result shows"), max_length=TITLE_MAX)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, findings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        finding = self.fields["finding"]
        assert isinstance(finding, forms.ModelChoiceField)
        finding.queryset = findings
        finding.error_messages["invalid_choice"] = _("Finding: choose one from the list.")
        finding.error_messages["required"] = _("Finding: choose the finding this result supports.")
