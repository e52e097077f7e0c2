"""What can stop a backup or a restore, said to the operator in Dutch and then in English.

Each message names what is wrong and what to do about it; tests assert on these builders
rather than on copied text.
"""

from __future__ import annotations


class BackupError(Exception):
    """A backup or restore that cannot go on. Nothing has been changed when it is raised
    before the restore's first write (every check runs before that)."""

    def __init__(self, dutch: str, english: str) -> None:
        super().__init__(f"{dutch} / {english}")
        self.dutch = dutch
        self.english = english


def damaged(part: str, problem_nl: str, problem_en: str) -> BackupError:
    return BackupError(
        f"Back-up beschadigd: {part}: {problem_nl}; gebruik een andere kopie",
        f"Backup damaged: {part}: {problem_en}; use another copy",
    )


def newer(made_by: str, here: str, detail: str) -> BackupError:
    return BackupError(
        f"Back-up gemaakt met een nieuwere versie ({made_by}) dan deze installatie ({here}); "
        f"werk Oranje eerst bij ({detail})",
        f"Backup made by a newer version ({made_by}) than this installation ({here}); "
        f"upgrade Oranje first ({detail})",
    )


def other_vendor(backup_vendor: str, target_vendor: str) -> BackupError:
    return BackupError(
        f"Deze back-up is van een {backup_vendor}-database en kan niet in {target_vendor} "
        f"worden teruggezet; laat DATABASE_URL naar een {backup_vendor}-database wijzen",
        f"This backup is of a {backup_vendor} database and cannot be restored into "
        f"{target_vendor}; point DATABASE_URL at a {backup_vendor} database",
    )


def not_empty(what_nl: str, what_en: str) -> BackupError:
    return BackupError(
        f"De doeldatabase is niet leeg ({what_nl}); zet terug in een lege database, of gebruik "
        "--force om alles wat er staat te vervangen",
        f"The target is not empty ({what_en}); restore into an empty database, or use --force "
        "to replace everything in it",
    )


def tool_missing(tool: str) -> BackupError:
    return BackupError(
        f"{tool} niet gevonden; installeer de PostgreSQL-clientprogramma's "
        "(Debian: apt install postgresql-client) of zet ze in PATH",
        f"{tool} not found; install the PostgreSQL client programs "
        "(Debian: apt install postgresql-client) or put them on PATH",
    )


def tool_too_old(
    tool: str, tool_major: int, needed_major: int, why_nl: str, why_en: str
) -> BackupError:
    return BackupError(
        f"{tool} {tool_major} is ouder dan {why_nl} ({needed_major}); installeer "
        f"postgresql-client-{needed_major} of nieuwer",
        f"{tool} {tool_major} is older than {why_en} ({needed_major}); install "
        f"postgresql-client-{needed_major} or newer",
    )


def tool_failed(tool: str, detail: str) -> BackupError:
    return BackupError(
        f"{tool} is mislukt: {detail}",
        f"{tool} failed: {detail}",
    )


def unsafe_media(member: str, problem_nl: str, problem_en: str) -> BackupError:
    return BackupError(
        f"Back-up geweigerd: media.tar.gz bevat {member!r}, {problem_nl}; er is niets teruggezet",
        f"Backup refused: media.tar.gz holds {member!r}, {problem_en}; nothing was restored",
    )
