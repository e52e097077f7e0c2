"""A real `oranje worker` process killed with SIGKILL in the middle of a fan-out, restarted,
killed again: every delivery ends sent, recorded once, every message handed over at least
once. Runs on SQLite (the test database copied to a file the workers share) and PostgreSQL
(the test database itself)."""

from __future__ import annotations

import os
import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from oranje.alerting.constants import DeliveryStatus
from oranje.alerting.models import Delivery
from oranje.alerting.tests.fanout import alert_world, fan_out, run_with_kills
from oranje.alerting.tests.gateway import GatewayStub
from oranje.core.tests.subprocess_db import subprocess_database

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE = 100
SRC = Path(__file__).resolve().parents[3]
MESSAGE_ID = re.compile(rb"^Message-ID: (<alert-[^>]+>)", re.MULTILINE)


def _worker_database(tmp_path: Path) -> str:
    """The URL the worker processes use for the data of this test."""
    return subprocess_database(tmp_path, "workers.sqlite3")


def _unfinished(tmp_path: Path) -> int:
    statuses = ("sent", "failed")
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "workers.sqlite3") as db:
            row = db.execute(
                "SELECT count(*) FROM alerting_delivery WHERE status NOT IN (?, ?)", statuses
            ).fetchone()
        return int(row[0])
    return Delivery.objects.exclude(status__in=statuses).count()


def _take_back(tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        source = sqlite3.connect(tmp_path / "workers.sqlite3")
        source.backup(connection.connection)
        source.close()


def test_a_worker_killed_mid_fan_out_loses_no_alert(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]

    from django_tasks_db.models import DBTaskResult

    world = alert_world(PEOPLE, prefix="kill")
    with GatewayStub() as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        fan_out(world, title="Worker kill")
        total = Delivery.objects.count()
        assert total == 2 * PEOPLE  # mail and SMS each
        env = dict(
            os.environ,
            PYTHONPATH=str(SRC),
            DATABASE_URL=_worker_database(tmp_path),
            ORANJE_DB_CONN_MAX_AGE="0",
            ORANJE_DATA_DIR=str(tmp_path),
            ORANJE_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            ORANJE_SMS_GATEWAY_URL=gateway.url,
            ORANJE_WORKER_LEASE_SECONDS="2",
        )
        kills = run_with_kills(
            env,
            kills=2,
            progress=lambda: len(gateway.keys),
            total=PEOPLE,
            done=lambda: _unfinished(tmp_path) == 0,
            rng=random.Random(10),
            timeout=600,  # a busy machine starts a worker slowly
            patience=(60, 60),  # always kill in the middle of sending
        )
        sms_keys = list(gateway.keys)
    _take_back(tmp_path)

    assert kills == 2
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses == {DeliveryStatus.SENT: total}
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    mails = b"".join(p.read_bytes() for p in (tmp_path / "mail").iterdir())
    sent_ids = set(MESSAGE_ID.findall(mails))
    mail_keys = {
        f"<alert-{d.key}@127.0.0.1>".encode() for d in Delivery.objects.filter(channel="email")
    }
    sms = {str(d.key) for d in Delivery.objects.filter(channel="sms")}
    assert mail_keys <= sent_ids and set(sms_keys) == sms  # every message went out
    # Resends are possible (killed after sending, before recording) and carry the same key.
    # At most the message a worker was busy with when it was killed.
    assert len(sms_keys) - len(sms) <= kills
