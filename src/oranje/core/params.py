"""The one parser for numbers and dates that arrive as text (query strings, path pieces,
form values): ASCII digits only, within bounds, or an InvalidParameter that names the field.

`'³'.isdigit()` is true and `int('³')` raises; `int('9' * 30)` works but overflows the
database. Every id, count and date read from a request goes through here instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext as _

#: The largest value a bigint primary key (and SQLite's integer) can hold.
MAX_ID = 2**63 - 1
#: Dates outside this window are typing errors, never planning (no year 1 or 2999).
FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

_DIGITS = re.compile(r"-?[0-9]+", re.ASCII)


class InvalidParameter(BadRequest):
    """A query or path parameter that cannot be used: answered with 400 naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_validation_error(self) -> ValidationError:
        return ValidationError({self.field: [self.message]})


def parse_int(value: object, *, field: str, minimum: int = 0, maximum: int = MAX_ID) -> int:
    """A whole number written in ASCII digits, minimum <= n <= maximum."""
    text = str(value).strip() if value is not None else ""
    if not _DIGITS.fullmatch(text) or len(text) > 20:
        raise InvalidParameter(
            field, _("'%(value)s' is not a whole number.") % {"value": text[:40]}
        )
    number = int(text)
    if not minimum <= number <= maximum:
        raise InvalidParameter(
            field,
            _("%(value)s is outside the allowed range (%(minimum)s to %(maximum)s).")
            % {"value": text, "minimum": minimum, "maximum": maximum},
        )
    return number


def parse_id(value: object, *, field: str = "id") -> int:
    """An object id: a whole number from 1 to 2^63 - 1."""
    return parse_int(value, field=field, minimum=1, maximum=MAX_ID)


def optional_int(
    params: Mapping[str, str],
    name: str,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = MAX_ID,
) -> int | None:
    """params[name] as a bounded whole number; `default` when it is absent or empty."""
    raw = params.get(name, "")
    if raw is None or str(raw).strip() == "":
        return default
    return parse_int(raw, field=name, minimum=minimum, maximum=maximum)


def optional_id(params: Mapping[str, str], name: str) -> int | None:
    """params[name] as an object id, or None when it is absent or empty."""
    return optional_int(params, name, minimum=1, maximum=MAX_ID)


def check_date_window(day: dt.date, *, field: str) -> dt.date:
    """The date itself when it lies between 2000 and 2100, else InvalidParameter."""
    if not FIRST_DATE <= day <= LAST_DATE:
        raise InvalidParameter(field, date_window_message())
    return day


def date_window_message() -> str:
    return _("Use a date between %(first)s and %(last)s.") % {
        "first": FIRST_DATE.year,
        "last": LAST_DATE.year,
    }


def parse_date(value: object, *, field: str) -> dt.date:
    """An ISO date (2026-03-01) between 2000 and 2100."""
    text = str(value or "").strip()
    try:
        day = dt.date.fromisoformat(text) if text.isascii() else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidParameter(
            field, _("'%(value)s' is not a date (use 2026-03-01).") % {"value": text[:40]}
        )
    return check_date_window(day, field=field)


def optional_date(
    params: Mapping[str, str], name: str, *, default: dt.date | None = None
) -> dt.date | None:
    """params[name] as a date in the sane window; `default` when absent or empty."""
    raw = params.get(name, "")
    if raw is None or str(raw).strip() == "":
        return default
    return parse_date(raw, field=name)


def parse_moment(value: object, *, field: str) -> dt.datetime:
    """An ISO 8601 date and time (2026-03-01T08:00, with or without offset; without one it
    is Amsterdam time), its date between 2000 and 2100; aware result."""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    text = str(value or "").strip()
    try:
        moment = parse_datetime(text) if text.isascii() else None
    except ValueError:  # well-formed but impossible, such as 2026-02-30
        moment = None
    if moment is None:
        raise InvalidParameter(
            field,
            _("'%(value)s' is not a date and time (use 2026-03-01T08:00).") % {"value": text[:40]},
        )
    check_date_window(moment.date(), field=field)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def optional_moment(params: Mapping[str, str], name: str) -> dt.datetime | None:
    """params[name] as an aware date and time in the sane window, or None when absent."""
    raw = params.get(name, "")
    if raw is None or str(raw).strip() == "":
        return None
    return parse_moment(raw, field=name)
