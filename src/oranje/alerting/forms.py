from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.alerting.constants import Answer
from oranje.core.forms import InputForm
from oranje.incidents.constants import GripLevel, Team
from oranje.organisation.models import Function


class AnswerForm(InputForm):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(Answer.ACCEPTED, _("I am coming")), (Answer.DECLINED, _("I cannot come"))],
        widget=forms.RadioSelect,
    )
    eta_minutes = forms.IntegerField(
        label=_("I can be there in (minutes)"), min_value=0, max_value=600, required=False
    )


class ManualAlertForm(InputForm):
    function = forms.ModelChoiceField(label=_("Function"), queryset=Function.objects.all())
    people_needed = forms.IntegerField(
        label=_("Extra people needed"),
        help_text=_(
            "On top of whoever is already coming for this function. Nobody who already said "
            "they are coming to this incident is alerted again."
        ),
        min_value=1,
        max_value=1000,
        initial=1,
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class RuleForm(InputForm):
    trigger = forms.ChoiceField(
        label=_("When"),
        choices=[
            *[(f"grip{v}", _("from GRIP %(level)s") % {"level": v}) for v in GripLevel.values],
            *[(t, _("team %(team)s activated") % {"team": label}) for t, label in Team.choices],
        ],
    )
    function = forms.ModelChoiceField(label=_("Function"), queryset=Function.objects.all())
    people_needed = forms.IntegerField(
        label=_("People needed in total"), min_value=1, max_value=1000, initial=1
    )
    escalation_minutes = forms.IntegerField(
        label=_("Escalate after (minutes)"), min_value=1, max_value=120, initial=5
    )

    def trigger_parts(self) -> tuple[int | None, str]:
        value = self.cleaned_data["trigger"]
        if value.startswith("grip"):
            return int(value[4:]), ""
        return None, value
