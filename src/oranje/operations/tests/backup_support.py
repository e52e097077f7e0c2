"""Helpers for the backup tests: a second, empty database to restore into, and a way to
rewrite a backup file (to damage it on purpose) with valid checksums."""

from __future__ import annotations

import copy
import io
import json
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.utils import load_backend

from oranje.operations.backup import archive

RESTORED = "restored"


@contextmanager
def empty_database(directory: Path, alias: str = RESTORED) -> Iterator[str]:
    """A new, empty database under `alias` beside the test database: a new file on SQLite,
    a new database on PostgreSQL (created here and dropped afterwards)."""
    default = connections["default"]
    settings_dict = copy.deepcopy(default.settings_dict)
    if default.vendor == "postgresql":
        settings_dict["NAME"] = f"{default.settings_dict['NAME']}_{alias}"
        with default.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {settings_dict['NAME']} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {settings_dict['NAME']}")
    else:
        settings_dict["NAME"] = str(directory / f"{alias}.sqlite3")
    # A connection of this thread only, outside settings.DATABASES: Django's test case lets
    # such a connection through, and no other test sees it.
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    connections[alias] = wrapper
    try:
        yield alias
    finally:
        wrapper.close()
        del connections[alias]
        if default.vendor == "postgresql":
            with default.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {settings_dict['NAME']} WITH (FORCE)")


def only_backup(directory: Path) -> Path:
    found = sorted(directory.glob("oranje-backup-*.tar"))
    assert len(found) == 1, found
    return found[0]


def repack(
    source: Path,
    target_dir: Path,
    *,
    manifest: Callable[[dict[str, Any]], None] = lambda manifest: None,
    members: dict[str, bytes] | None = None,
) -> Path:
    """A copy of `source` in `target_dir` with the manifest changed by `manifest` and members
    replaced by `members`, every checksum recomputed: it passes the checksum checks, so a
    test reaches the check behind them."""
    target_dir.mkdir(parents=True, exist_ok=True)
    work = target_dir / "work"
    work.mkdir()
    with tarfile.open(source) as tar:
        content = json.loads(tar.extractfile(archive.MANIFEST).read())  # type: ignore[union-attr]
        files: dict[str, Path] = {}
        for name in content["members"]:
            files[name] = work / name
            files[name].write_bytes(tar.extractfile(name).read())  # type: ignore[union-attr]
    for name, body in (members or {}).items():
        files[name].write_bytes(body)
    content["members"] = {name: vars(archive.file_digest(path)) for name, path in files.items()}
    manifest(content)
    target = target_dir / source.name
    digest = archive.write_tar(target, content, files)
    archive.write_checksum_file(target, digest, work / "checksum")
    return target


def media_archive(entries: list[tarfile.TarInfo]) -> bytes:
    """A media.tar.gz holding exactly `entries` (regular files get a few bytes)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for info in entries:
            if info.isfile():
                body = b"not yours"
                info.size = len(body)
                tar.addfile(info, io.BytesIO(body))
            else:
                tar.addfile(info)
    return buffer.getvalue()
