"""`oranje migrate`: Django's migrate, which on PostgreSQL gives up waiting for a lock.

An upgrade migrates while the previous release still serves (docs/operations.md, "Upgrades").
A migration that needs a lock held by a long request or a stuck transaction would wait for it,
and every request arriving after it would queue behind that waiting lock: the whole site stops.
With a `lock_timeout` the migration fails after a few seconds instead, its transaction rolls
back, and the operator runs it again a moment later (or finds what holds the lock).
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

DEFAULT_LOCK_TIMEOUT = "10s"
_DURATION = re.compile(r"^\d+(ms|s|min)?$")
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout

LOCK_TIMEOUT_MESSAGE = (
    "Een migratie kreeg binnen {timeout} geen slot op een tabel: een andere transactie houdt "
    "het vast. Er is niets veranderd aan deze migratie. Probeer het zo opnieuw, of zoek de "
    "houder met: SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database();"
    " / A migration did not get a table lock within {timeout}: another transaction holds it. "
    "This migration changed nothing. Try again shortly, or find the holder with the query above."
)


def lock_timeout(value: str) -> str:
    """A PostgreSQL duration: 500ms, 10s, 1min, or 0 for no limit."""
    if not _DURATION.match(value):
        raise argparse.ArgumentTypeError(
            f"{value!r}: geef een duur als 500ms, 10s of 1min (0: geen grens) / "
            "give a duration such as 500ms, 10s or 1min (0: no limit)"
        )
    return value


class Command(DjangoMigrate):
    help = (
        DjangoMigrate.help
        + " On PostgreSQL a migration gives up after --lock-timeout waiting for a lock."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lock-timeout",
            type=lock_timeout,
            default=DEFAULT_LOCK_TIMEOUT,
            help=(
                "PostgreSQL: how long a migration may wait for a table lock before it fails "
                f"(default {DEFAULT_LOCK_TIMEOUT}; 0 waits for ever). Ignored on SQLite."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        timeout = options.get("lock_timeout", DEFAULT_LOCK_TIMEOUT)
        if connection.vendor != "postgresql" or timeout == "0":
            super().handle(*args, **options)
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, false)", [timeout])
        try:
            super().handle(*args, **options)
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
                raise CommandError(LOCK_TIMEOUT_MESSAGE.format(timeout=timeout)) from error
            raise
        finally:
            # The setting belongs to this command: a test run or a shell that migrates first
            # keeps its connection, and must not inherit the limit.
            if connection.connection is not None and not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute("RESET lock_timeout")
