"""`oranje backup` and `oranje restore`: the round trip, and every way a restore refuses."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from oranje.core.models import AuditEntry, Municipality, User
from oranje.operations.backup import archive, postgres
from oranje.operations.tests.backup_support import (
    empty_database,
    media_archive,
    only_backup,
    repack,
)
from oranje.organisation.tests.factories import World

# A restore replaces the whole database, so the reference data must come back after it; and
# SQLite's backup API cannot copy a database while the test's own transaction writes to it.
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DB_MEMBER = archive.POSTGRES_MEMBER if connection.vendor == "postgresql" else archive.SQLITE_MEMBER


@pytest.fixture
def places(settings: object, tmp_path: Path) -> Path:
    """Uploads and backups in this test's own folders."""
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    settings.BACKUP_DIR = tmp_path / "backups"  # type: ignore[attr-defined]
    return tmp_path


def backup(output: Path, *extra: str) -> tuple[Path, str]:
    out = io.StringIO()
    call_command("backup", "--output", str(output), *extra, stdout=out)
    return only_backup(output) if not extra else output, out.getvalue()


def restore(path: Path, *extra: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *extra, stdout=out)
    return out.getvalue()


@transactional
def test_a_backup_comes_back_whole_in_a_new_database(
    world: World, places: Path, settings: object
) -> None:
    photo = places / "media" / "logbook" / "2026" / "12" / "foto.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8 a photo of the dike")
    path, printed = backup(places / "out")

    assert str(path) in printed and "Backup written" in printed
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((places / "out").stat().st_mode) == 0o700
    # The operator's own check works where the files lie.
    command = ["sha256sum", "-c", path.name + ".sha256"]
    checked = subprocess.run(command, cwd=path.parent, capture_output=True, text=True)  # noqa: S603
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with tarfile.open(path) as tar:
        assert tar.getnames() == [archive.MANIFEST, DB_MEMBER, archive.MEDIA_MEMBER]
        manifest = json.loads(tar.extractfile(archive.MANIFEST).read())  # type: ignore[union-attr]
    assert manifest["format"] == 1
    assert manifest["database"]["vendor"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["media"] == {"files": 1, "bytes": photo.stat().st_size}

    settings.MEDIA_ROOT = places / "new-media"  # type: ignore[attr-defined]
    with empty_database(places) as alias:
        printed = restore(path, "--database", alias)
        assert User.objects.using(alias).count() == User.objects.count() > 0
        assert Municipality.objects.using(alias).count() == Municipality.objects.count() > 300
        assert set(User.objects.using(alias).values_list("username", flat=True)) == set(
            User.objects.values_list("username", flat=True)
        )
    assert "Restored" in printed and "1 bestanden / files" in printed
    restored_photo = places / "new-media" / "logbook" / "2026" / "12" / "foto.jpg"
    assert restored_photo.read_bytes() == photo.read_bytes()


@transactional
def test_a_target_with_data_is_refused_and_replaced_with_force(world: World, places: Path) -> None:
    path, _ = backup(places / "out")
    AuditEntry.objects.create(action="after.backup", object_type="test", note="written after")

    with pytest.raises(CommandError, match=r"niet leeg.*migrations applied"):
        restore(path)
    assert AuditEntry.objects.filter(note="written after").exists()

    restore(path, "--force")
    assert not AuditEntry.objects.filter(note="written after").exists()
    assert User.objects.filter(pk=world.coordinator.pk).exists()


@transactional
def test_a_damaged_byte_is_refused_naming_the_part(places: Path) -> None:
    path, _ = backup(places / "out")
    with tarfile.open(path) as tar:
        offset = tar.getmember(DB_MEMBER).offset_data + 100
    body = bytearray(path.read_bytes())
    body[offset] ^= 0xFF
    path.write_bytes(bytes(body))

    with pytest.raises(CommandError, match=f"Backup damaged: {path.name}: its checksum"):
        restore(path, "--force")
    # With a detached checksum that vouches for the damage, the manifest still catches it.
    digest = archive.file_digest(path)
    Path(f"{path}.sha256").write_text(f"{digest.sha256}  {path.name}\n")
    with pytest.raises(CommandError, match=f"Back-up beschadigd: {DB_MEMBER}"):
        restore(path, "--force")
    os.remove(f"{path}.sha256")
    with pytest.raises(CommandError, match="sha256 ontbreekt"):
        restore(path, "--force")
    assert Municipality.objects.exists()  # nothing was touched


@transactional
def test_a_backup_of_a_newer_version_or_another_database_is_refused(places: Path) -> None:
    path, _ = backup(places / "out")

    def future(manifest: dict) -> None:
        manifest["oranje_version"] = "9.0.0"
        manifest["migrations"]["core"].append("9999_from_the_future")

    newer = repack(path, places / "newer", manifest=future)
    with pytest.raises(
        CommandError, match=r"nieuwere versie \(9\.0\.0\).*core\.9999_from_the_future"
    ):
        restore(newer, "--force")

    def new_format(manifest: dict) -> None:
        manifest["format"] = 2

    with pytest.raises(CommandError, match=r"newer version .*format 2"):
        restore(repack(path, places / "format", manifest=new_format), "--force")

    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def other_vendor(manifest: dict) -> None:
        manifest["database"]["vendor"] = other

    with pytest.raises(CommandError, match="cannot be restored into"):
        restore(repack(path, places / "vendor", manifest=other_vendor), "--force")


def _member(name: str, kind: bytes = tarfile.REGTYPE, target: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


UNSAFE_MEDIA = [
    (_member("../escaped.txt"), "a path outside the folder"),
    (_member("/tmp/escaped.txt"), "an absolute path"),
    (_member("logbook/link", tarfile.SYMTYPE, "/etc/passwd"), "a link"),
    (_member("logbook/hard", tarfile.LNKTYPE, "../../escaped.txt"), "a link"),
    (_member("logbook/tty", tarfile.CHRTYPE), "a device"),
]


@transactional
def test_media_that_would_leave_its_folder_is_refused(places: Path, settings: object) -> None:
    path, _ = backup(places / "out")
    settings.MEDIA_ROOT = places / "site" / "media"  # type: ignore[attr-defined]
    for n, (entry, problem) in enumerate(UNSAFE_MEDIA):
        crafted = media_archive([_member("logbook/fine.txt"), entry])
        bad = repack(path, places / f"crafted{n}", members={archive.MEDIA_MEMBER: crafted})
        with pytest.raises(CommandError, match=rf"{re.escape(entry.name)}.*{problem}"):
            restore(bad, "--force")
        assert not (places / "site").exists()
        assert not (places / "escaped.txt").exists()
        assert not Path("/tmp/escaped.txt").exists()


@transactional
def test_keep_leaves_only_the_newest_backups(places: Path) -> None:
    output = places / "out"
    output.mkdir()
    for day in ("20260101", "20260102", "20260103"):
        old = output / f"oranje-backup-{day}T023000Z.tar"
        old.write_bytes(b"old")
        Path(f"{old}.sha256").write_text("x")
    (output / "notes.txt").write_text("the operator's own")

    _, printed = backup(output, "--keep", "2")

    left = sorted(path.name for path in output.iterdir())
    assert len(left) == 5, left
    assert left[:2] == ["notes.txt", "oranje-backup-20260103T023000Z.tar"]
    assert "Old backups removed: 2" in printed


@transactional
def test_planted_future_dated_files_do_not_push_the_real_backups_out(places: Path) -> None:
    # Names sort by date; a planted "year 9999" pair must not make --keep delete real ones.
    output = places / "out"
    output.mkdir()
    for name in ("oranje-backup-99991230T000000Z.tar", "oranje-backup-99991231T000000Z.tar"):
        (output / name).write_bytes(b"planted")
        (output / f"{name}.sha256").write_text("x")
    real = output / "oranje-backup-20260103T023000Z.tar"
    real.write_bytes(b"real")
    Path(f"{real}.sha256").write_text("x")
    unchecked = output / "oranje-backup-20260104T023000Z.tar"  # no checksum file: not counted
    unchecked.write_bytes(b"half")

    _, printed = backup(output, "--keep", "2")

    left = sorted(path.name for path in output.iterdir() if path.suffix == ".tar")
    assert real.name in left and unchecked.name in left
    assert len([name for name in left if name.startswith("oranje-backup-2026")]) >= 3
    assert "Old backups removed: 0" in printed


def test_keep_must_be_at_least_one(places: Path) -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("backup", "--keep", "0")


def test_a_missing_pg_dump_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(Exception, match=r"pg_dump niet gevonden.*apt install postgresql-client"):
        postgres.tool("pg_dump")


def test_credentials_reach_pg_dump_through_the_environment_only() -> None:
    env = postgres.environment(
        {
            "NAME": "oranje",
            "USER": "oranje",
            "PASSWORD": "s3cret",
            "HOST": "db",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert env["PGPASSWORD"] == "s3cret" and env["PGSSLMODE"] == "require"
    assert env["PGPORT"] == "5433" and env["PGDATABASE"] == "oranje"


@transactional
def test_a_failed_backup_leaves_no_file_that_looks_complete(
    places: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("oranje.operations.backup.create.archive.write_tar", disk_full)
    with pytest.raises(CommandError, match=r"Backup failed: .*No space left"):
        backup(places / "out")
    assert list((places / "out").iterdir()) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump serves PostgreSQL")
@transactional
def test_a_pg_dump_older_than_the_server_is_refused(
    places: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = places / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(CommandError, match=r"pg_dump 9 is ouder dan de databaseserver"):
        backup(places / "out")
