"""Forms of the cost pages: the cost model, a course price, a scenario and its changes. The
forms read the input; the services check the bounds and say what is wrong, naming the
field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.organisation.models import Function
from oranje.quality.constants import TEXT_MAX, TITLE_MAX
from oranje.quality.services.costs import CHANGE_NOTE_MAX, CODE_LENGTH, EXTRA_MAX, EXTRA_MIN


def _money(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(label=label, help_text=help_text, localize=True)


class _Form(InputForm):
    """Messages that name the field, in the language of the request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or "")
            field.error_messages["required"] = _("%(field)s: fill this in.") % {"field": label}
            if isinstance(field, forms.DecimalField):
                field.error_messages["invalid"] = _("%(field)s: enter an amount, e.g. 4,50.") % {
                    "field": label
                }


class CostModelForm(_Form):
    hard_hour_rate = _money(_("Allowance per hard on-call hour (€)"))
    soft_hour_rate = _money(_("Allowance per soft on-call hour (€)"))
    fte = _money(_("Regional capacity (fte)"), _("Regional staff for population care."))
    fte_cost = _money(_("Cost per fte per year (€)"))


class CoursePriceForm(_Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    code = forms.CharField(
        label=_("Code"),
        max_length=CODE_LENGTH,
        help_text=_("The course or exam code of the readiness records; for exercises their type."),
    )
    label = forms.CharField(label=_("Description"), max_length=TITLE_MAX, required=False)
    price = _money(_("Price per participant (€)"))


class ScenarioForm(_Form):
    name = forms.CharField(label=_("Name"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FunctionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} — {obj.name}"


class ChangeForm(_Form):
    change = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    function = FunctionChoice(
        label=_("Function"), queryset=Function.objects.all(), empty_label=_("— choose —")
    )
    extra_hard = forms.IntegerField(
        label=_("Extra on hard on-call per unit"),
        initial=0,
        help_text=_("People per district, municipality or region, as the minimum applies."),
    )
    extra_soft = forms.IntegerField(label=_("Extra on soft on-call per unit"), initial=0)
    note = forms.CharField(label=_("Note"), max_length=CHANGE_NOTE_MAX, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        function = self.fields["function"]
        function.error_messages["invalid_choice"] = _(
            "function: choose a function of the national catalogue."
        )
        function.error_messages["required"] = _(
            "function: choose a function of the national catalogue."
        )
        for name, label in [
            ("extra_hard", _("extra on hard on-call per unit")),
            ("extra_soft", _("extra on soft on-call per unit")),
        ]:
            field = self.fields[name]
            field.widget.attrs.update({"min": EXTRA_MIN, "max": EXTRA_MAX})
            message = _("%(field)s: a whole number between %(min)s and %(max)s.") % {
                "field": label,
                "min": EXTRA_MIN,
                "max": EXTRA_MAX,
            }
            for key in ("invalid", "required", "max_value", "min_value"):
                field.error_messages[key] = message
