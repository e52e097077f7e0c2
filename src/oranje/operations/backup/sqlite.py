"""SQLite: a snapshot through the online backup API, taken while the application goes on
writing (WAL lets the copy read one consistent state while writers commit), gzip-compressed."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

from oranje.operations.backup import errors
from oranje.operations.backup.archive import open_private

# How long a copy waits for a lock another connection holds before it gives up. Python's
# backup loop itself would wait for ever.
LOCK_WAIT_SECONDS = 60


class _LockedTooLong(Exception):
    pass


def _give_up_after(seconds: float) -> Callable[[int, int, int], None]:
    """A progress callback for `Connection.backup` that ends a copy stuck on a lock."""
    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _LockedTooLong(f"database locked for more than {seconds:.0f} s")

    return progress


def _raw(connection: BaseDatabaseWrapper) -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def dump(connection: BaseDatabaseWrapper, target: Path, workdir: Path) -> list[tuple[str, str]]:
    """Copy the database into `target` (gzip) and return the applied migrations of that
    copy as (app, name) pairs, so the manifest describes exactly what was copied.

    The copy is one backup step (`pages=-1`): it reads the whole database inside one read
    transaction, so it is the state of one moment. Stepwise copying would restart on every
    write by another connection and might never finish on a busy system."""
    snapshot = workdir / "database.sqlite3"
    copy = sqlite3.connect(snapshot)
    try:
        try:
            _raw(connection).backup(copy, pages=-1, progress=_give_up_after(LOCK_WAIT_SECONDS))
        except (sqlite3.OperationalError, _LockedTooLong) as exc:
            raise errors.BackupError(
                f"De database kon niet worden gelezen ({exc}); probeer het opnieuw",
                f"Could not read the database ({exc}); try again",
            ) from exc
        # A file of its own: no -wal beside it that a restore would have to carry along.
        copy.execute("PRAGMA journal_mode=DELETE")
        migrations = (
            copy.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
            if _has_migrations(copy)
            else []
        )
    finally:
        copy.close()
    with (
        snapshot.open("rb") as source,
        open_private(target) as raw_out,
        gzip.GzipFile(fileobj=raw_out, mode="wb", compresslevel=6, mtime=0) as out,
    ):
        shutil.copyfileobj(source, out, 1024 * 1024)
    snapshot.unlink()
    return [(str(app), str(name)) for app, name in migrations]


def _has_migrations(db: sqlite3.Connection) -> bool:
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
    ).fetchone()
    return row is not None


def load(connection: BaseDatabaseWrapper, source: Path, workdir: Path) -> None:
    """Replace the target database's whole content with the backup's copy, through the
    backup API (so the target keeps its own file, permissions and journal mode)."""
    restored = workdir / "restore.sqlite3"
    try:
        with gzip.open(source, "rb") as packed, open_private(restored) as out:
            shutil.copyfileobj(packed, out, 1024 * 1024)
    except (OSError, EOFError) as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            raise  # the disk, not the backup
        raise errors.damaged(
            source.name, f"geen geldige gzip ({exc})", f"not valid gzip ({exc})"
        ) from exc
    copy = sqlite3.connect(restored)
    try:
        try:
            verdict = copy.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise errors.damaged(
                source.name, f"geen SQLite-database ({exc})", f"not an SQLite database ({exc})"
            ) from exc
        if verdict is None or verdict[0] != "ok":
            raise errors.damaged(
                source.name, "de database is inconsistent", "the database is inconsistent"
            )
        try:
            copy.backup(_raw(connection), pages=-1, progress=_give_up_after(LOCK_WAIT_SECONDS))
        except (sqlite3.OperationalError, _LockedTooLong) as exc:
            raise errors.BackupError(
                f"De doeldatabase kon niet worden beschreven ({exc}); stop Oranje (gunicorn en "
                "worker) tijdens het terugzetten",
                f"Could not write the target database ({exc}); stop Oranje (gunicorn and "
                "worker) while restoring",
            ) from exc
    finally:
        copy.close()
    restored.unlink()
