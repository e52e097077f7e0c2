"""`oranje restore`: a fresh installation back from a backup file.

Every check runs before the first write: the checksums, the version, the database vendor
and whether the target is empty. Only then is anything replaced."""

from __future__ import annotations

import io
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

from oranje.operations.backup import archive, errors, media, postgres, sqlite
from oranje.operations.backup.create import oranje_version, prepare_directory

_VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class RestoreResult:
    created_at: str
    oranje_version: str
    tables: int
    rows: int
    migrations_applied: int
    media: media.MediaSummary


def _known_migrations() -> set[tuple[str, str]]:
    """Every migration this installation has on disk, and those its squashed ones replace."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update((app, name) for app, name in migration.replaces)
    return known


def _refuse_newer(manifest: dict[str, Any]) -> None:
    made_by, here = manifest["oranje_version"], oranje_version()
    if manifest["format"] > archive.FORMAT_VERSION:
        raise errors.newer(
            made_by,
            here,
            f"archiefformaat {manifest['format']} / format {manifest['format']}",
        )
    known = _known_migrations()
    for app, names in sorted(manifest["migrations"].items()):
        for name in names if isinstance(names, list) else []:
            if (app, name) not in known:
                raise errors.newer(made_by, here, f"migratie / migration {app}.{name}")


def _occupied(connection: BaseDatabaseWrapper) -> tuple[str, str] | None:
    """What makes the target non-empty, or None: applied migrations or any row in any
    table of an installed model."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if "django_migrations" in tables:
            cursor.execute("SELECT COUNT(*) FROM django_migrations")
            (count,) = cursor.fetchone()
            if count:
                return f"{count} migraties toegepast", f"{count} migrations applied"
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return f"rijen in {table}", f"rows in {table}"
    return None


def _counts(connection: BaseDatabaseWrapper) -> tuple[int, int]:
    rows = 0
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += cursor.fetchone()[0]
    return len(tables), rows


def _applied_count(connection: BaseDatabaseWrapper) -> int:
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        return int(cursor.fetchone()[0])


def _workspace() -> Path:
    """Room for the unpacked backup: beside the backups (the oranje user's own, private
    folder, usually larger than a memory-backed /tmp), else the system's temporary folder."""
    backup_dir = Path(settings.BACKUP_DIR)
    try:
        prepare_directory(backup_dir)
        return Path(tempfile.mkdtemp(prefix=".oranje-restore-", dir=backup_dir))
    except (OSError, errors.BackupError):
        return Path(tempfile.mkdtemp(prefix="oranje-restore-"))


def backup_restore(*, path: Path, force: bool = False, database: str = "default") -> RestoreResult:
    """Verify `path` completely, then replace the target database and MEDIA_ROOT with its
    content and migrate it to this version. Refused (nothing changed) when the file is
    damaged, newer than this installation, of another database vendor, or when the target
    holds data and `force` is not given."""
    if not path.is_file():
        raise errors.BackupError(
            f"Back-upbestand {path} niet gevonden", f"Backup file {path} not found"
        )
    if not hasattr(tarfile, "data_filter"):
        # The uploaded files are unpacked with tarfile's `data` filter (Python 3.11.4 and
        # later, and distributions' backports): refuse before anything is replaced.
        raise errors.BackupError(
            "Deze Python kent tarfile's 'data'-filter niet; werk Python bij (3.11.4 of nieuwer)",
            "This Python lacks tarfile's 'data' filter; upgrade Python (3.11.4 or later)",
        )
    archive.verify_checksum_file(path)
    connection = connections[database]
    media_root = Path(settings.MEDIA_ROOT)
    workdir = _workspace()
    try:
        manifest, files = archive.unpack_verified(path, workdir)
        _refuse_newer(manifest)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise errors.other_vendor(
                _VENDOR_NAMES.get(vendor, vendor),
                _VENDOR_NAMES.get(connection.vendor, connection.vendor),
            )
        member = manifest["database"].get("member")
        if member not in files:
            raise errors.damaged(
                archive.MANIFEST, "database.member ontbreekt", "database.member missing"
            )
        media_archive = files.get(archive.MEDIA_MEMBER)
        if media_archive is not None:
            media.check(media_archive)
        restore_tool = (
            postgres.check_restore_tool(manifest["database"]) if vendor == "postgresql" else ""
        )
        occupied = _occupied(connection)
        if occupied is None and media.has_files(media_root):
            occupied = f"bestanden in {media_root}", f"files in {media_root}"
        if occupied is not None and not force:
            raise errors.not_empty(*occupied)

        if vendor == "postgresql":
            if occupied is not None:
                postgres.empty_schema(connection)
            postgres.load(connection, files[member], restore_tool)
        else:
            # The backup API replaces the whole file's content: nothing to empty first.
            sqlite.load(connection, files[member], workdir)
        media_summary = (
            media.restore(media_archive, media_root) if media_archive else media.MediaSummary(0, 0)
        )
        before = _applied_count(connection)
        # A backup of an older version is brought up to this one.
        call_command(
            "migrate", database=database, interactive=False, verbosity=0, stdout=io.StringIO()
        )
        applied = _applied_count(connection) - before
        tables, rows = _counts(connection)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return RestoreResult(
        created_at=manifest["created_at"],
        oranje_version=manifest["oranje_version"],
        tables=tables,
        rows=rows,
        migrations_applied=applied,
        media=media_summary,
    )
