"""Forms of part "network": a directory line, a meeting, a document, a decision, an advisory
question, and the filters of the directory, the meetings and the advisory questions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import Region
from oranje.learning.constants import (
    ADDRESS_MAX,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AdviceKind,
    AdviceStatus,
    Body,
    MeetingStatus,
    NetworkRole,
)
from oranje.learning.models import Meeting, NetworkMember
from oranje.learning.services.network import MINUTES_MAX, PHONE_MAX

_DATE = {"type": "date"}


class NamedForm(InputForm):
    """A form whose "required" and "not a date" messages name the field, in Dutch (never
    Django's bare "Dit veld is vereist.")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = {"field": str(field.label or "")}
            field.error_messages["required"] = _("%(field)s: fill this in.") % label
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("%(field)s: enter a valid date.") % label


def _messages(field: forms.Field, label: str) -> None:
    field.error_messages["invalid_choice"] = _("%(field)s: choose one from the list.") % {
        "field": label
    }


class MemberForm(NamedForm):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=NAME_MAX, required=False)
    portfolio = forms.CharField(
        label=_("Portfolio"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("For a portfolio holder: the portfolio, e.g. 'Bevolkingszorg en nazorg'."),
    )
    bodies = forms.MultipleChoiceField(
        label=_("Takes part in"),
        choices=Body.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.CharField(label=_("Email"), max_length=NAME_MAX, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=PHONE_MAX, required=False)
    since = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(_DATE, format="%Y-%m-%d")
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(_DATE, format="%Y-%m-%d"),
        help_text=_("Fill in when they left the network; the line then moves to former members."),
    )

    def __init__(self, *args: Any, regions: Any, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ModelChoiceField)
        region.queryset = regions
        region.required = not national
        region.empty_label = _("— national —") if national else None
        _messages(region, str(_("Region")))
        _messages(self.fields["role"], str(_("Role")))
        _messages(self.fields["bodies"], str(_("Takes part in")))


class DirectoryFilterForm(InputForm):
    rol = forms.ChoiceField(
        label=_("Role"), choices=[("", _("all")), *NetworkRole.choices], required=False
    )
    regio = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("code"),
        required=False,
        empty_label=_("all"),
    )
    orgaan = forms.ChoiceField(
        label=_("Body"), choices=[("", _("all")), *Body.choices], required=False
    )
    zoek = forms.CharField(
        label=_("Name, organisation or portfolio"), max_length=100, required=False
    )
    vertrokken = forms.BooleanField(label=_("Also former members"), required=False)


class MeetingForm(NamedForm):
    body = forms.ChoiceField(label=_("Body"), choices=Body.choices)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(_DATE, format="%Y-%m-%d"))
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    place = forms.CharField(label=_("Place"), max_length=ADDRESS_MAX, required=False)
    theme = forms.CharField(label=_("Theme"), max_length=TITLE_MAX, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    minutes = forms.CharField(
        label=_("Minutes of the meeting"),
        max_length=MINUTES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _messages(self.fields["body"], str(_("Body")))
        _messages(self.fields["status"], str(_("Status")))


class MeetingFilterForm(InputForm):
    jaar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    orgaan = forms.ChoiceField(
        label=_("Body"), choices=[("", _("all")), *Body.choices], required=False
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["jaar"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [(y, str(y)) for y in years]


class DocumentForm(NamedForm):
    title = forms.CharField(label=_("Title of the document"), max_length=TITLE_MAX)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; at most 10 MB."),
    )


class DecisionForm(NamedForm):
    text = forms.CharField(
        label=_("Decision"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.CharField(label=_("Who carries it out"), max_length=NAME_MAX, required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(_DATE, format="%Y-%m-%d")
    )


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        region = f" ({obj.region.code})" if obj.region_id else ""
        return f"{obj.name}{region} — {obj.get_role_display()}"


class AdviceForm(NamedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AdviceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    question = forms.CharField(
        label=_("Question"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    asked_on = forms.DateField(
        label=_("Asked on"), widget=forms.DateInput(_DATE, format="%Y-%m-%d")
    )
    owner = MemberChoice(
        label=_("Owner (from the directory)"),
        queryset=NetworkMember.objects.none(),
        required=False,
        empty_label=_("— nobody from the directory —"),
    )
    owner_name = forms.CharField(
        label=_("Owner (name)"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Filled in from the owner when left empty."),
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(_DATE, format="%Y-%m-%d")
    )
    status = forms.ChoiceField(label=_("Status"), choices=AdviceStatus.choices)
    answer = forms.CharField(
        label=_("Answer"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    answered_on = forms.DateField(
        label=_("Answered on"), required=False, widget=forms.DateInput(_DATE, format="%Y-%m-%d")
    )
    meeting = forms.ModelChoiceField(
        label=_("Discussed in"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("— no meeting —"),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = owners
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = Meeting.objects.order_by("-held_on", "pk")
        for name, label in (
            ("kind", _("Kind")),
            ("status", _("Status")),
            ("owner", _("Owner")),
            ("meeting", _("Discussed in")),
        ):
            _messages(self.fields[name], str(label))


class AdviceFilterForm(InputForm):
    soort = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all")), *AdviceKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *AdviceStatus.choices], required=False
    )
    verlopen = forms.BooleanField(label=_("Only past the deadline"), required=False)
