"""Forms of the aftercare tasks: a task (new or edited) and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.aftercare.constants import NAME_MAX, NOTE_MAX, TITLE_MAX, TaskStatus, Theme
from oranje.aftercare.selectors_tasks import region_users
from oranje.core.forms import InputForm
from oranje.core.models import User
from oranje.incidents.models import Incident


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class TaskForm(InputForm):
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    title = forms.CharField(label=_("Task"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Description"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    owner = UserChoice(
        label=_("Owner (a user of the region)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— nobody in Oranje —"),
    )
    owner_name = forms.CharField(
        label=_("Owner (name or organisation)"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("For an owner outside Oranje, e.g. the housing corporation."),
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    note = forms.CharField(
        label=_("Note with a status change"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Kept in the task's history."),
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, UserChoice)
        owner.queryset = region_users(incident)
        owner.error_messages["invalid_choice"] = _("Owner: choose someone from the list.")


class TaskFilterForm(InputForm):
    """The list's filters (a GET form); a bad value is ignored as empty."""

    thema = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("all themes")), *Theme.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("all")),
            ("open", _("open or in progress")),
            ("overdue", _("past the deadline")),
            (TaskStatus.DONE, TaskStatus.DONE.label),
            (TaskStatus.CANCELLED, TaskStatus.CANCELLED.label),
        ],
        required=False,
    )
    mijn = forms.BooleanField(label=_("Only mine"), required=False)
