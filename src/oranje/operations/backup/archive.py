"""The backup file: one plain tar holding `manifest.json` first, then the database and the
uploaded files, beside a detached `<file>.sha256` in `sha256sum` format.

The manifest lists the sha256 and size of every other member, so a restore can name the
damaged part; the detached checksum covers the whole file, manifest included, and lets an
operator check a copy with `sha256sum -c` on a machine without Oranje.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from oranje.operations.backup import errors

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3.gz"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_MEMBER = "media.tar.gz"
KNOWN_MEMBERS = {SQLITE_MEMBER, POSTGRES_MEMBER, MEDIA_MEMBER}
CHECKSUM_SUFFIX = ".sha256"
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Digest:
    sha256: str
    size: int


def file_digest(path: Path) -> Digest:
    hasher = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            hasher.update(chunk)
            size += len(chunk)
    return Digest(hasher.hexdigest(), size)


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` survive a power cut."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_private(path: Path) -> IO[bytes]:
    """A new file only its owner can read (a backup holds every person in the system)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")


def write_tar(target: Path, manifest: dict[str, Any], members: dict[str, Path]) -> Digest:
    """Write the manifest and `members` (name → file) into a new tar at `target`, fsynced.
    Returns the digest of the whole file."""
    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
    now = time.time()
    with open_private(target) as raw:
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(body), 0o600, int(now)
            tar.addfile(info, io.BytesIO(body))
            for name, path in members.items():
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = path.stat().st_size, 0o600, int(now)
                with path.open("rb") as stream:
                    tar.addfile(info, stream)
        raw.flush()
        os.fsync(raw.fileno())
    return file_digest(target)


def write_checksum_file(tar_path: Path, digest: Digest, temporary: Path) -> Path:
    """`<tar>.sha256` as `sha256sum` writes it (name relative to its directory), written
    under `temporary` and renamed, so `sha256sum -c` works where the two files lie."""
    final = tar_path.with_name(tar_path.name + CHECKSUM_SUFFIX)
    with open_private(temporary) as stream:
        stream.write(f"{digest.sha256}  {tar_path.name}\n".encode())
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(final)
    return final


def verify_checksum_file(tar_path: Path) -> None:
    """The whole file against its detached checksum; raises a `BackupError` naming the
    problem (a missing or unreadable checksum file counts: nothing vouches for the file)."""
    checksum_path = tar_path.with_name(tar_path.name + CHECKSUM_SUFFIX)
    try:
        line = checksum_path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise errors.BackupError(
            f"Controlebestand {checksum_path.name} ontbreekt naast de back-up; kopieer het "
            "altijd mee (het hoort bij het .tar-bestand)",
            f"Checksum file {checksum_path.name} is missing beside the backup; always copy it "
            "along (it belongs to the .tar file)",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise errors.damaged(checksum_path.name, str(exc), str(exc)) from exc
    expected = line.split()[0] if line else ""
    if len(expected) != 64:
        raise errors.damaged(checksum_path.name, "geen sha256-regel", "not a sha256 line")
    if file_digest(tar_path).sha256 != expected.lower():
        raise errors.damaged(
            tar_path.name,
            "de controlesom klopt niet met " + checksum_path.name,
            "its checksum does not match " + checksum_path.name,
        )


_MANIFEST_FIELDS: dict[str, type] = {
    "format": int,
    "oranje_version": str,
    "created_at": str,
    "database": dict,
    "migrations": dict,
    "members": dict,
}


def _check_manifest(manifest: object) -> dict[str, Any]:
    if not isinstance(manifest, dict):
        raise errors.damaged(MANIFEST, "geen JSON-object", "not a JSON object")
    for field, kind in _MANIFEST_FIELDS.items():
        if not isinstance(manifest.get(field), kind):
            raise errors.damaged(
                MANIFEST,
                f"veld {field!r} ontbreekt of is ongeldig",
                f"field {field!r} missing or invalid",
            )
    if not isinstance(manifest["database"].get("vendor"), str):
        raise errors.damaged(MANIFEST, "database.vendor ontbreekt", "database.vendor missing")
    for name, entry in manifest["members"].items():
        if name not in KNOWN_MEMBERS or not isinstance(entry, dict):
            raise errors.damaged(
                MANIFEST, f"onbekend onderdeel {name!r}", f"unknown member {name!r}"
            )
        if not isinstance(entry.get("sha256"), str) or not isinstance(entry.get("size"), int):
            raise errors.damaged(MANIFEST, f"{name}: geen sha256/size", f"{name}: no sha256/size")
    return manifest


def _copy_hashing(source: IO[bytes], target: Path) -> Digest:
    hasher = hashlib.sha256()
    size = 0
    with open_private(target) as out:
        while chunk := source.read(_CHUNK):
            hasher.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Digest(hasher.hexdigest(), size)


def unpack_verified(tar_path: Path, workdir: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """Read the manifest and copy every member into `workdir`, checking each against the
    manifest's sha256 and size. Returns the manifest and the extracted files by name."""
    extracted: dict[str, Path] = {}
    try:
        with tarfile.open(tar_path, mode="r:") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise errors.damaged(MANIFEST, "niet gevonden", "not found")
            stream = tar.extractfile(first)
            assert stream is not None  # a regular file always has one
            try:
                manifest = _check_manifest(json.loads(stream.read()))
            except (ValueError, UnicodeDecodeError) as exc:
                raise errors.damaged(MANIFEST, "geen geldige JSON", "not valid JSON") from exc
            listed = manifest["members"]
            for member in tar:  # iterates from the start again: the manifest comes first
                if member is first:
                    continue
                if member.name not in listed or not member.isfile():
                    raise errors.damaged(
                        member.name, "staat niet in het manifest", "not listed in the manifest"
                    )
                if member.name in extracted:
                    raise errors.damaged(member.name, "komt twee keer voor", "appears twice")
                source = tar.extractfile(member)
                assert source is not None
                target = workdir / member.name
                digest = _copy_hashing(source, target)
                expected = listed[member.name]
                if digest != Digest(expected["sha256"], expected["size"]):
                    raise errors.damaged(
                        member.name,
                        "de inhoud klopt niet met de controlesom in het manifest",
                        "its content does not match the checksum in the manifest",
                    )
                extracted[member.name] = target
    except (tarfile.TarError, EOFError) as exc:
        # A truncated or garbled tar; a full disk in `workdir` is an OSError and says so.
        raise errors.damaged(tar_path.name, f"onleesbaar ({exc})", f"unreadable ({exc})") from exc
    missing = sorted(set(manifest["members"]) - set(extracted))
    if missing:
        raise errors.damaged(
            ", ".join(missing), "ontbreekt in het archief", "missing from the archive"
        )
    return manifest, extracted
