"""A backup taken while writes go on, restored into a new database: every write acknowledged
before the backup's moment is there, and no transaction is there in part (issue 18).

The writer commits decisions, each with three actions (a decision, its logbook line and
audit entry, three actions with theirs: one transaction through the incidents room's own
services), on its own connection, and notes when each commit returned. On SQLite the test
database is moved onto a file for the duration (an in-memory database has no WAL and no
second connection of its own); on PostgreSQL it is the test database itself."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.incidents import services
from oranje.incidents.models import Action, Decision, Incident, LogEntry
from oranje.incidents.tests.factories import start_incident
from oranje.operations.backup import archive
from oranje.operations.tests.backup_support import empty_database, only_backup
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ACTIONS_PER_DECISION = 3


@contextmanager
def default_on_a_file(path: Path) -> Iterator[None]:
    """On SQLite: the test database copied onto a file in WAL mode, and every connection
    (of every thread) pointed at it until the block ends; the in-memory one stays aside."""
    default = connections["default"]
    if default.vendor != "sqlite":
        yield
        return
    default.ensure_connection()
    memory = default.connection
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    original = default.settings_dict["NAME"]
    default.connection = None  # closing would drop the in-memory database
    default.settings_dict["NAME"] = str(path)  # the dict every thread's connection is made from
    try:
        yield
    finally:
        default.close()
        default.settings_dict["NAME"] = original
        default.connection = memory


class Writer(threading.Thread):
    """Commits one decision with its actions after another until told to stop; `acked`
    holds (marker, the wall-clock time its commit returned)."""

    def __init__(self, world: World, incident: Incident) -> None:
        super().__init__(daemon=True)
        self.world, self.incident = world, incident
        self.acked: list[tuple[str, float]] = []
        self.stop = threading.Event()
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            number = 0
            while not self.stop.is_set():
                marker = f"batch-{number:05d}"
                with transaction.atomic():
                    decision = services.decision_record(
                        actor=self.world.coordinator,
                        incident=self.incident,
                        team="gbt",
                        decided_by="Burgemeester",
                        text=marker,
                    )
                    for n in range(ACTIONS_PER_DECISION):
                        services.action_create(
                            actor=self.world.coordinator,
                            incident=self.incident,
                            text=f"{marker} action {n}",
                            owner_function=self.world.ovd,
                            deadline=timezone.now() + dt.timedelta(hours=1),
                            decision=decision,
                        )
                self.acked.append((marker, time.time()))
                number += 1
        except BaseException as exc:  # the test reports it
            self.failure = exc
        finally:
            connections.close_all()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while len(self.acked) < count:
            assert self.failure is None, self.failure
            assert time.monotonic() < deadline, "the writer does not get on"
            time.sleep(0.01)


def rows_per_marker(alias: str, incident_id: int) -> dict[str, tuple[int, int, int, int]]:
    """Per decision marker: (decisions, actions, logbook lines, audit entries) in `alias`."""
    found: dict[str, tuple[int, int, int, int]] = {}
    for decision in Decision.objects.using(alias).filter(incident_id=incident_id):
        marker = decision.text
        actions = Action.objects.using(alias).filter(text__startswith=marker + " ")
        lines = LogEntry.objects.using(alias).filter(incident_id=incident_id, text__contains=marker)
        audits = AuditEntry.objects.using(alias).filter(changes__icontains=marker)
        found[marker] = (1, actions.count(), lines.count(), audits.count())
    return found


def test_a_backup_under_writes_holds_every_acknowledged_write_and_no_half_one(
    world: World, tmp_path: Path, settings: object
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    settings.BACKUP_DIR = tmp_path / "backups"  # type: ignore[attr-defined]
    with default_on_a_file(tmp_path / "live.sqlite3"):
        incident = start_incident(world)
        writer = Writer(world, incident)
        writer.start()
        try:
            writer.wait_for(5)
            call_command("backup", "--output", str(tmp_path / "out"), stdout=io.StringIO())
            written_during = len(writer.acked)
            writer.wait_for(written_during + 3)  # the writer went on after the backup
        finally:
            writer.stop.set()
            writer.join(60)
        assert writer.failure is None, writer.failure
        source = rows_per_marker("default", incident.pk)

    path = only_backup(tmp_path / "out")
    with tarfile.open(path) as tar:
        manifest = json.loads(tar.extractfile(archive.MANIFEST).read())  # type: ignore[union-attr]
    moment = dt.datetime.fromisoformat(manifest["created_at"]).timestamp()
    before = [marker for marker, at in writer.acked if at < moment]
    after = [marker for marker, at in writer.acked if at > moment]
    assert len(before) >= 5 and len(after) >= 3, (len(before), len(after))
    whole = (1, ACTIONS_PER_DECISION, 1 + ACTIONS_PER_DECISION, 1 + ACTIONS_PER_DECISION)
    assert all(source[marker] == whole for marker, _ in writer.acked), "the writer's own rows"

    with empty_database(tmp_path) as alias:
        call_command("restore", str(path), "--database", alias, stdout=io.StringIO())
        restored = rows_per_marker(alias, incident.pk)
        action_markers = {
            text.split(" action ")[0]
            for text in Action.objects.using(alias)
            .filter(incident_id=incident.pk)
            .values_list("text", flat=True)
        }

    missing = [marker for marker in before if restored.get(marker) != whole]
    assert not missing, f"acknowledged before the backup, not (wholly) restored: {missing}"
    half = {marker: counts for marker, counts in restored.items() if counts != whole}
    assert not half, f"half-written transactions in the backup: {half}"
    assert set(restored) <= {marker for marker, _ in writer.acked}
    assert action_markers <= set(restored), "actions restored without their decision"
