"""Forms of a message: the editor (new and edit), sending back to draft, and a follow-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oranje.communication.constants import (
    AUDIENCE_MAX,
    INSTRUCTION_MAX,
    NOTE_MAX,
    SOCIAL_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CapCategory,
    CapCertainty,
    CapSeverity,
    CapUrgency,
    Goal,
    MessageKind,
    Relation,
)
from oranje.communication.models import Message
from oranje.communication.services.messages import FOLLOW_UPS, MessageData
from oranje.core.forms import InputForm
from oranje.incidents.services.parsing import parse_polygon


def area_lines(area: list[list[float]] | None) -> str:
    """An area as the editor shows it: one 'lat, lon' per line, without the closing point."""
    points = list(area or [])
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    return "\n".join(f"{lat}, {lon}" for lat, lon in points)


class MessageForm(InputForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MessageKind.choices)
    audience = forms.CharField(
        label=_("Audience"),
        max_length=AUDIENCE_MAX,
        required=False,
        help_text=_("Who the message is for, e.g. 'residents of Velsen-Noord'."),
    )
    title = forms.CharField(label=_("Headline"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    instruction = forms.CharField(
        label=_("What to do (instruction)"),
        max_length=INSTRUCTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a warning: what people should do, one step per line."),
    )
    social_text = forms.CharField(
        label=_("Text for social media"),
        max_length=SOCIAL_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most 280 characters."),
    )
    goals = forms.MultipleChoiceField(
        label=_("Goals"),
        choices=Goal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    on_public_page = forms.BooleanField(
        label=_("On the public page (public information and warnings of a real incident)"),
        required=False,
        initial=True,
    )
    cap_category = forms.ChoiceField(
        label=_("CAP category"), choices=CapCategory.choices, initial=CapCategory.SAFETY
    )
    cap_event = forms.CharField(
        label=_("Event"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("For a warning: what it warns for, e.g. 'Fire with smoke'."),
    )
    cap_urgency = forms.ChoiceField(
        label=_("Urgency"), choices=CapUrgency.choices, initial=CapUrgency.IMMEDIATE
    )
    cap_severity = forms.ChoiceField(
        label=_("Severity"), choices=CapSeverity.choices, initial=CapSeverity.SEVERE
    )
    cap_certainty = forms.ChoiceField(
        label=_("Certainty"), choices=CapCertainty.choices, initial=CapCertainty.OBSERVED
    )
    area = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For a warning: one point 'latitude, longitude' per line, at least three; empty "
            "takes the incident's affected area."
        ),
    )
    area_desc = forms.CharField(
        label=_("Area description"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("E.g. 'Velsen-Noord'; empty takes the incident's location."),
    )

    #: The fields that only a warning uses (the page groups them).
    WARNING_FIELDS = (
        "cap_category",
        "cap_event",
        "cap_urgency",
        "cap_severity",
        "cap_certainty",
        "area",
        "area_desc",
    )

    def __init__(self, *args: Any, message: Message | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if message is not None and message.relation != Relation.ORIGINAL:
            # A follow-up keeps the kind of the message it follows.
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = _("A follow-up keeps the kind of its message.")

    def clean_area(self) -> list[list[float]] | None:
        lines = self.cleaned_data.get("area") or ""
        if not lines.strip():
            return None
        try:
            return parse_polygon(lines)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None

    def message_data(self) -> MessageData:
        c = self.cleaned_data
        return MessageData(
            kind=c["kind"],
            title=c["title"],
            text=c["text"],
            audience=c["audience"],
            instruction=c["instruction"],
            social_text=c["social_text"],
            goals=frozenset(c["goals"]),
            on_public_page=c["on_public_page"],
            cap_category=c["cap_category"],
            cap_event=c["cap_event"],
            cap_urgency=c["cap_urgency"],
            cap_severity=c["cap_severity"],
            cap_certainty=c["cap_certainty"],
            area=c["area"],
            area_desc=c["area_desc"],
        )

    @classmethod
    def initial_of(cls, message: Message) -> dict[str, Any]:
        return {
            "kind": message.kind,
            "audience": message.audience,
            "title": message.title,
            "text": message.text,
            "instruction": message.instruction,
            "social_text": message.social_text,
            "goals": message.goals,
            "on_public_page": message.on_public_page,
            "cap_category": message.cap_category,
            "cap_event": message.cap_event,
            "cap_urgency": message.cap_urgency,
            "cap_severity": message.cap_severity,
            "cap_certainty": message.cap_certainty,
            "area": area_lines(message.area),
            "area_desc": message.area_desc,
        }


class MessageEditForm(MessageForm):
    note = forms.CharField(
        label=_("What changed (note)"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Kept with the version, e.g. 'numbers updated'."),
    )


class RejectForm(InputForm):
    # Checked by the service (empty, too long) with messages naming the field.
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": str(NOTE_MAX)}),
        help_text=_("Why the message goes back to draft."),
    )


class FollowUpForm(InputForm):
    relation = forms.ChoiceField(
        label=_("Follow-up"), choices=[(r.value, r.label) for r in FOLLOW_UPS]
    )
