"""Two-factor authentication: an authenticator app (TOTP) and ten single-use recovery codes.

Built on django-otp. After the password, a user with a confirmed authenticator must give a code
before any page opens (the `SecondFactorMiddleware`). Whoever holds a role listed in
`TWO_FACTOR_ROLES` must set one up before working, when `REQUIRE_2FA` is on (the production
default); everyone else may turn it on and off on their account page. Every step is audited.

Codes are checked outside any transaction that a refusal rolls back: django-otp writes its
throttling (a growing wait after each wrong code) on the device, and that write must stay.
"""

from __future__ import annotations

import datetime as dt

import django_otp
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from oranje.core.audit import audit_record, user_region
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Membership, User

RECOVERY_CODE_COUNT = 10
_APP_NAME = "authenticator"
_RECOVERY_NAME = "recovery"


def second_factor_required(user: User) -> bool:
    """Whether this user must use a second factor (a role listed in TWO_FACTOR_ROLES)."""
    if not settings.REQUIRE_2FA:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=settings.TWO_FACTOR_ROLES).exists()


def has_second_factor(user: User) -> bool:
    """Whether the user has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _audit(user: User, action: AuditAction, note: str = "") -> None:
    with transaction.atomic():
        audit_record(actor=user, action=action, obj=user, region=user_region(user), note=note)


def _normalise(code: str) -> str:
    return "".join(code.split()).lower()


def _wait_message(device: Device) -> str | None:
    """The Dutch message for a device that refuses codes for now (too many wrong ones)."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data:
        return None
    if data.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        until = data.get("locked_until")
        if isinstance(until, dt.datetime):
            return _(
                "Too many wrong codes. Wait until %(time)s and try again; every wrong code "
                "makes the wait longer."
            ) % {"time": timezone.localtime(until).strftime("%H:%M:%S")}
        return _("Too many wrong codes. Wait a moment and try again.")
    return str(data.get("error_message", _("This code cannot be checked now.")))


def totp_setup_start(*, user: User) -> TOTPDevice:
    """The authenticator being set up: a new secret, kept unconfirmed until a code proves it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=_APP_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_APP_NAME, confirmed=False)
    return device


def _new_recovery_codes(user: User) -> list[str]:
    """Ten fresh recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def totp_setup_confirm(*, request: HttpRequest, user: User, code: str) -> list[str]:
    """Turn the authenticator on once a code from it is right; returns the recovery codes,
    which are shown once and never stored readable anywhere else. The session counts as
    verified from here on."""
    device = totp_setup_start(user=user)
    wait = _wait_message(device)
    if wait:
        raise ValidationError({"code": wait})
    if not device.verify_token(_normalise(code)):
        raise ValidationError(
            {"code": _("This code is not right. Type the six digits the app shows now.")}
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit_record(
            actor=user, action=AuditAction.USER_2FA_ENABLED, obj=user, region=user_region(user)
        )
    django_otp.login(request, device)
    return codes


def second_factor_verify(*, request: HttpRequest, user: User, code: str) -> Device:
    """The login's second step: a code from the app or an unused recovery code."""
    devices = list(django_otp.devices_for_user(user, confirmed=True))
    if not devices:
        raise ValidationError({"code": _("No authenticator app is set up for this account.")})
    token = _normalise(code)
    if not token:
        raise ValidationError({"code": _("Type the code from your authenticator app.")})
    waits = [message for message in map(_wait_message, devices) if message]
    if len(waits) == len(devices):
        raise ValidationError({"code": waits[0]})
    device = django_otp.match_token(user, token)
    if device is None:
        _audit(user, AuditAction.USER_2FA_FAILED)
        raise ValidationError(
            {
                "code": _(
                    "This code is not right. Type the six digits the app shows now, or one of "
                    "your recovery codes."
                )
            }
        )
    django_otp.login(request, device)
    if isinstance(device, StaticDevice):
        left = recovery_codes_left(user)
        _audit(user, AuditAction.USER_2FA_RECOVERY_CODE_USED, note=f"{left} herstelcodes over")
    else:
        _audit(user, AuditAction.USER_2FA_VERIFIED)
    return device


def _check_current_code(user: User, code: str) -> None:
    """A code proving the person at the keyboard holds the second factor now."""
    token = _normalise(code)
    devices = list(django_otp.devices_for_user(user, confirmed=True))
    waits = [message for message in map(_wait_message, devices) if message]
    if devices and len(waits) == len(devices):
        raise ValidationError({"code": waits[0]})
    if not token or django_otp.match_token(user, token) is None:
        _audit(user, AuditAction.USER_2FA_FAILED)
        raise ValidationError(
            {"code": _("This code is not right. Type the code from your app or a recovery code.")}
        )


def recovery_codes_renew(*, user: User, code: str) -> list[str]:
    """Ten new recovery codes (the old ones stop working), after a current code."""
    _check_current_code(user, code)
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit_record(
            actor=user,
            action=AuditAction.USER_2FA_RECOVERY_CODES_RENEWED,
            obj=user,
            region=user_region(user),
        )
    return codes


def second_factor_disable(*, user: User, code: str) -> None:
    """Turn two-factor authentication off, after a current code; refused where a role
    requires it."""
    if second_factor_required(user):
        raise ValidationError(
            {"code": _("Your role requires two-factor authentication, so it cannot be turned off.")}
        )
    _check_current_code(user, code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_record(
            actor=user, action=AuditAction.USER_2FA_DISABLED, obj=user, region=user_region(user)
        )
