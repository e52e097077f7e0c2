"""Signed links in messages (alarm tests, alerts): the link is the key, so reading one
must tell a forged link from an expired one, each with its own message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError


def read_link(
    token: str, *, salt: str, max_age: int | dt.timedelta, expired: str, invalid: str
) -> dict[str, Any]:
    """The data signed into `token`; ValidationError (code "expired" or "invalid") otherwise."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(expired, code="expired") from None
    except signing.BadSignature:
        raise ValidationError(invalid, code="invalid") from None
    if not isinstance(data, dict):
        raise ValidationError(invalid, code="invalid")
    return data
