"""Parsers for user input shared by forms, the API and imports. Each raises ValidationError
with a Dutch message (through gettext) that names the problem."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from oranje.matching.normalize import phone_e164


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def normalise_phone(raw: str) -> str:
    """A Dutch or international phone number in E.164 (+31612345678), or ValidationError."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("A phone number is required."), code="required")
    # The normal form is matching's, so that a number stored here and one typed into an
    # inquiry compare equal; phonenumbers adds the check against the numbering plans.
    e164 = phone_e164(text)
    try:
        number = phonenumbers.parse(e164, None) if e164 else None
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "'%(value)s' is not a valid phone number "
                "(for example 06 12345678 or +31 6 12345678)."
            )
            % {"value": text},
            code="invalid_phone",
        )
    return e164


def is_mobile(phone: str) -> bool:
    """Whether a stored (E.164) number takes an SMS: Dutch mobile numbers start with +316;
    foreign numbers are taken as mobile. Alerting and the registry's updates both ask this."""
    return phone.startswith("+") and (not phone.startswith("+31") or phone.startswith("+316"))


def format_phone(e164: str) -> str:
    """How a Dutch user reads a stored number: 06 12345678 for NL, international otherwise."""
    try:
        number = phonenumbers.parse(e164, "NL")
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M")


def format_postcode(value: str) -> str:
    """A stored postcode as written in the Netherlands: 2011AB and 2011 AB both read 2011 AB;
    anything else (a foreign postcode) as it is."""
    text = (value or "").replace(" ", "")
    if len(text) == 6 and text[:4].isdigit() and text[4:].isalpha():
        return f"{text[:4]} {text[4:].upper()}"
    return value or ""


def parse_local_datetime(value: object) -> dt.datetime:
    """A date and time as a spreadsheet gives it, read as Amsterdam time; aware result.

    Accepts datetime objects (naive ones are local time), ISO 8601 ("2026-12-01T08:00",
    with or without offset) and Dutch notation ("1-12-2026 08:00").
    """
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time(0, 0))
    else:
        text = re.sub(r"\s+", " ", str(value or "").strip())
        if not text:
            raise ValidationError(_("A date and time is required."), code="required")
        parsed_or_none = _parse_text_datetime(text)
        if parsed_or_none is None:
            raise ValidationError(
                _("'%(value)s' is not a date and time (use 2026-12-01 08:00 or 1-12-2026 08:00).")
                % {"value": text},
                code="invalid_datetime",
            )
        parsed = parsed_or_none
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_zone())
    return parsed


def parse_day(value: object) -> dt.date:
    """A calendar date as a spreadsheet gives it: a date cell, 2026-03-01, 1-3-2026 or 1/3/2026."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for date_format in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, date_format).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValidationError(
        _("'%(value)s' is not a date (use 2026-03-01 or 1-3-2026).") % {"value": text},
        code="invalid_date",
    )


def _parse_text_datetime(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    date_part, _sep, time_part = text.partition(" ")
    for date_format in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(date_part, date_format).date()  # noqa: DTZ007
        except ValueError:
            continue
        if not time_part:
            return dt.datetime.combine(day, dt.time(0, 0))
        for time_format in _TIME_FORMATS:
            try:
                moment = dt.datetime.strptime(time_part, time_format).time()  # noqa: DTZ007
            except ValueError:
                continue
            return dt.datetime.combine(day, moment)
    return None


_POSTCODE = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})$")


def parse_postcode(text: str) -> str:
    """'1234ab', '1234 AB' -> '1234 AB'; SA, SD and SS are not issued."""
    text = (text or "").strip()
    if not text:
        return ""
    m = _POSTCODE.match(text)
    if not m or m.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValidationError(
            _("postcode: '%(value)s' is not a Dutch postcode (like 2011 AB).")
            % {"value": text[:20]}
        )
    return f"{m.group(1)} {m.group(2).upper()}"


_HOUSE = re.compile(r"^(\d{1,5})\s*[-\s]?\s*([A-Za-z0-9]{0,6}(?:[\s-][A-Za-z0-9]{1,4})?)$")


def parse_house(text: str) -> tuple[int | None, str]:
    """'12', '12a', '12-2', '12 hs', '12 A-1' -> (12, 'A'), …; addition upper-cased."""
    text = (text or "").strip()
    if not text:
        return None, ""
    m = _HOUSE.match(text)
    if not m or int(m.group(1)) == 0:
        raise ValidationError(
            _("house number: '%(value)s' is not a house number (like 12 or 12a).")
            % {"value": text[:20]}
        )
    return int(m.group(1)), m.group(2).strip().upper()[:10]
