"""The agreements matrix as one form: per level or team and kind of message, who communicates
(region, municipality, both or no agreement) and an optional note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oranje.communication.constants import NOTE_MAX, Communicator, MessageKind
from oranje.communication.services.agreements import SCOPE_KEYS, Cell, Matrix
from oranje.core.forms import InputForm


def _who(scope: str, kind: str) -> str:
    return f"{scope}__{kind}__who"


def _note(scope: str, kind: str) -> str:
    return f"{scope}__{kind}__note"


class AgreementsForm(InputForm):
    def __init__(self, *args: Any, matrix: Matrix | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        matrix = matrix or {}
        for scope in SCOPE_KEYS:
            for kind, kind_label in MessageKind.choices:
                cell = matrix.get((scope, kind), Cell())
                self.fields[_who(scope, kind)] = forms.ChoiceField(
                    label=_("Who communicates"),
                    choices=[("", _("no agreement")), *Communicator.choices],
                    required=False,
                    initial=cell.communicator,
                )
                self.fields[_note(scope, kind)] = forms.CharField(
                    label=_("Note"),
                    max_length=NOTE_MAX,
                    required=False,
                    initial=cell.note,
                    widget=forms.TextInput(attrs={"size": "14"}),
                )
                # The label the errors name: "GRIP 2, press release: ...".
                self.fields[_who(scope, kind)].cell_label = kind_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Every cell comes with the form (a select always sends a value): a cell missing is a
        # form cut short, which would otherwise silently remove agreements.
        missing = [name for name in self.fields if name.endswith("__who") and name not in self.data]
        if missing:
            raise forms.ValidationError(
                _("The form is incomplete (%(n)s cells missing): reload the page and try again.")
                % {"n": len(missing)}
            )
        return cleaned

    def rows(self, scopes: list[tuple[str, str]]) -> list[tuple[str, list[tuple[Any, Any]]]]:
        """(scope label, [(who field, note field) per kind]) for the template."""
        return [
            (
                label,
                [(self[_who(key, kind)], self[_note(key, kind)]) for kind in MessageKind.values],
            )
            for key, label in scopes
        ]

    def cells(self) -> Matrix:
        c = self.cleaned_data
        return {
            (scope, kind): Cell(c[_who(scope, kind)], c[_note(scope, kind)].strip())
            for scope in SCOPE_KEYS
            for kind in MessageKind.values
        }

    def field_of(self, cell: str) -> str | None:
        """The form field of a service error's key "scope.kind"."""
        scope, _sep, kind = cell.partition(".")
        name = _who(scope, kind)
        return name if name in self.fields else None
