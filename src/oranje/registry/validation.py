"""Parsing what people type about a person: partial birth dates, the BSN's elfproef, Dutch
postcodes and house numbers. Each raises a ValidationError with a Dutch message that names
the field, so forms, the API and list imports report it the same way."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.validation import normalise_phone
from oranje.core.validation import parse_house as parse_house  # re-exported: moved to core
from oranje.core.validation import parse_postcode as parse_postcode
from oranje.registry.constants import BIRTH_YEAR_MIN, EMAIL_MAX


@dataclass(frozen=True)
class Birth:
    year: int | None = None
    month: int | None = None
    day: int | None = None


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DUTCH = re.compile(r"^(?:(\d{1,2})[-/. ])?(\d{1,2})[-/. ](\d{4})$")


def parse_birth(text: str, *, field: str = "geboortedatum") -> Birth:
    """'1950', '1950-03', '1950-03-04', '4-3-1950', '3-1950', '04/03/1950' -> Birth."""
    text = (text or "").strip()
    if not text:
        return Birth()
    iso = _ISO.match(text)
    dutch = None if iso else _DUTCH.match(text)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
    elif dutch:
        day_s, month_s, year_s = dutch.groups()
        year, month, day = int(year_s), int(month_s), int(day_s) if day_s else None
    else:
        raise ValidationError(
            _("%(field)s: '%(value)s' is not a date (use 4-3-1950, 3-1950 or 1950).")
            % {"field": field, "value": text[:40]}
        )
    this_year = timezone.localdate().year
    if year is None or not BIRTH_YEAR_MIN <= year <= this_year:
        raise ValidationError(
            _("%(field)s: the year must lie between %(min)s and %(max)s.")
            % {"field": field, "min": BIRTH_YEAR_MIN, "max": this_year}
        )
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(
            _("%(field)s: there is no month %(month)s.") % {"field": field, "month": month}
        )
    if day is not None and month is not None:
        try:
            born = dt.date(year, month, day)
        except ValueError:
            raise ValidationError(
                _("%(field)s: %(value)s does not exist.") % {"field": field, "value": text[:40]}
            ) from None
        if born > timezone.localdate():
            raise ValidationError(_("%(field)s: lies in the future.") % {"field": field})
    return Birth(year, month, day)


def elfproef(bsn: str) -> bool:
    """The BSN's eleven test: 9 digits, 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11."""
    if not re.fullmatch(r"\d{9}", bsn) or bsn == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    return (total - int(bsn[8])) % 11 == 0


def parse_bsn(text: str) -> str:
    digits = re.sub(r"[\s.\-]", "", text or "")
    if not digits:
        return ""
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits  # a leading zero dropped by a spreadsheet
    if not elfproef(digits):
        raise ValidationError(
            _("BSN: '%(value)s' is not a valid citizen service number (elfproef).")
            % {"value": (text or "")[:20]}
        )
    return digits


def parse_phone(text: str, *, field: str = "telefoon") -> str:
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return normalise_phone(text)
    except ValidationError:
        raise ValidationError(
            _("%(field)s: '%(value)s' is not a phone number.")
            % {"field": field, "value": text[:30]}
        ) from None


def parse_email(text: str, *, field: str = "e-mail") -> str:
    """An e-mail address as typed (spaces around it dropped), or a ValidationError naming the
    field: too long, or not an address."""
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) > EMAIL_MAX:
        raise ValidationError(
            _("%(field)s: at most %(max)s characters.") % {"field": field, "max": EMAIL_MAX}
        )
    try:
        validate_email(text)
    except ValidationError:
        raise ValidationError(
            _("%(field)s: '%(value)s' is not an e-mail address (for example naam@voorbeeld.nl).")
            % {"field": field, "value": text[:60]}
        ) from None
    return text


#: How the updates consent is written in forms and imports: yes, no or not asked.
CONSENT_ANSWERS = {"": None, "ja": True, "nee": False}


def consent_text(value: bool | None) -> str:
    return {None: "", True: "ja", False: "nee"}[value]
