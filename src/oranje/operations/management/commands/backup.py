import argparse
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from oranje.operations.backup import BackupError, backup_create, backups_prune


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"a whole number of at least 1, got {text!r}")
    return value


def human_size(size: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.1f} {unit}" if unit != "B" else f"{size} B"
        size /= 1000  # type: ignore[assignment]
    return f"{size} B"


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the uploaded files: one file "
        "oranje-backup-<UTC time>.tar with a .sha256 beside it, in --output "
        "(default ORANJE_BACKUP_DIR). Safe while Oranje runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="folder for the backup (default: ORANJE_BACKUP_DIR)",
        )
        parser.add_argument(
            "--keep", type=_positive, default=None, help="afterwards keep only the newest N backups"
        )
        parser.add_argument(
            "--database", default="default", help="database alias (default: default)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(output=options["output"], database=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                f"Back-up mislukt: {exc} (schijf vol of geen schrijfrecht?) / "
                f"Backup failed: {exc} (disk full or no write permission?)"
            ) from exc
        self.stdout.write(
            f"Back-up geschreven / Backup written: {result.path} "
            f"({human_size(result.size)}, {result.seconds:.1f} s; "
            f"{result.media.files} bestanden / files)"
        )
        for skipped in result.media.skipped:
            self.stderr.write(
                f"Overgeslagen (geen gewoon bestand) / Skipped (not a regular file): {skipped}"
            )
        if options["keep"]:
            directory = (options["output"] or Path(settings.BACKUP_DIR)).resolve()
            removed, future = backups_prune(
                directory=directory, keep=options["keep"], written=result.path.resolve()
            )
            self.stdout.write(
                f"Oude back-ups verwijderd / Old backups removed: {len(removed)} "
                f"(bewaard / kept: de nieuwste / the newest {options['keep']})"
            )
            for path in future:
                self.stderr.write(
                    f"Let op: {path.name} draagt een datum in de toekomst; niet meegeteld en "
                    "niet verwijderd. Wie heeft dit bestand hier gezet? / Warning: "
                    f"{path.name} is dated in the future; not counted and not removed. "
                    "Who put this file here?"
                )
