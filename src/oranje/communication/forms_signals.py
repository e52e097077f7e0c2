"""Forms of the signals: the quick entry (made for a tablet at the information line), the
filters of the list, the tally of a period, the import and the counter-message of a rumour."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.communication.constants import (
    SIGNAL_MAX,
    TOPIC_MAX,
    Goal,
    MessageStatus,
    Sentiment,
    SignalSource,
)
from oranje.communication.models import Message
from oranje.communication.services.signals import COUNT_MAX, TALLY_LINES_MAX
from oranje.core.forms import InputForm
from oranje.incidents.models import Incident
from oranje.organisation.forms import DateTimeLocalInput

NO_GOAL = [("", _("— no goal —"))]


class SignalForm(InputForm):
    """One signal; the time defaults to now, the count to 1."""

    text = forms.CharField(
        label=_("What was asked or said"),
        max_length=SIGNAL_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "autofocus": True}),
        help_text=_("No names or phone numbers: what was asked, not who asked."),
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_MAX,
        required=False,
        widget=forms.TextInput(attrs={"list": "signal-topics", "autocomplete": "off"}),
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=SignalSource.choices, initial=SignalSource.PHONE
    )
    goal = forms.ChoiceField(label=_("Goal"), choices=[*NO_GOAL, *Goal.choices], required=False)
    sentiment = forms.ChoiceField(
        label=_("Sentiment"), choices=Sentiment.choices, initial=Sentiment.NEUTRAL
    )
    count = forms.IntegerField(
        label=_("Number of contacts"),
        min_value=1,
        max_value=COUNT_MAX,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    rumour = forms.BooleanField(label=_("Rumour (to be countered)"), required=False)
    at = forms.DateTimeField(
        label=_("Time"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Empty: now."),
    )

    def clean_at(self) -> Any:
        return self.cleaned_data.get("at") or timezone.now()


RUMOUR_CHOICES = [
    ("", _("all signals")),
    ("open", _("rumours not yet countered")),
    ("yes", _("rumours")),
    ("no", _("no rumours")),
]


class SignalFilterForm(InputForm):
    source = forms.ChoiceField(
        label=_("Source"), choices=[("", _("all")), *SignalSource.choices], required=False
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_MAX,
        required=False,
        widget=forms.TextInput(attrs={"list": "signal-topics"}),
    )
    goal = forms.ChoiceField(
        label=_("Goal"),
        choices=[("", _("all")), *Goal.choices, ("none", _("(no goal)"))],
        required=False,
    )
    rumour = forms.ChoiceField(label=_("Rumour"), choices=RUMOUR_CHOICES, required=False)
    start = forms.DateTimeField(label=_("From"), required=False, widget=DateTimeLocalInput())
    end = forms.DateTimeField(label=_("Until"), required=False, widget=DateTimeLocalInput())


class TallyPeriodForm(InputForm):
    """The period a tally covers and where the contacts came in."""

    start = forms.DateTimeField(label=_("From"), widget=DateTimeLocalInput())
    end = forms.DateTimeField(label=_("Until"), widget=DateTimeLocalInput())
    source = forms.ChoiceField(
        label=_("Source"), choices=SignalSource.choices, initial=SignalSource.PHONE
    )


class TallyLineForm(InputForm):
    topic = forms.CharField(label=_("Topic or question"), max_length=TOPIC_MAX, required=False)
    count = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=COUNT_MAX,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    goal = forms.ChoiceField(label=_("Goal"), choices=[*NO_GOAL, *Goal.choices], required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("topic") and not cleaned.get("count"):
            self.add_error("count", _("Give the number of contacts about this topic."))
        if cleaned.get("count") and not (cleaned.get("topic") or "").strip():
            self.add_error("topic", _("Give the topic these contacts were about."))
        return cleaned


TallyLines = forms.formset_factory(
    TallyLineForm, extra=8, max_num=TALLY_LINES_MAX, absolute_max=TALLY_LINES_MAX
)


class SignalImportForm(InputForm):
    file = forms.FileField(
        label=_("File (CSV or .xlsx)"),
        help_text=_("The export of the social-media monitoring tool, first row the columns."),
    )
    source = forms.ChoiceField(
        label=_("Source of rows that name none"),
        choices=SignalSource.choices,
        initial=SignalSource.SOCIAL,
    )


class MessageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        published = timezone.localtime(obj.published_at).strftime("%d-%m %H:%M")
        return f"{obj.title} ({published})"


class CounterForm(InputForm):
    """The published message of the incident that counters a rumour (empty: none)."""

    message = MessageChoiceField(
        label=_("Countered by"),
        queryset=Message.objects.none(),
        required=False,
        empty_label=_("— not countered yet —"),
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["message"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Message.objects.filter(
            incident=incident, status=MessageStatus.PUBLISHED
        ).order_by("-published_at", "-pk")
