"""Brute-force protection on the login (django-axes): the limits, the Dutch lockout page and
the audit entry.

Axes counts failed passwords per account and per address and refuses both for
`LOGIN_LOCKOUT_MINUTES` after the limit, counted from the last failed attempt (an attempt
during a lockout starts the wait again). The two limits differ: staff in a crisis centre share
one address behind its network, so one colleague's typos must not lock out the room.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from oranje.core.audit import audit_record, user_region
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, User

LOCKED_OUT = AuditAction.USER_LOCKED_OUT


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """The limit axes compares its highest failure count with.

    Axes has one limit for all its counters (per account, per address) and compares it with the
    highest. Answering the account limit once the account reached it, and the address limit
    otherwise, gives each counter its own limit.
    """
    username = get_client_username(request, credentials)
    if username:
        account_failures = sum(
            AccessAttempt.objects.filter(
                username=username, attempt_time__gte=get_cool_off_threshold(request)
            ).values_list("failures_since_start", flat=True)
        )
        if account_failures >= settings.LOGIN_FAILURES_PER_ACCOUNT:
            return int(settings.LOGIN_FAILURES_PER_ACCOUNT)
    return int(settings.LOGIN_FAILURES_PER_ADDRESS)


def retry_at() -> dt.datetime:
    """When a lockout that this attempt (re)started ends."""
    return timezone.now() + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The Dutch page for a locked-out login: what happened and when to try again (429)."""
    until = retry_at()
    response = render(
        request,
        "registration/locked_out.html",
        {"until": until, "minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=429,
    )
    response["Retry-After"] = str(settings.LOGIN_LOCKOUT_MINUTES * 60)
    return response


@receiver(user_locked_out)
def audit_lockout(
    sender: object, request: HttpRequest, username: str | None, **kwargs: Any
) -> None:
    """One audit entry per lockout: attempts during the same lockout add none (an attacker
    must not be able to flood the audit log)."""
    address = get_client_ip_address(request) or ""
    subject = username or ""
    window_start = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    already = AuditEntry.objects.filter(
        action=LOCKED_OUT, object_repr=subject[:255], at__gte=window_start, note__contains=address
    ).exists()
    if already:
        return
    user = User.objects.filter(username=subject).first() if subject else None
    with transaction.atomic():
        entry = audit_record(
            actor=None,
            action=LOCKED_OUT,
            object_type="user",
            region=user_region(user) if user is not None else None,
            note=(
                f"Inloggen geblokkeerd na te veel mislukte pogingen vanaf {address}; "
                f"opnieuw mogelijk na {settings.LOGIN_LOCKOUT_MINUTES} minuten zonder pogingen."
            ),
        )
        entry.object_id = str(user.pk) if user is not None else ""
        entry.object_repr = subject[:255]
        entry.save(update_fields=["object_id", "object_repr"])


@receiver(user_logged_in)
def forget_account_failures(
    sender: object, request: HttpRequest, user: User, **kwargs: Any
) -> None:
    """The right password clears the account's failed attempts (not the address's)."""
    AccessAttempt.objects.filter(username=user.get_username()).delete()
