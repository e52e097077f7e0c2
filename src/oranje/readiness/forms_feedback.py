"""Forms of feedback moments during an exercise."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.organisation.forms import DateTimeLocalInput
from oranje.readiness.constants import ParticipantRole
from oranje.readiness.models import Exercise
from oranje.readiness.services.feedback import FEEDBACK_MAX, TITLE_MAX


class MomentForm(InputForm):
    at = forms.DateTimeField(label=_("Time"), widget=DateTimeLocalInput())
    title = forms.CharField(
        label=_("Moment"),
        max_length=TITLE_MAX,
        help_text=_("What the observers look at, e.g. 'First situation report'."),
    )


class FeedbackForm(InputForm):
    participant = forms.TypedChoiceField(
        label=_("Participant"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Participant: choose one of the exercise's participants."),
            "required": _("Participant: choose one of the exercise's participants."),
        },
    )
    went_well = forms.CharField(
        label=_("Went well"),
        required=False,
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    to_improve = forms.CharField(
        label=_("To improve"),
        required=False,
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, exercise: Exercise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        assert isinstance(field, forms.TypedChoiceField)
        participants = exercise.participants.filter(
            role=ParticipantRole.PARTICIPANT
        ).select_related("person", "function")
        field.choices = [("", "—")] + [
            (p.pk, f"{p.person}{f' ({p.function.code})' if p.function else ''}")
            for p in participants.order_by("person__surname", "person__given_name")
        ]
