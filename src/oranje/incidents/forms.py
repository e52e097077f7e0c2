"""Forms of the incident room. Domain rules live in the services; these only parse."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import IdMultipleChoiceField, InputForm
from oranje.core.models import Municipality, Region
from oranje.core.params import MAX_ID
from oranje.core.text import LONG_TEXT
from oranje.incidents.constants import (
    MEETING_POINT_MAX,
    ActionStatus,
    GripLevel,
    IncidentType,
    Process,
    ScalingMode,
    Team,
)
from oranje.incidents.services import parse_point, parse_polygon
from oranje.incidents.services.parsing import MAX_AREA_POINTS
from oranje.organisation.forms import DateTimeLocalInput
from oranje.organisation.models import Function

BLANK = [("", "—")]


def team_choices(teams: list[str]) -> list[tuple[str, str]]:
    labels = dict(Team.choices)
    return [*BLANK, *[(t, str(labels.get(t, t))) for t in teams]]


class IncidentForm(InputForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=IncidentType.choices)
    is_exercise = forms.BooleanField(
        label=_("This is an exercise (OEFENING)"),
        required=False,
        help_text=_("Marked on every screen, print and message; kept apart from real figures."),
    )
    started_at = forms.DateTimeField(label=_("Start"), widget=DateTimeLocalInput())
    municipality = forms.ModelChoiceField(
        label=_("Municipality of the scene"), queryset=Municipality.objects.none()
    )
    municipalities = IdMultipleChoiceField(
        label=_("Other municipalities involved"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    location_text = forms.CharField(label=_("Location (address)"), max_length=255, required=False)
    point = forms.CharField(
        label=_("Point on the map"),
        required=False,
        help_text=_("Latitude, longitude, e.g. 52.4602, 4.6266 — or click on the map."),
    )
    area = forms.CharField(
        label=_("Affected area"),
        required=False,
        # Enough for MAX_AREA_POINTS lines; parse_polygon counts the points themselves.
        max_length=MAX_AREA_POINTS * 40,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One point 'latitude, longitude' per line, at least three — or draw on the map."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault(
            "started_at", timezone.localtime().replace(second=0, microsecond=0)
        )
        super().__init__(*args, **kwargs)
        current = Municipality.objects.current().filter(region=region).order_by("name")
        self.fields["municipality"].queryset = current  # type: ignore[attr-defined]
        self.fields["municipalities"].queryset = current  # type: ignore[attr-defined]
        if not settings.MAP_TILE_URL:  # no map on the page: the help does not mention one
            self.fields["point"].help_text = _("Latitude, longitude, e.g. 52.4602, 4.6266.")
            self.fields["area"].help_text = _(
                "One point 'latitude, longitude' per line, at least three."
            )

    def clean_point(self) -> Any:
        text = self.cleaned_data["point"].strip()
        return parse_point(text) if text else None

    def clean_area(self) -> Any:
        text = self.cleaned_data["area"].strip()
        return parse_polygon(text) if text else []


class ScalingForm(InputForm):
    mode = forms.ChoiceField(
        label=_("Scaling"), choices=ScalingMode.choices, widget=forms.RadioSelect, initial="grip"
    )
    grip_level = forms.TypedChoiceField(
        label=_("GRIP level"),
        choices=[*BLANK, *GripLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    teams = forms.MultipleChoiceField(
        label=_("Teams activated"),
        choices=Team.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    custom_teams = forms.CharField(
        label=_("Team for the occasion"),
        required=False,
        max_length=200,
        help_text=_("Name of an own team, e.g. 'Team maatschappelijke onrust'; several: comma."),
    )
    decided_by = forms.CharField(label=_("Decided by"), max_length=150)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    scale_down = forms.BooleanField(
        label=_("Yes, scale down"),
        required=False,
        help_text=_("Needed when the level goes down or a team is no longer named."),
    )


class LogEntryForm(InputForm):
    text = forms.CharField(
        label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 2, "autofocus": True})
    )
    process = forms.ChoiceField(
        label=_("Process"), choices=[*BLANK, *Process.choices], required=False
    )
    team = forms.ChoiceField(label=_("Team"), choices=BLANK, required=False)
    function = forms.ModelChoiceField(
        label=_("As function"),
        queryset=Function.objects.all(),
        required=False,
        to_field_name="code",
    )
    at = forms.DateTimeField(
        label=_("Time (if not now)"), required=False, widget=DateTimeLocalInput()
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)
    corrects = forms.IntegerField(
        label=_("Corrects entry #"), required=False, min_value=1, max_value=MAX_ID
    )
    # A new key with every empty form: a form sent twice (a double click, a retry after the
    # server died) writes one line.
    client_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, teams: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = team_choices(teams)  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("client_key", uuid.uuid4().hex)


class DecisionForm(InputForm):
    team = forms.ChoiceField(label=_("Team"), choices=BLANK, required=False)
    decided_by = forms.CharField(label=_("Decided by"), max_length=150)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))
    process = forms.ChoiceField(
        label=_("Process"), choices=[*BLANK, *Process.choices], required=False
    )

    def __init__(self, *args: Any, teams: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = team_choices(teams)  # type: ignore[attr-defined]


class ActionForm(InputForm):
    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_function = forms.ModelChoiceField(
        label=_("Owner function"), queryset=Function.objects.all(), required=False
    )
    deadline = forms.DateTimeField(label=_("Deadline"), widget=DateTimeLocalInput(), required=False)
    team = forms.ChoiceField(label=_("Team"), choices=BLANK, required=False)
    process = forms.ChoiceField(
        label=_("Process"), choices=[*BLANK, *Process.choices], required=False
    )

    def __init__(self, *args: Any, teams: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = team_choices(teams)  # type: ignore[attr-defined]


class ActionStatusForm(InputForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ReportForm(InputForm):
    """The general picture plus picture/judgement/advice per process."""

    summary = forms.CharField(
        label=_("General picture"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "picture": _("Picture"),
            "judgement": _("Judgement"),
            "advice": _("Advice or decision"),
        }
        for process, label in Process.choices:
            for part, part_label in labels.items():
                self.fields[f"{process}__{part}"] = forms.CharField(
                    label=f"{label}: {part_label}",
                    required=False,
                    max_length=LONG_TEXT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def sections(self) -> dict[str, dict[str, str]]:
        result: dict[str, dict[str, str]] = {}
        for name, value in self.cleaned_data.items():
            if "__" in name:
                process, part = name.split("__", 1)
                result.setdefault(process, {})[part] = value
        return result

    @staticmethod
    def initial_from(summary: str, sections: dict[str, dict[str, str]]) -> dict[str, str]:
        initial = {"summary": summary}
        for process, parts in sections.items():
            for part, value in parts.items():
                initial[f"{process}__{part}"] = value
        return initial


class HandoverForm(InputForm):
    to_name = forms.CharField(label=_("Taken over by"), max_length=150)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(InputForm):
    note = forms.CharField(
        label=_("Closing note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Yes, close this incident"))


def parse_custom_teams(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class BriefingForm(InputForm):
    meeting_point = forms.CharField(
        label=_("Meeting point"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": MEETING_POINT_MAX}),
        help_text=_("Where the people alerted report; empty: they report to their team."),
    )
    callback_phone = forms.CharField(
        label=_("Call-back number"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("For questions of the people alerted, e.g. 023 5159500."),
    )
