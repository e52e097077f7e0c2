"""PostgreSQL: PostgreSQL's own tools. `pg_dump -Fc` reads one snapshot (a repeatable-read
transaction) while the application goes on writing; `pg_restore` loads it in one transaction.

The connection settings reach the tools through the PG* environment variables only: a
password on a command line is readable by every user of the machine (`ps`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from oranje.operations.backup import errors

# Connection options that libpq also reads from the environment.
_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The process environment plus the PG* variables for this database."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in _OPTION_VARIABLES.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    return env


def tool(name: str) -> tuple[str, str, int]:
    """Path, version text and major version of a PostgreSQL client program."""
    path = shutil.which(name)
    if path is None:
        raise errors.tool_missing(name)
    result = subprocess.run(  # noqa: S603 - a fixed program with a fixed argument
        [path, "--version"], capture_output=True, text=True, check=False
    )
    match = re.search(r"(\d+)(?:\.(\d+))?", result.stdout)
    if result.returncode != 0 or match is None:
        raise errors.tool_failed(name, f"--version: {result.stdout or result.stderr}".strip())
    return path, match.group(0), int(match.group(1))


def server_version(connection: BaseDatabaseWrapper) -> tuple[str, int]:
    """The server's version text and major number (150020 → "15.20", 15)."""
    number = int(connection.pg_version)  # type: ignore[attr-defined]
    major, minor = divmod(number, 10000)
    return f"{major}.{minor}", major


def _run(tool_name: str, command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        # The tools' own words name the problem (a refused login, a missing database);
        # they never print the password.
        detail = " ".join(result.stderr.strip().splitlines()[-5:]) or f"exit {result.returncode}"
        raise errors.tool_failed(tool_name, detail)


def dump(connection: BaseDatabaseWrapper, target: Path) -> dict[str, str]:
    """Dump the database into `target` (custom format); returns the versions involved."""
    connection.ensure_connection()
    path, version, major = tool("pg_dump")
    server, server_major = server_version(connection)
    if major < server_major:
        raise errors.tool_too_old(
            "pg_dump", major, server_major, "de databaseserver", "the database server"
        )
    _run(
        "pg_dump",
        [path, "--format=custom", "--no-password", f"--file={target}"],
        environment(connection.settings_dict),
    )
    os.chmod(target, 0o600)
    return {"pg_dump": version, "server_version": server}


def applied_migrations(connection: BaseDatabaseWrapper) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return []
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        return [(str(app), str(name)) for app, name in cursor.fetchall()]


def check_restore_tool(database: dict[str, Any]) -> str:
    """The pg_restore to use; refused when it is older than the pg_dump that wrote the
    backup (it cannot read a newer archive)."""
    path, _version, major = tool("pg_restore")
    made_with = re.match(r"(\d+)", str(database.get("pg_dump", "")))
    if made_with and major < int(made_with.group(1)):
        raise errors.tool_too_old(
            "pg_restore",
            major,
            int(made_with.group(1)),
            "de pg_dump van de back-up",
            "the backup's pg_dump",
        )
    return path


def empty_schema(connection: BaseDatabaseWrapper) -> None:
    """Drop every table, view and sequence of the connection's schema (restore --force).
    Only what this database user can see in its own schema; other schemas stay."""
    kinds = {
        "v": "VIEW",
        "m": "MATERIALIZED VIEW",
        "r": "TABLE",
        "p": "TABLE",
        "f": "FOREIGN TABLE",
        "S": "SEQUENCE",
    }
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relkind FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm', 'r', 'p', 'f', 'S') "
            "AND NOT c.relispartition"
        )
        found = cursor.fetchall()
        # Views before tables before sequences; CASCADE takes along what depends on them.
        order = list(kinds)
        for name, kind in sorted(found, key=lambda row: order.index(row[1])):
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"DROP {kinds[kind]} IF EXISTS {quoted} CASCADE")


def load(connection: BaseDatabaseWrapper, source: Path, restore_tool: str) -> None:
    """Load the dump into the (empty) target database in one transaction: a failed load
    leaves no half-restored database behind (after --force, an empty one)."""
    connection.close()
    settings_dict = connection.settings_dict
    _run(
        "pg_restore",
        [
            restore_tool,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        environment(settings_dict),
    )
