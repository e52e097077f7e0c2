"""The uploaded files (MEDIA_ROOT) as `media.tar.gz`, and their safe way back.

A restore trusts nothing in the archive: a member with an absolute path, a `..`, a link or
a device is refused before anything is written, so a crafted backup cannot reach outside
MEDIA_ROOT."""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from oranje.operations.backup import errors
from oranje.operations.backup.archive import open_private


@dataclass(frozen=True)
class MediaSummary:
    files: int
    bytes: int
    skipped: tuple[str, ...] = ()


def pack(media_root: Path, target: Path) -> MediaSummary:
    """Every directory and regular file under `media_root`, with paths relative to it.
    Links and special files are left out (and reported): an upload is never one."""
    files = size = 0
    skipped: list[str] = []
    with (
        open_private(target) as raw,
        tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT, compresslevel=6) as tar,
    ):
        if media_root.is_dir():
            for folder, dirnames, filenames in os.walk(media_root):
                dirnames.sort()
                base = Path(folder)
                for name in [*dirnames, *sorted(filenames)]:
                    path = base / name
                    relative = path.relative_to(media_root).as_posix()
                    mode = path.lstat().st_mode
                    if stat.S_ISDIR(mode):
                        tar.add(path, arcname=relative, recursive=False)
                    elif stat.S_ISREG(mode):
                        tar.add(path, arcname=relative, recursive=False)
                        files += 1
                        size += path.lstat().st_size
                    else:
                        skipped.append(relative)
    return MediaSummary(files, size, tuple(skipped))


def _refusal(member: tarfile.TarInfo) -> tuple[str, str] | None:
    name = PurePosixPath(member.name)
    if name.is_absolute() or member.name.startswith(("/", "\\")):
        return "een absoluut pad", "an absolute path"
    if ".." in name.parts or "\\" in member.name:
        return "een pad buiten de map (..)", "a path outside the folder (..)"
    if member.issym() or member.islnk():
        return "een koppeling (link)", "a link"
    if not (member.isfile() or member.isdir()):
        return "een apparaat of speciaal bestand", "a device or special file"
    return None


def check(archive: Path) -> MediaSummary:
    """Read the whole media archive and refuse it on the first unsafe member."""
    files = size = 0
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                problem = _refusal(member)
                if problem is not None:
                    raise errors.unsafe_media(member.name, *problem)
                if member.isfile():
                    files += 1
                    size += member.size
    except (tarfile.TarError, EOFError) as exc:
        raise errors.damaged(archive.name, f"onleesbaar ({exc})", f"unreadable ({exc})") from exc
    return MediaSummary(files, size)


def has_files(media_root: Path) -> bool:
    return media_root.is_dir() and any(
        filenames for _folder, _dirs, filenames in os.walk(media_root)
    )


def restore(archive: Path, media_root: Path) -> MediaSummary:
    """Replace MEDIA_ROOT's content by the archive's (checked again here, then unpacked with
    tarfile's own `data` filter as a second guard) into a folder beside it first, so an
    archive that fails to unpack leaves the old files in place."""
    summary = check(archive)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=media_root.parent))
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            tar.extractall(staging, filter="data")
        for child in list(media_root.iterdir()):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in list(staging.iterdir()):
            shutil.move(str(child), media_root / child.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary
