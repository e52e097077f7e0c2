"""`oranje backup`: one consistent, timestamped, checksummed file of the database and the
uploaded files."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import re
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

from oranje.operations.backup import archive, errors, media, postgres, sqlite

NAME_PATTERN = re.compile(r"^oranje-backup-\d{8}T\d{6}Z\.tar$")
_TEMPORARY_PREFIX = ".oranje-backup-"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    seconds: float
    moment: dt.datetime
    media: media.MediaSummary


def oranje_version() -> str:
    try:
        return importlib.metadata.version("oranje")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def prepare_directory(directory: Path) -> None:
    """A folder made 0700 when it has to be created; an existing one keeps its mode (the
    install gives the backup folder 0750 for the oranje group)."""
    if not directory.exists():
        directory.mkdir(parents=True)
        directory.chmod(0o700)
    if not directory.is_dir():
        raise errors.BackupError(
            f"{directory} is geen map; kies met --output of ORANJE_BACKUP_DIR een map",
            f"{directory} is not a directory; choose one with --output or ORANJE_BACKUP_DIR",
        )


def backup_create(*, output: Path | None = None, database: str = "default") -> BackupResult:
    """Write `oranje-backup-<UTC time>.tar` and its `.sha256` into `output`.

    Everything is written inside a hidden temporary folder and renamed into place only when
    complete and fsynced, so a killed backup never leaves a file that looks complete. The
    file's time (and the manifest's `created_at`) is the moment just before the database
    snapshot began: every write acknowledged before it is in the backup."""
    started = time.monotonic()
    directory = (output or Path(settings.BACKUP_DIR)).resolve()
    prepare_directory(directory)
    connection = connections[database]
    workdir = Path(tempfile.mkdtemp(prefix=_TEMPORARY_PREFIX, dir=directory))
    try:
        moment = dt.datetime.now(dt.UTC)
        db_info: dict[str, Any] = {"vendor": connection.vendor}
        if connection.vendor == "sqlite":
            member = archive.SQLITE_MEMBER
            migrations = sqlite.dump(connection, workdir / member, workdir)
        elif connection.vendor == "postgresql":
            member = archive.POSTGRES_MEMBER
            migrations = postgres.applied_migrations(connection)
            db_info |= postgres.dump(connection, workdir / member)
        else:
            raise errors.BackupError(
                f"Database {connection.vendor} wordt niet ondersteund; gebruik PostgreSQL of "
                "SQLite",
                f"Database {connection.vendor} is not supported; use PostgreSQL or SQLite",
            )
        db_info["member"] = member
        # After the database: every file the snapshot refers to already exists (an upload is
        # stored before its row commits), so the copy of the files is never behind it.
        media_summary = media.pack(Path(settings.MEDIA_ROOT), workdir / archive.MEDIA_MEMBER)
        members = {member: workdir / member, archive.MEDIA_MEMBER: workdir / archive.MEDIA_MEMBER}
        by_app: dict[str, list[str]] = defaultdict(list)
        for app, name in migrations:
            by_app[app].append(name)
        manifest = {
            "format": archive.FORMAT_VERSION,
            "oranje_version": oranje_version(),
            "created_at": moment.isoformat(),
            "database": db_info,
            "migrations": dict(by_app),
            "media": {"files": media_summary.files, "bytes": media_summary.bytes},
            "members": {name: vars(archive.file_digest(path)) for name, path in members.items()},
        }
        final = directory / f"oranje-backup-{moment:%Y%m%dT%H%M%SZ}.tar"
        if final.exists():
            raise errors.BackupError(
                f"{final.name} bestaat al (twee back-ups in dezelfde seconde); probeer opnieuw",
                f"{final.name} already exists (two backups in the same second); try again",
            )
        partial = workdir / final.name
        digest = archive.write_tar(partial, manifest, members)
        archive.write_checksum_file(final, digest, workdir / "checksum")
        partial.replace(final)
        archive.fsync_directory(directory)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return BackupResult(
        path=final,
        size=digest.size,
        seconds=time.monotonic() - started,
        moment=moment,
        media=media_summary,
    )


def _moment(path: Path) -> dt.datetime:
    return dt.datetime.strptime(
        path.name[len("oranje-backup-") : -len(".tar")], "%Y%m%dT%H%M%SZ"
    ).replace(tzinfo=dt.UTC)


def backups_prune(
    *, directory: Path, keep: int, written: Path | None = None
) -> tuple[list[Path], list[Path]]:
    """Remove all but the newest `keep` backups (and their checksum files) in `directory`;
    also the temporary folders of backups that were killed more than a day ago. Returns
    (removed, future): `future` are names dated more than a day ahead, which are neither
    counted nor removed — a planted `oranje-backup-99991231T…` must not push the real
    backups out. Only a backup with its checksum file beside it counts, and the one just
    `written` is never removed."""
    ahead = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=1)
    found, future = [], []
    for path in directory.iterdir():
        if not NAME_PATTERN.match(path.name):
            continue
        try:
            moment = _moment(path)
        except ValueError:  # matches the pattern but is no date (month 13)
            continue
        if moment > ahead:
            future.append(path)
        elif path.with_name(path.name + archive.CHECKSUM_SUFFIX).exists() or path == written:
            found.append((moment, path))
    found.sort(reverse=True)
    newest = [path for _moment_, path in found]
    if written is not None and written in newest[keep:]:
        newest.remove(written)
        newest.insert(0, written)
    removed = []
    for path in newest[keep:]:
        path.with_name(path.name + archive.CHECKSUM_SUFFIX).unlink(missing_ok=True)
        path.unlink()
        removed.append(path)
    day_ago = time.time() - 86400
    for path in directory.glob(_TEMPORARY_PREFIX + "*"):
        if path.is_dir() and path.stat().st_mtime < day_ago:
            shutil.rmtree(path, ignore_errors=True)
    return removed, sorted(future)
