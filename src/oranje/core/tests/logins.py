"""Helpers for tests that log in: the second step of two-factor authentication.

`client.force_login(user)` completes the second step by itself (an autouse fixture in the
root conftest wraps it); a test that wants the half-logged-in state marks itself
`@pytest.mark.raw_login`.
"""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from oranje.core.models import User


def authenticator(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, created when they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device


def current_code(device: TOTPDevice, *, fresh: bool = True) -> str:
    """The six digits the app would show now. `fresh` forgets the last code used, so that a
    test may log in twice within one 30-second step (the device refuses a replayed code)."""
    if fresh:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def complete_second_step(client: Client, user: User) -> TOTPDevice:
    """Mark the client's session as verified by the user's authenticator (made if missing)."""
    device = authenticator(user)
    session: Any = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
