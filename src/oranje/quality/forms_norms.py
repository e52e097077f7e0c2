"""Forms of the norms pages: a norm, its in-growth path (a few rows of date and level),
adopting a set, and a draft's title and note. Ranges and the regional rule are checked by the
services (`services.norms`), whose messages name the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.organisation.models import Function
from oranje.quality.constants import (
    CODE_MAX,
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Indicator,
    Measure,
    Process,
)
from oranje.quality.models import GrowthStep, Norm, NormSet
from oranje.quality.services.norms import MAX_STEPS, NormInput, StepInput

#: Empty rows offered below an in-growth path's steps.
EXTRA_STEP_ROWS = 3


def _date_input() -> forms.DateInput:
    # A date field's value in ISO form: what a browser's date picker reads and sends.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _percent(label: Any, **kwargs: Any) -> forms.DecimalField:
    # No min/max here: the service says what is wrong, naming the field.
    return forms.DecimalField(label=label, localize=True, **kwargs)


class NormForm(InputForm):
    code = forms.CharField(label=_("Code"), max_length=CODE_MAX)
    title = forms.CharField(label=_("Short name"), max_length=TITLE_MAX)
    text = forms.CharField(label=_("Norm"), max_length=TEXT_MAX, widget=forms.Textarea({"rows": 3}))
    process = forms.ChoiceField(label=_("Process"), choices=Process.choices)
    measure = forms.ChoiceField(label=_("Measured by"), choices=Measure.choices)
    indicator = forms.ChoiceField(
        label=_("Indicator"), choices=[("", "—"), *Indicator.choices], required=False
    )
    function = forms.ModelChoiceField(
        label=_("Function"),
        queryset=Function.objects.all(),
        required=False,
        empty_label=_("all functions"),
        help_text=_("For on-call coverage or qualified share of one function."),
    )
    question = forms.CharField(
        label=_("Self-assessment question"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("What a municipality answers once a year, with evidence."),
    )
    waterlijn = _percent(_("Waterlijn (%)"))
    bandbreedte = _percent(
        _("Bandbreedte (percentage points)"),
        initial=Decimal(0),
        help_text=_("How far below the waterlijn a municipality may be."),
    )
    valid_from = forms.DateField(label=_("In force from"), widget=_date_input())
    valid_until = forms.DateField(label=_("In force until"), required=False, widget=_date_input())
    national_norm = forms.ModelChoiceField(
        label=_("National norm"),
        queryset=Norm.objects.none(),
        required=False,
        empty_label=_("none: the region's own norm"),
        help_text=_("The national norm this norm makes stricter."),
    )
    source = forms.CharField(label=_("Source"), max_length=TITLE_MAX, required=False)
    sort_order = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=32000, required=False, initial=0
    )

    def __init__(self, *args: Any, norm_set: NormSet, national: NormSet | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if norm_set.region_id is None or national is None:
            del self.fields["national_norm"]
        else:
            self.fields["national_norm"].queryset = Norm.objects.filter(  # type: ignore[attr-defined]
                norm_set__in=[s for s in (national, norm_set.based_on) if s is not None]
            ).order_by("sort_order", "code")

    @classmethod
    def initial_of(cls, norm: Norm) -> dict[str, Any]:
        return {
            "code": norm.code,
            "title": norm.title,
            "text": norm.text,
            "process": norm.process,
            "measure": norm.measure,
            "indicator": norm.indicator,
            "function": norm.function_id,
            "question": norm.question,
            "waterlijn": norm.waterlijn,
            "bandbreedte": norm.bandbreedte,
            "valid_from": norm.valid_from,
            "valid_until": norm.valid_until,
            "national_norm": norm.national_norm_id,
            "source": norm.source,
            "sort_order": norm.sort_order,
        }

    def data_input(self) -> NormInput:
        c = self.cleaned_data
        national = c.get("national_norm")
        function = c.get("function")
        return NormInput(
            code=c["code"],
            title=c["title"],
            text=c["text"],
            process=c["process"],
            measure=c["measure"],
            indicator=c.get("indicator") or "",
            function_id=function.pk if function is not None else None,
            question=c.get("question") or "",
            waterlijn=c["waterlijn"],
            bandbreedte=c["bandbreedte"] if c.get("bandbreedte") is not None else Decimal(0),
            valid_from=c["valid_from"],
            valid_until=c.get("valid_until"),
            national_norm_id=national.pk if national is not None else None,
            source=c.get("source") or "",
            sort_order=c.get("sort_order") or 0,
        )


class StepsForm(InputForm):
    """Rows of (applies until, waterlijn, note); a row left empty is no step."""

    def __init__(self, *args: Any, steps: list[GrowthStep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = min(len(steps) + EXTRA_STEP_ROWS, MAX_STEPS)
        self.row_count = rows
        for i in range(rows):
            step = steps[i] if i < len(steps) else None
            self.fields[f"due_on_{i}"] = forms.DateField(
                label=_("Applies until"),
                required=False,
                initial=step.due_on if step else None,
                widget=_date_input(),
            )
            self.fields[f"waterlijn_{i}"] = _percent(
                _("Waterlijn (%)"), required=False, initial=step.waterlijn if step else None
            )
            self.fields[f"note_{i}"] = forms.CharField(
                label=_("Note"),
                max_length=TITLE_MAX,
                required=False,
                initial=step.note if step else "",
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"due_on_{i}"], self[f"waterlijn_{i}"], self[f"note_{i}"])
            for i in range(self.row_count)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for i in range(self.row_count):
            due, level = cleaned.get(f"due_on_{i}"), cleaned.get(f"waterlijn_{i}")
            if (due is None) != (level is None) and not self.has_error(f"due_on_{i}"):
                if due is None:
                    self.add_error(
                        f"due_on_{i}", _("applies until: fill in the date of this step.")
                    )
                elif not self.has_error(f"waterlijn_{i}"):
                    self.add_error(
                        f"waterlijn_{i}", _("waterlijn: fill in the level of this step.")
                    )
        return cleaned

    def steps(self) -> list[StepInput]:
        c = self.cleaned_data
        found = []
        for i in range(self.row_count):
            due: dt.date | None = c.get(f"due_on_{i}")
            level: Decimal | None = c.get(f"waterlijn_{i}")
            if due is not None and level is not None:
                found.append(StepInput(due, level, c.get(f"note_{i}") or ""))
        return found


class AdoptForm(InputForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    adopted_by_body = forms.CharField(
        label=_("Adopted by"),
        max_length=NAME_MAX,
        help_text=_("The body that adopted the set, e.g. Veiligheidsberaad or the general board."),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=_date_input())


class SetNoteForm(InputForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    note = forms.CharField(
        label=_("Note"), max_length=NOTE_MAX, required=False, widget=forms.Textarea({"rows": 3})
    )
