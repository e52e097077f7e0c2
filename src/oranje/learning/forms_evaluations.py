"""Forms of part "evaluations": the list's filters, an evaluation (new: of an incident or an
exercise; change: title, methods, day, summary), a participant, a finding, the evidence of
each kind, and the improvement actions a finding leads to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import Region
from oranje.learning import selectors_evaluations as selectors
from oranje.learning.constants import (
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EvaluationMethod,
    EvaluationStatus,
    FindingKind,
    Process,
)
from oranje.learning.models import Evaluation
from oranje.quality.constants import NAME_MAX as ACTION_NAME_MAX
from oranje.quality.constants import TITLE_MAX as ACTION_TITLE_MAX
from oranje.quality.selectors_actions import region_members


def _choices(field: forms.Field, rows: list[tuple[Any, str]], empty: str | None) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = ([("", empty)] if empty is not None else []) + rows


class FilterForm(InputForm):
    """The list's filters (GET); a bad value is ignored as empty."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *EvaluationStatus.choices], required=False
    )
    van = forms.ChoiceField(
        label=_("Of"),
        choices=[("", _("all")), ("incident", _("an incident")), ("exercise", _("an exercise"))],
        required=False,
    )
    jaar = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = selectors.evaluation_years(region)
        _choices(self.fields["jaar"], [(y, str(y)) for y in years], str(_("all")))


class MethodsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class _EvaluationFields(InputForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    methods = MethodsField(label=_("Methods"), choices=EvaluationMethod.choices, required=False)
    held_on = forms.DateField(
        label=_("Held on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["methods"].error_messages["invalid_choice"] = _(
            "Methods: choose from the list."
        )


class EvaluationNewForm(_EvaluationFields):
    incident = forms.TypedChoiceField(
        label=_("Incident (real or exercise)"), coerce=int, required=False, empty_value=None
    )
    exercise = forms.TypedChoiceField(
        label=_("Or an exercise of the readiness room"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    field_order = ["incident", "exercise", "title", "methods", "held_on", "summary"]

    def __init__(self, *args: Any, user: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.incidents = selectors.evaluable_incidents(user, region)
        self.exercises = selectors.evaluable_exercises(user, region)
        _choices(
            self.fields["incident"],
            [
                (
                    i.pk,
                    f"{i.started_at:%d-%m-%Y} {i.title}" + (" (OEFENING)" if i.is_exercise else ""),
                )
                for i in self.incidents[:500]
            ],
            str(_("— none —")),
        )
        _choices(
            self.fields["exercise"],
            [(e.pk, f"{e.starts_at:%d-%m-%Y} {e.title}") for e in self.exercises[:500]],
            str(_("— none —")),
        )
        self.fields["incident"].error_messages["invalid_choice"] = _(
            "Incident: choose one from the list."
        )
        self.fields["exercise"].error_messages["invalid_choice"] = _(
            "Exercise: choose one from the list."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        incident, exercise = data.get("incident"), data.get("exercise")
        data["incident"] = self.incidents.filter(pk=incident).first() if incident else None
        data["exercise"] = self.exercises.filter(pk=exercise).first() if exercise else None
        return data


class EvaluationForm(_EvaluationFields):
    """Change an evaluation's title, methods, day and summary."""


class ParticipantForm(InputForm):
    person = forms.TypedChoiceField(
        label=_("Functionary of the region"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label=_("Or a name"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("For someone from outside the region's functionaries."),
    )
    role = forms.CharField(label=_("Role or function"), max_length=NAME_MAX, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=NAME_MAX, required=False)

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = selectors.region_people(region)
        _choices(
            self.fields["person"],
            [(p.pk, p.sort_name) for p in self.people[:2000]],
            str(_("— someone else —")),
        )
        self.fields["person"].error_messages["invalid_choice"] = _(
            "Functionary: choose someone from the list."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        person = data.get("person")
        data["person"] = self.people.filter(pk=person).first() if person else None
        return data


class FindingForm(InputForm):
    process = forms.ChoiceField(
        label=_("Process"), choices=[("", _("— choose —")), *Process.choices], required=False
    )
    kind = forms.ChoiceField(label=_("What"), choices=FindingKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Finding"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    norm = forms.TypedChoiceField(
        label=_("Norm (optional)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, evaluation: Evaluation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.norms = {n.pk: n for n in selectors.region_norms(evaluation)}
        _choices(
            self.fields["norm"],
            [(pk, f"{n.code} {n.title}") for pk, n in self.norms.items()],
            str(_("— none —")),
        )
        self.fields["process"].error_messages["invalid_choice"] = _(
            "Process: choose the process the finding is about."
        )
        self.fields["kind"].error_messages["required"] = _(
            "What: say whether it went well or could be better."
        )
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "What: say whether it went well or could be better."
        )
        self.fields["text"].error_messages["required"] = _("Finding: write down what was found.")
        self.fields["norm"].error_messages["invalid_choice"] = _("Norm: choose one from the list.")

    def clean_process(self) -> str:
        process = self.cleaned_data.get("process") or ""
        if not process:
            raise forms.ValidationError(_("Process: choose the process the finding is about."))
        return process

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        norm = data.get("norm")
        data["norm"] = self.norms.get(norm) if norm else None
        return data


class EvidenceForm(InputForm):
    """One form per kind of evidence on the finding's page; `kind` is a hidden field, the
    other fields are offered as the kind needs them."""

    kind = forms.CharField(widget=forms.HiddenInput, max_length=10)
    log_entry = forms.TypedChoiceField(
        label=_("Logbook line"), coerce=int, required=False, empty_value=None
    )
    decision = forms.TypedChoiceField(
        label=_("Decision"), coerce=int, required=False, empty_value=None
    )
    milestone = forms.ChoiceField(label=_("Time"), required=False)
    norm = forms.TypedChoiceField(label=_("Norm"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        evaluation: Evaluation,
        kind: str,
        options: list[tuple[Any, str]],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.kind_name = kind
        self.fields["kind"].initial = kind
        keep = {"log": "log_entry", "decision": "decision", "time": "milestone", "norm": "norm"}[
            kind
        ]
        for name in ("log_entry", "decision", "milestone", "norm"):
            if name != keep:
                del self.fields[name]
        self.target = keep
        _choices(self.fields[keep], options, str(_("— choose —")))
        self.fields[keep].error_messages["invalid_choice"] = _(
            "%(field)s: choose one from the list."
        ) % {"field": self.fields[keep].label}
        self.auto_id = f"id_{kind}_%s"


class FindingActionForm(InputForm):
    """A new improvement action for the finding (made in the quality room)."""

    title = forms.CharField(label=_("Improvement action"), max_length=ACTION_TITLE_MAX)
    owner = forms.TypedChoiceField(
        label=_("Owner (a member of the region)"), coerce=int, required=False, empty_value=None
    )
    owner_name = forms.CharField(
        label=_("Owner (name or office)"), max_length=ACTION_NAME_MAX, required=False
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = region_members(region)
        _choices(
            self.fields["owner"],
            [(u.pk, u.get_full_name() or u.get_username()) for u in self.members[:500]],
            str(_("— nobody in Oranje —")),
        )
        self.fields["owner"].error_messages["invalid_choice"] = _(
            "Owner: choose someone from the list."
        )
        self.auto_id = "id_action_%s"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        owner = data.get("owner")
        data["owner"] = self.members.filter(pk=owner).first() if owner else None
        return data


class LinkActionForm(InputForm):
    action = forms.TypedChoiceField(
        label=_("Existing improvement action"), coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actions = selectors.region_actions(region)
        _choices(
            self.fields["action"],
            [(a.pk, f"{a.title} ({a.get_status_display()})") for a in self.actions[:500]],
            str(_("— choose —")),
        )
        self.fields["action"].error_messages["invalid_choice"] = _(
            "Action: choose one from the list."
        )
        self.fields["action"].error_messages["required"] = _("Action: choose one from the list.")
        self.auto_id = "id_link_%s"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        pk = data.get("action")
        data["action"] = self.actions.filter(pk=pk).first() if pk else None
        return data
