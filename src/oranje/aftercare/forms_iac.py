"""Forms of the IAC's pages: a case's details, the list's filters, and the small forms inside
a case (a question, an answer, a contact, a follow-up, a referral, closing, reopening). The
services check everything again; these forms give the browser its limits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.aftercare.constants import (
    CITY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    PHONE_MAX,
    CaseStatus,
    ContactKind,
    ReferralTo,
    Theme,
)
from oranje.core.forms import InputForm
from oranje.organisation.forms import DateTimeLocalInput


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CaseForm(InputForm):
    """A household's details. `person` is offered only to someone with a registry role (the
    view fills its choices); the shelter stay and damage reports come from the prefill."""

    household_name = forms.CharField(
        label=_("Household"),
        max_length=NAME_MAX,
        help_text=_("For example: Fam. Jansen, or the name of the main occupant."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=PHONE_MAX * 2, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=EMAIL_MAX, required=False)
    street = forms.CharField(label=_("Street"), max_length=NAME_MAX, required=False)
    house = forms.CharField(
        label=_("House number"), max_length=20, required=False, help_text=_("With addition: 12a.")
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Place"), max_length=CITY_MAX, required=False)
    limited_mobility = forms.BooleanField(
        label=_("Limited mobility: visit at home rather than the desk"), required=False
    )
    newsletter_consent = forms.BooleanField(
        label=_("Wants the newsletter (by e-mail, or as a printed letter)"), required=False
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    person = forms.TypedChoiceField(
        label=_("Registered person (registry)"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[],
    )
    household_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    damage_report_ids = forms.CharField(required=False, widget=forms.HiddenInput, max_length=400)

    def __init__(
        self, *args: Any, persons: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if persons is None:
            del self.fields["person"]
        else:
            self.fields["person"].choices = [("", _("— none —")), *persons]  # type: ignore[attr-defined]
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.fields["email"].widget.attrs.update({"type": "email", "autocomplete": "off"})
        self.fields["postcode"].widget.attrs.update({"autocomplete": "off", "size": "8"})

    def report_ids(self) -> tuple[int, ...]:
        raw = self.cleaned_data.get("damage_report_ids") or ""
        return tuple(int(p) for p in raw.split(",") if p.strip().isdigit() and len(p) < 19)


STATUS_CHOICES = [("", _("all")), *CaseStatus.choices]


class CaseFilterForm(InputForm):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    theme = forms.ChoiceField(
        label=_("Theme"), choices=[("", _("all")), *Theme.choices], required=False
    )
    limited_mobility = forms.BooleanField(label=_("Limited mobility only"), required=False)
    overdue = forms.BooleanField(label=_("With overdue follow-ups"), required=False)
    q = forms.CharField(label=_("Name, postcode or number"), max_length=100, required=False)


class QuestionForm(InputForm):
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    text = forms.CharField(
        label=_("Question or need"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(InputForm):
    answer = forms.CharField(
        label=_("Answer"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContactForm(InputForm):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    at = forms.DateTimeField(
        label=_("When"), required=False, widget=DateTimeLocalInput(), help_text=_("Empty: now.")
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_at(self) -> Any:
        return self.cleaned_data.get("at") or timezone.now()


class FollowUpForm(InputForm):
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    text = forms.CharField(label=_("What has to be done"), max_length=NAME_MAX)
    assigned_to = forms.TypedChoiceField(
        label=_("Assigned to"), coerce=int, empty_value=None, required=False, choices=[]
    )

    def __init__(
        self, *args: Any, colleagues: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = [("", _("— nobody yet —")), *(colleagues or [])]  # type: ignore[attr-defined]


class ReferralForm(InputForm):
    to = forms.ChoiceField(label=_("Referred to"), choices=ReferralTo.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=NAME_MAX, required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(InputForm):
    note = forms.CharField(
        label=_("Closing note"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_ups_done = forms.BooleanField(
        label=_("The open follow-ups are done with the closure"), required=False
    )


class DamageLinkForm(InputForm):
    reference = forms.CharField(
        label=_("Reference of the damage report"),
        max_length=20,
        help_text=_("As the reporter quotes it: S-7K3M-9QX2."),
    )


class ReopenForm(InputForm):
    note = forms.CharField(label=_("Why reopened"), max_length=NOTE_MAX, required=False)
