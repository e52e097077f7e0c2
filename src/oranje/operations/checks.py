"""Oranje's own deployment checks, run by `oranje check --deploy` next to Django's
(docs/operations.md, "Checking an installation"). Each message names the setting or
environment variable and the fix, in Dutch and in English.

All are deployment checks: plain `oranje check` (development, tests, CI) runs none of them,
so it stays clean on a developer's machine and never touches the network or the database.
`oranje check --deploy --tag oranje` runs only these.

Ids: E00x/W00x settings, E01x mail, E02x/W02x SMS, E03x database and worker,
E04x/W04x files and backups."""

from __future__ import annotations

from collections.abc import Callable

from django.core.checks import CheckMessage, Tags, register

from oranje.operations import checks_delivery, checks_runtime, checks_settings
from oranje.operations.checks_base import TAG, TAG_FILES, TAG_MAIL, TAG_SMS


def register_checks() -> None:
    """Register every check (the registry keeps a set, so twice is harmless)."""
    checks: list[tuple[Callable[..., list[CheckMessage]], str]] = [
        (checks_settings.check_debug, Tags.security),
        (checks_settings.check_secret_key, Tags.security),
        (checks_settings.check_hosts, Tags.security),
        (checks_settings.check_cookies, Tags.security),
        (checks_settings.check_two_factor, Tags.security),
        (checks_delivery.check_mail, TAG_MAIL),
        (checks_delivery.check_sms, TAG_SMS),
        (checks_runtime.check_database, Tags.database),
        (checks_runtime.check_files, TAG_FILES),
        (checks_runtime.check_backups, TAG_FILES),
    ]
    for check, tag in checks:
        register(check, TAG, tag, deploy=True)
