"""A real `oranje worker` killed with SIGKILL twice while it re-encodes a batch of photos,
restarted each time: afterwards every photo is ready exactly once (one clean file each, no
copies), no original is left and no clean photo carries EXIF. SQLite (the test database copied
to a file the workers share) or PostgreSQL (the test database itself)."""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult
from PIL import Image

from oranje.core.tests.subprocess_db import subprocess_database
from oranje.damage.constants import PhotoStatus
from oranje.damage.models import DamagePhoto, PublicForm
from oranje.damage.services.reports import report_create
from oranje.damage.tests.public_fixtures import gps_exif, photo_upload, report_fields
from oranje.incidents.models import Incident

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPORTS = 8
SRC = Path(__file__).resolve().parents[3]


def _noisy_jpeg(seed: int) -> bytes:
    """A camera-like photo (noise, 1600 × 1200, with GPS): decoding it takes real time."""
    image = Image.effect_noise((1600, 1200), 60 + seed % 20).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=gps_exif())
    return buffer.getvalue()


def _database(tmp_path: Path) -> str:
    return subprocess_database(tmp_path, "workers.sqlite3")


def _count(tmp_path: Path, ready: bool) -> int:
    wanted = [PhotoStatus.READY] if ready else [PhotoStatus.READY, PhotoStatus.FAILED]
    if connection.vendor == "sqlite":
        marks = ",".join("?" * len(wanted))
        with sqlite3.connect(tmp_path / "workers.sqlite3") as db:
            row = db.execute(
                f"SELECT count(*) FROM damage_damagephoto WHERE status IN ({marks})",  # noqa: S608
                wanted,
            ).fetchone()
        return int(row[0])
    return DamagePhoto.objects.filter(status__in=wanted).count()


def _start(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "oranje.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_worker_killed_while_cleaning_photos_loses_none(
    tmp_path: Path,
    settings,
    incident: Incident,
    open_form: PublicForm,  # type: ignore[no-untyped-def]
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    for n in range(REPORTS):
        uploads = [photo_upload(f"f{i}.jpg", _noisy_jpeg(n * 5 + i)) for i in range(5)]
        report_create(actor=None, incident=incident, **report_fields(photos=uploads))
    total = DamagePhoto.objects.count()
    assert total == REPORTS * 5
    assert DamagePhoto.objects.filter(status=PhotoStatus.PENDING).count() == total
    assert DBTaskResult.objects.filter(status="READY").count() >= REPORTS  # queued on commit
    env = dict(
        os.environ,
        PYTHONPATH=str(SRC),
        DATABASE_URL=_database(tmp_path),
        ORANJE_DB_CONN_MAX_AGE="0",
        ORANJE_DATA_DIR=str(tmp_path),
        ORANJE_WORKER_LEASE_SECONDS="2",
    )
    rng = random.Random(14)
    kills = 0
    began = time.monotonic()
    worker = _start(env)
    try:
        for left in (2, 1):
            seen = _count(tmp_path, ready=False)
            target = seen + rng.randint(1, max(1, (total - seen) // (left + 1)))
            deadline = time.monotonic() + 90
            while _count(tmp_path, ready=False) < target and time.monotonic() < deadline:
                time.sleep(0.01)
            if _count(tmp_path, ready=False) >= total:
                break
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            kills += 1
            worker = _start(env)
        while _count(tmp_path, ready=False) < total and time.monotonic() - began < 600:
            time.sleep(0.2)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(tmp_path / "workers.sqlite3")
        source.backup(connection.connection)
        source.close()

    assert kills == 2
    photos = list(DamagePhoto.objects.all())
    assert Counter(p.status for p in photos) == {PhotoStatus.READY: total}
    assert all(p.original == "" and p.claimed_by == "" for p in photos)
    media = tmp_path / "media" / "damage"
    assert not any((media / "incoming").iterdir())  # no original with its GPS left
    clean = sorted(f.name for f in (media / str(incident.pk)).iterdir())
    assert clean == sorted(p.file.name.rsplit("/", 1)[-1] for p in photos)  # once each
    for p in photos:
        data = (tmp_path / "media" / p.file.name).read_bytes()
        stored = Image.open(io.BytesIO(data))
        # (Not a search for b"GPS": random pixels hold those bytes now and then.)
        assert not stored.getexif() and "exif" not in stored.info
        assert len(data) == p.size
    assert max(p.attempts for p in photos) >= 1
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
