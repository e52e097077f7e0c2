"""Deployment checks on the running installation: the database answers and carries every
migration, a worker beats, the data directory takes files, and a recent backup exists.

The database checks follow the `database` tag of Django's check framework, with one
difference: they are deployment checks, so `oranje check --deploy` checks the default
database without being asked (`--database <alias>` names others). Plain `oranje check`
never runs them, and never touches the database."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from oranje.core.worker import live_workers
from oranje.operations.checks_base import error, warning

# The backup helper (`oranje backup`) writes files named oranje-backup-<UTC timestamp>.tar;
# the timer runs it daily, so a day and a bit without one means it stopped.
BACKUP_PATTERN = "oranje-backup-*.tar"
BACKUP_MAX_AGE = dt.timedelta(hours=26)
MIGRATIONS_NAMED = 5


def _describe(connection: BaseDatabaseWrapper) -> str:
    """The database as an administrator knows it, without its password."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"{connection.alias} (SQLite {params['NAME']})"
    where = f"{params.get('HOST') or 'localhost'}:{params.get('PORT') or '-'}"
    return f"{connection.alias} ({connection.vendor} {params.get('NAME')} on {where})"


def check_database(
    app_configs: Any = None, databases: list[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """E030–E032: each database answers and has every migration; a worker beats."""
    messages: list[CheckMessage] = []
    reachable = set()
    for alias in databases or [DEFAULT_DB_ALIAS]:
        connection = connections[alias]
        try:
            connection.ensure_connection()
        except (DatabaseError, ImproperlyConfigured) as exc:
            messages.append(_database_down(connection, exc))
            continue
        reachable.add(alias)
        messages += check_migrations(connection)
    if DEFAULT_DB_ALIAS in reachable:
        messages += check_worker()
    return messages


def _database_down(connection: BaseDatabaseWrapper, exc: BaseException) -> CheckMessage:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return error(
        "E032",
        f"De database {_describe(connection)} antwoordt niet: {reason}",
        f"The database {_describe(connection)} does not answer: {reason}",
        fix_nl="Controleer DATABASE_URL (host, poort, naam, gebruiker; het wachtwoord staat "
        "in het omgevingsbestand) en of PostgreSQL draait: `systemctl status postgresql`.",
        fix_en="Check DATABASE_URL (host, port, name, user; the password is in the "
        "environment file) and that PostgreSQL runs: `systemctl status postgresql`.",
    )


def check_migrations(connection: BaseDatabaseWrapper) -> list[CheckMessage]:
    """E031: the plan from this database's state to the newest migrations is empty."""
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return [_database_down(connection, exc)]
    if not plan:
        return []
    names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    shown = ", ".join(names[:MIGRATIONS_NAMED])
    more = len(names) - MIGRATIONS_NAMED
    more_nl, more_en = (f" en {more} andere", f" and {more} others") if more > 0 else ("", "")
    return [
        error(
            "E031",
            f"De database {_describe(connection)} mist {len(names)} migratie(s): "
            f"{shown}{more_nl}. Oranje verwacht tabellen en kolommen die er nog niet zijn.",
            f"The database {_describe(connection)} lacks {len(names)} migration(s): "
            f"{shown}{more_en}. Oranje expects tables and columns that are not there yet.",
            fix_nl="Voer de migraties uit als de oranje-gebruiker: `oranje migrate` (na een "
            "upgrade: zie docs/operations.md, 'Upgrades').",
            fix_en="Apply the migrations as the oranje user: `oranje migrate` (after an "
            "upgrade: see docs/operations.md, 'Upgrades').",
        )
    ]


def check_worker() -> list[CheckMessage]:
    """E030: at least one `oranje worker` beat within the lease."""
    try:
        if live_workers():
            return []
        reason_nl = reason_en = ""
    except DatabaseError as exc:
        # Before `oranje migrate` the heartbeat table may not exist yet.
        reason_nl = f" (de hartslagtabel is niet leesbaar: {str(exc).strip()[:200]})"
        reason_en = f" (the heartbeat table cannot be read: {str(exc).strip()[:200]})"
    lease = settings.WORKER_LEASE_SECONDS
    return [
        error(
            "E030",
            f"Geen `oranje worker` gaf de laatste {lease} seconden een hartslag{reason_nl}: "
            "alarmeringen, e-mail en sms blijven in de wachtrij staan.",
            f"No `oranje worker` beat in the last {lease} seconds{reason_en}: alerts, mail "
            "and SMS stay in the queue.",
            fix_nl="Start de worker: `systemctl start oranje-worker` (en `systemctl enable "
            "oranje-worker` zodat hij na een herstart meekomt); zonder systemd: "
            "`oranje worker`. Waarom hij stopte: `journalctl -u oranje-worker`.",
            fix_en="Start the worker: `systemctl start oranje-worker` (and `systemctl enable "
            "oranje-worker` so it comes back after a reboot); without systemd: "
            "`oranje worker`. Why it stopped: `journalctl -u oranje-worker`.",
        )
    ]


def _writable(directory: Path) -> str:
    """Empty when a file can be made in `directory`; else why not."""
    try:
        with tempfile.TemporaryFile(dir=directory, prefix=".oranje-check-"):
            return ""
    except OSError as exc:
        return exc.strerror or str(exc)


def _creatable(directory: Path) -> str:
    """Empty when `directory` exists and takes files, or could be made; else why not."""
    if directory.exists():
        return _writable(directory) if directory.is_dir() else "not a directory"
    parent = directory.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return _writable(parent) if parent.is_dir() else f"{parent} is not a directory"


def check_files(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """E040–E041: the data directory takes files; the uploads directory exists or can."""
    messages: list[CheckMessage] = []
    data_dir = Path(settings.DATA_DIR)
    problem = _writable(data_dir) if data_dir.is_dir() else "does not exist / bestaat niet"
    if problem:
        messages.append(
            error(
                "E040",
                f"De datamap {data_dir} (ORANJE_DATA_DIR) is niet schrijfbaar: {problem}.",
                f"The data directory {data_dir} (ORANJE_DATA_DIR) is not writable: {problem}.",
                fix_nl=f"Maak de map en geef hem aan de oranje-gebruiker: `install -d -o oranje "
                f"-g oranje -m 0750 {data_dir}`, of zet ORANJE_DATA_DIR op een schrijfbare map.",
                fix_en=f"Create the directory and give it to the oranje user: `install -d -o "
                f"oranje -g oranje -m 0750 {data_dir}`, or point ORANJE_DATA_DIR at a "
                "writable directory.",
            )
        )
    media = Path(settings.MEDIA_ROOT)
    problem = _creatable(media)
    if problem:
        messages.append(
            error(
                "E041",
                f"De map voor bijlagen {media} (ORANJE_DATA_DIR/media) bestaat niet en kan "
                f"niet gemaakt worden, of is niet schrijfbaar: {problem}. Bijlagen bij het "
                "logboek kunnen niet worden opgeslagen.",
                f"The attachments directory {media} (ORANJE_DATA_DIR/media) does not exist "
                f"and cannot be created, or is not writable: {problem}. Logbook attachments "
                "cannot be stored.",
                fix_nl=f"`install -d -o oranje -g oranje -m 0750 {media}`",
                fix_en=f"`install -d -o oranje -g oranje -m 0750 {media}`",
            )
        )
    return messages


def check_backups(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """W040–W041: a backup in ORANJE_BACKUP_DIR younger than BACKUP_MAX_AGE."""
    backup_dir = Path(settings.BACKUP_DIR)
    try:
        found = [path for path in backup_dir.glob(BACKUP_PATTERN) if path.is_file()]
    except OSError:
        found = []
    fix_nl = (
        "Maak nu een back-up met `oranje backup` en zet de dagelijkse timer aan: "
        "`systemctl enable --now oranje-backup.timer` (of wijs ORANJE_BACKUP_DIR naar de map "
        "waar de back-ups staan)."
    )
    fix_en = (
        "Take a backup now with `oranje backup` and switch the daily timer on: "
        "`systemctl enable --now oranje-backup.timer` (or point ORANJE_BACKUP_DIR at the "
        "directory that holds the backups)."
    )
    if not found:
        return [
            warning(
                "W040",
                f"Er staat geen back-up ({BACKUP_PATTERN}) in {backup_dir} (ORANJE_BACKUP_DIR).",
                f"There is no backup ({BACKUP_PATTERN}) in {backup_dir} (ORANJE_BACKUP_DIR).",
                fix_nl=fix_nl,
                fix_en=fix_en,
            )
        ]
    newest = max(found, key=lambda path: path.stat().st_mtime)
    made = dt.datetime.fromtimestamp(newest.stat().st_mtime, tz=dt.UTC)
    age = timezone.now() - made
    if age <= BACKUP_MAX_AGE:
        return []
    hours = int(age.total_seconds() // 3600)
    return [
        warning(
            "W041",
            f"De nieuwste back-up in {backup_dir} ({newest.name}) is {hours} uur oud; "
            f"er hoort er minstens elke {int(BACKUP_MAX_AGE.total_seconds() // 3600)} uur "
            "een bij te komen.",
            f"The newest backup in {backup_dir} ({newest.name}) is {hours} hours old; one "
            f"should be added at least every {int(BACKUP_MAX_AGE.total_seconds() // 3600)} "
            "hours.",
            fix_nl=fix_nl + " Waarom de timer stopte: `journalctl -u oranje-backup`.",
            fix_en=fix_en + " Why the timer stopped: `journalctl -u oranje-backup`.",
        )
    ]
