"""A real `oranje worker` process killed with SIGKILL twice in the middle of sending a mailing
by mail and by SMS, restarted each time: afterwards every item is recorded sent exactly
once, none is lost, and every message went out with its item's key (Message-ID,
Idempotency-Key) — a resend, at most the one a worker was busy with when it was killed,
carries the same key, so the other side drops it. SQLite (the test database copied to a file
the workers share) or PostgreSQL (the test database itself), as the alerting room's test."""

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

from oranje.alerting.tests.fanout import run_with_kills
from oranje.alerting.tests.gateway import GatewayStub
from oranje.alerting.tests.test_worker_kill import _take_back, _worker_database
from oranje.communication.constants import ItemStatus
from oranje.communication.models import MailingItem
from oranje.communication.services.mailings import mailing_create
from oranje.communication.tests.mailing_helpers import consenting, published
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.models import Region
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import build_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE = 80
SRC = Path(__file__).resolve().parents[3]
MESSAGE_ID = re.compile(rb"^Message-ID: (<mailing-[^>]+>)", re.MULTILINE)


def _unfinished(tmp_path: Path) -> int:
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "workers.sqlite3") as db:
            row = db.execute(
                "SELECT count(*) FROM communication_mailingitem WHERE status NOT IN (?, ?)",
                (ItemStatus.SENT, ItemStatus.FAILED),
            ).fetchone()
        return int(row[0])
    return MailingItem.objects.exclude(status__in=[ItemStatus.SENT, ItemStatus.FAILED]).count()


def _handed_over(tmp_path: Path, gateway: GatewayStub) -> int:
    """Messages handed over so far: SMS at the gateway and mails in the file backend's files."""
    folder = tmp_path / "mail"
    mails = 0
    if folder.exists():
        for path in folder.iterdir():
            try:
                mails += len(MESSAGE_ID.findall(path.read_bytes()))
            except OSError:
                continue
    return len(gateway.keys) + mails


def test_a_worker_killed_while_sending_a_mailing_loses_nothing(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    region = Region.objects.get(code="VR12")
    incident = start_incident(world, title="Brand Velsen-Noord")
    consenting(incident, PEOPLE, prefix="kill")
    message = published(incident)
    comm = adviser(region, "kill-woordvoerder")
    with GatewayStub() as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        mailing_create(message=message, channel="mail", actor=comm)
        mailing_create(message=message, channel="sms", actor=comm)
        total = MailingItem.objects.count()
        assert total == 2 * PEOPLE
        assert DBTaskResult.objects.filter(status="READY").count() >= 2  # queued on commit
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
            progress=lambda: _handed_over(tmp_path, gateway),
            total=total,
            done=lambda: _unfinished(tmp_path) == 0,
            rng=random.Random(13),
            timeout=600,  # a busy machine starts a worker slowly
            patience=(60, 60),  # always kill in the middle of sending
        )
        sms_keys = list(gateway.keys)
    _take_back(tmp_path)

    assert kills == 2
    statuses = Counter(MailingItem.objects.values_list("status", flat=True))
    assert statuses == {ItemStatus.SENT: total}  # none lost, none failed
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    mails = [MESSAGE_ID.findall(p.read_bytes()) for p in (tmp_path / "mail").iterdir()]
    sent_ids = [mid for found in mails for mid in found]
    mail_items = MailingItem.objects.filter(mailing__channel="mail")
    sms_items = MailingItem.objects.filter(mailing__channel="sms")
    mail_keys = {f"<mailing-{i.key}@127.0.0.1>".encode() for i in mail_items}
    sms = {str(i.key) for i in sms_items}
    # Every message went out, under its item's key, and nothing else did.
    assert set(sent_ids) == mail_keys and set(sms_keys) == sms
    # A resend is possible only for what a worker was busy with when it was killed.
    assert len(sent_ids) - len(mail_keys) <= kills
    assert len(sms_keys) - len(sms) <= kills
