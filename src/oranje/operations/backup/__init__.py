"""Backup and restore (issue 18): `oranje backup` and `oranje restore`.

A backup is one tar file (manifest, database, uploaded files) with a detached sha256; see
docs/operations.md, "Backup and restore"."""

from oranje.operations.backup.create import BackupResult, backup_create, backups_prune
from oranje.operations.backup.errors import BackupError
from oranje.operations.backup.restore import RestoreResult, backup_restore

__all__ = [
    "BackupError",
    "BackupResult",
    "RestoreResult",
    "backup_create",
    "backup_restore",
    "backups_prune",
]
