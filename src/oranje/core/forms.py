"""The base of every form in Oranje: the same limits on typed input as the API's serializer
fields (core.fields), so that a page and the API refuse the same things with the same
messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from oranje.core import params, text


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects by id that refuses, naming the field, an id that is no
    whole number in ASCII digits or lies outside 1 to 2^63 - 1 (core.params) before it reaches
    the database: Django's own field lets `99999999999999999999999` through to SQLite, which
    answers with an OverflowError (a 500)."""

    def clean(self, value: Any) -> Any:
        if self.to_field_name is None and isinstance(value, list | tuple):
            for item in value:
                try:
                    params.parse_id(item, field=str(self.label or ""))
                except params.InvalidParameter as error:
                    message = f"{self.label}: {error.message}" if self.label else error.message
                    raise ValidationError(message, code="invalid_pk_value") from error
        return super().clean(value)


def _in_window(value: dt.date) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not params.FIRST_DATE <= day <= params.LAST_DATE:
        raise ValidationError(params.date_window_message(), code="date_window")


class InputForm(forms.Form):
    """A form whose text fields all have a maximum length (TEXT, as the API's FreeTextField,
    unless the field names its own), whose text loses bidirectional and C0 control characters
    (core.text.neutralise_controls), and whose dates lie between 2000 and 2100."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = text.TEXT
                field.validators.append(MaxLengthValidator(text.TEXT))
                field.widget.attrs.setdefault("maxlength", str(text.TEXT))
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(_in_window)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = text.neutralise_controls(value)
        return cleaned
