"""A real `oranje worker` process killed with SIGKILL twice in the middle of sending a
newsletter by e-mail, restarted each time: afterwards every household's item is recorded
sent exactly once, none is lost, and every mail went out with its item's Message-ID — a
resend, at most the one a worker was busy with when it was killed, carries the same
Message-ID, so the receiving server drops it. SQLite (the test database copied to a file the
workers share) or PostgreSQL (the test database itself), as the communication room's test."""

from __future__ import annotations

import os
import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from oranje.aftercare.constants import ItemStatus
from oranje.aftercare.models import NewsletterItem
from oranje.aftercare.services.newsletters import newsletter_send
from oranje.aftercare.tests.newsletter_helpers import cases, draft, iac_officer
from oranje.alerting.tests.fanout import run_with_kills
from oranje.alerting.tests.test_worker_kill import _take_back, _worker_database
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HOUSEHOLDS = 120
SRC = Path(__file__).resolve().parents[3]
# Folded onto the next line when long (RFC 5322), as Python's mail writer does.
MESSAGE_ID = re.compile(rb"^Message-ID:\s+(<newsletter-[^>]+>)", re.MULTILINE)


def _unfinished(tmp_path: Path) -> int:
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "workers.sqlite3") as db:
            row = db.execute(
                "SELECT count(*) FROM aftercare_newsletteritem WHERE status NOT IN (?, ?, ?)",
                (ItemStatus.SENT, ItemStatus.FAILED, ItemStatus.LETTER),
            ).fetchone()
        return int(row[0])
    return NewsletterItem.objects.exclude(
        status__in=[ItemStatus.SENT, ItemStatus.FAILED, ItemStatus.LETTER]
    ).count()


def _message_ids(tmp_path: Path) -> list[bytes]:
    """The Message-IDs of the mails in the file backend's files so far."""
    folder = tmp_path / "mail"
    found: list[bytes] = []
    if folder.exists():
        for path in folder.iterdir():
            try:
                found += MESSAGE_ID.findall(path.read_bytes())
            except OSError:
                continue
    return found


def test_a_worker_killed_while_sending_a_newsletter_loses_nothing(tmp_path: Path) -> None:
    world = build_world()
    incident = start_incident(world, title="Gasstoring Velsen-Noord")
    cases(incident, HOUSEHOLDS, prefix="kill")
    cases(incident, 3, email=False, prefix="brief")  # printed: never the worker's
    iac = iac_officer(world.region, "kill-iac")
    sent = newsletter_send(actor=iac, newsletter=draft(incident))
    assert (sent.mail, sent.letter) == (HOUSEHOLDS, 3)
    assert DBTaskResult.objects.filter(status="READY").count() >= 2  # queued on commit
    env = dict(
        os.environ,
        PYTHONPATH=str(SRC),
        DATABASE_URL=_worker_database(tmp_path),
        ORANJE_DB_CONN_MAX_AGE="0",
        ORANJE_DATA_DIR=str(tmp_path),
        ORANJE_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        ORANJE_WORKER_LEASE_SECONDS="2",
        ORANJE_SITE_URL="http://127.0.0.1",
    )
    kills = run_with_kills(
        env,
        kills=2,
        progress=lambda: len(_message_ids(tmp_path)),
        total=HOUSEHOLDS,
        done=lambda: _unfinished(tmp_path) == 0,
        rng=random.Random(14),
        timeout=600,  # a busy machine starts a worker slowly
        patience=(60, 60),  # always kill in the middle of sending
    )
    _take_back(tmp_path)

    assert kills == 2
    statuses = Counter(NewsletterItem.objects.values_list("status", flat=True))
    # None lost, none failed; the letters untouched.
    assert statuses == {ItemStatus.SENT: HOUSEHOLDS, ItemStatus.LETTER: 3}
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    sent_ids = _message_ids(tmp_path)
    keys = {
        f"<newsletter-{i.key}@127.0.0.1>".encode()
        for i in NewsletterItem.objects.filter(channel="mail")
    }
    # Every mail went out, under its item's Message-ID, and nothing else did.
    assert set(sent_ids) == keys
    # A resend is possible only for what a worker was busy with when it was killed.
    assert len(sent_ids) - len(keys) <= kills
