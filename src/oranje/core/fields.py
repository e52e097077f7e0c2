"""Serializer fields every room's API shares, so that each kind of input is read one way:
ids within what the database holds, dates within a sane window, free text with a maximum
length and without bidirectional control characters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from oranje.core import params, text


def _in_window(value: dt.date) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if not params.FIRST_DATE <= day <= params.LAST_DATE:
        raise DjangoValidationError(params.date_window_message())


class IdField(serializers.IntegerField):
    """The id of an object: a whole number from 1 to 2^63 - 1."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", params.MAX_ID)
        super().__init__(**kwargs)


class MomentField(serializers.DateTimeField):
    """A date and time between 2000 and 2100."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validators", []).append(_in_window)
        super().__init__(**kwargs)


class DayField(serializers.DateField):
    """A calendar date between 2000 and 2100."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validators", []).append(_in_window)
        super().__init__(**kwargs)


class FreeTextField(serializers.CharField):
    """Text a person types: at most `max_length` characters (TEXT unless told), without
    bidirectional and C0 control characters (core.text.neutralise_controls)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", text.TEXT)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        return text.neutralise_controls(super().to_internal_value(data))
