"""Forms of part "dossier": the search with its filters, an entry, a new version (with the
work session it was refined at), a comment, and a link to an evaluation or finding."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oranje.core.forms import InputForm
from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.learning.constants import (
    NATIONAL,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EntryKind,
    EntryStatus,
    Theme,
)
from oranje.learning.models import Evaluation, Finding, WorkSession
from oranje.learning.search import QUERY_MAX


def _any(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class DossierFilterForm(InputForm):
    q = forms.CharField(label=_("Search"), max_length=QUERY_MAX, required=False)
    thema = forms.ChoiceField(
        label=_("Theme"), choices=_any(_("— every theme —")) + Theme.choices, required=False
    )
    soort = forms.ChoiceField(
        label=_("Kind"), choices=_any(_("— every kind —")) + EntryKind.choices, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_any(_("— every status —")) + EntryStatus.choices, required=False
    )
    regio = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("code"),
        required=False,
        empty_label=_("— every region —"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        for name in ("thema", "soort", "status"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "%(field)s: choose one from the list."
            ) % {"field": self.fields[name].label}
        self.fields["regio"].error_messages["invalid_choice"] = _(
            "Region: choose one from the list."
        )


class _RegionForm(InputForm):
    region = forms.ModelChoiceField(
        label=_("Written for region"), queryset=Region.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, regions: frozenset[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Region.objects.filter(pk__in=regions).order_by("code")
        field.error_messages["invalid_choice"] = _("Region: choose a region you write for.")
        field.error_messages["required"] = _("Region: choose a region you write for.")


class EntryForm(_RegionForm):
    theme = forms.ChoiceField(label=_("Theme"), choices=_any(_("— choose —")) + Theme.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=_any(_("— choose —")) + EntryKind.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=_any(_("— choose —")) + EntryStatus.choices
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The question, practice or proposal, and what it asks of a region."),
    )
    incident = forms.ModelChoiceField(
        label=_("Incident (context)"),
        queryset=Incident.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    work_session = forms.ModelChoiceField(
        label=_("Work session (context)"),
        queryset=WorkSession.objects.order_by("-held_on", "pk"),
        required=False,
        empty_label=_("— none —"),
    )

    def __init__(
        self,
        *args: Any,
        regions: frozenset[int],
        sessions: QuerySet[WorkSession] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, regions=regions, **kwargs)
        incident = self.fields["incident"]
        assert isinstance(incident, forms.ModelChoiceField)
        incident.queryset = Incident.objects.filter(region_id__in=regions).order_by("-started_at")
        if sessions is not None:  # the sessions the writer's regions host or take part in
            session = self.fields["work_session"]
            assert isinstance(session, forms.ModelChoiceField)
            session.queryset = sessions.order_by("-held_on", "pk")
        for name, label in (
            ("theme", _("Theme")),
            ("kind", _("Kind")),
            ("status", _("Status")),
            ("incident", _("Incident")),
            ("work_session", _("Work session")),
        ):
            self.fields[name].error_messages["invalid_choice"] = _(
                "%(field)s: choose one from the list."
            ) % {"field": label}
        self.fields["theme"].error_messages["required"] = _("Theme: choose a theme.")
        self.fields["kind"].error_messages["required"] = _("Kind: choose a kind.")
        self.fields["status"].error_messages["required"] = _("Status: choose a status.")


class SessionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.held_on:%d-%m-%Y})"


class RevisionForm(_RegionForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_MAX, required=False, widget=forms.Textarea({"rows": 8})
    )
    status = forms.ChoiceField(label=_("Status"), choices=EntryStatus.choices)
    note = forms.CharField(
        label=_("What changed"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    work_session = SessionChoice(
        label=_("Refined at work session"),
        queryset=WorkSession.objects.none(),
        required=False,
        empty_label=_("— none —"),
        help_text=_("That work session's page and impression report then show this entry."),
    )

    def __init__(
        self,
        *args: Any,
        regions: frozenset[int],
        sessions: QuerySet[WorkSession],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, regions=regions, **kwargs)
        self.fields["status"].error_messages["invalid_choice"] = _(
            "%(field)s: choose one from the list."
        ) % {"field": _("Status")}
        self.fields["note"].error_messages["required"] = _(
            "What changed: say in a few words what this version changes."
        )
        session = self.fields["work_session"]
        assert isinstance(session, forms.ModelChoiceField)
        session.queryset = sessions.order_by("-held_on", "pk")
        session.error_messages["invalid_choice"] = _(
            "Work session: choose a work session that your region hosts or takes part in."
        )


class CommentForm(InputForm):
    """A comment under one of the member's regions, or "landelijk" (`access.comment_as`);
    the region is asked only of someone with several, else `shown_as` says it."""

    region = forms.ChoiceField(label=_("Region"))
    text = forms.CharField(
        label=_("Comment"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, choices: list[Region | None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = {(str(r.pk) if r else NATIONAL): r for r in choices}
        field = self.fields["region"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(key, _label(r)) for key, r in self.options.items()]
        field.error_messages["invalid_choice"] = _("Region: choose a region you are a member of.")
        field.error_messages["required"] = _("Region: choose a region you are a member of.")
        only = choices[0] if len(choices) == 1 else None
        self.shown_as = only.name if only else str(_("national")) if len(choices) == 1 else ""
        if len(choices) == 1:
            del self.fields["region"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "region" not in self.fields:
            cleaned["region"] = next(iter(self.options.values()))
        elif cleaned.get("region") in self.options:
            cleaned["region"] = self.options[cleaned["region"]]
        return cleaned


def _label(region: Region | None) -> str:
    return str(region) if region is not None else str(_("national"))


class FindingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.evaluation.title} — {obj.text[:80]}"


class LinkForm(InputForm):
    evaluation = forms.ModelChoiceField(
        label=_("Evaluation"),
        queryset=Evaluation.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    finding = FindingChoice(
        label=_("Finding"),
        queryset=Finding.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )

    def __init__(self, *args: Any, evaluations: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        evaluation = self.fields["evaluation"]
        assert isinstance(evaluation, forms.ModelChoiceField)
        evaluation.queryset = Evaluation.objects.filter(pk__in=evaluations).order_by("-held_on")
        finding = self.fields["finding"]
        assert isinstance(finding, forms.ModelChoiceField)
        finding.queryset = Finding.objects.filter(evaluation_id__in=evaluations).select_related(
            "evaluation"
        )
        evaluation.error_messages["invalid_choice"] = _("Evaluation: choose one from the list.")
        finding.error_messages["invalid_choice"] = _("Finding: choose one from the list.")
