from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oranje.operations.backup import BackupError, backup_restore
from oranje.operations.management.commands.backup import human_size


class Command(BaseCommand):
    help = (
        "Bring this installation back from a file written by `oranje backup`: checks the "
        "checksums and the version, loads the database and the uploaded files, then "
        "migrates. Refuses a database that is not empty unless --force is given. Stop "
        "gunicorn and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="oranje-backup-….tar (its .sha256 beside it)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace everything in a database (and MEDIA_ROOT) that is not empty",
        )
        parser.add_argument(
            "--database", default="default", help="database alias (default: default)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(
                path=options["file"], force=options["force"], database=options["database"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                f"Terugzetten mislukt: {exc} (schijf vol of geen recht?) / "
                f"Restore failed: {exc} (disk full or no permission?)"
            ) from exc
        self.stdout.write(
            f"Teruggezet / Restored: back-up van / backup of {result.created_at} "
            f"(Oranje {result.oranje_version}): {result.tables} tabellen / tables, "
            f"{result.rows} rijen / rows; {result.media.files} bestanden / files "
            f"({human_size(result.media.bytes)}); {result.migrations_applied} migraties "
            "bijgewerkt / migrations applied."
        )
