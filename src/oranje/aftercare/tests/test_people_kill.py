"""A real `oranje worker` process killed with SIGKILL twice in the middle of sending a
thank-you, restarted each time: afterwards every item is recorded sent exactly once, none is
lost, and every message went out under its item's key (Message-ID, Idempotency-Key) — a
resend, at most the one a worker was busy with when it was killed, carries the same key. The
machinery (the worker runs, the kills, the gateway stub, the shared database) is the alerting
and communication rooms' test's."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oranje.aftercare.constants import ItemStatus
from oranje.aftercare.models import ThankYouItem
from oranje.aftercare.services.thanks import thanks_send
from oranje.alerting.constants import Answer, CallStatus, Step
from oranje.alerting.models import Alert, FunctionCall
from oranje.alerting.tests.fanout import run_with_kills
from oranje.alerting.tests.gateway import GatewayStub
from oranje.alerting.tests.test_worker_kill import _take_back, _worker_database
from oranje.incidents import services as incidents
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.models import Person
from oranje.organisation.tests.factories import build_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE = 120
SRC = Path(__file__).resolve().parents[3]
MESSAGE_ID = re.compile(rb"^Message-ID: (<thanks-[^>]+>)", re.MULTILINE)


def _unfinished(tmp_path: Path) -> int:
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "workers.sqlite3") as db:
            row = db.execute(
                "SELECT count(*) FROM aftercare_thankyouitem WHERE status NOT IN (?, ?)",
                (ItemStatus.SENT, ItemStatus.FAILED),
            ).fetchone()
        return int(row[0])
    return ThankYouItem.objects.exclude(status__in=[ItemStatus.SENT, ItemStatus.FAILED]).count()


def _handed_over(tmp_path: Path, gateway: GatewayStub) -> int:
    folder = tmp_path / "mail"
    mails = 0
    if folder.exists():
        for path in folder.iterdir():
            try:
                mails += len(MESSAGE_ID.findall(path.read_bytes()))
            except OSError:
                continue
    return len(gateway.keys) + mails


def test_a_worker_killed_while_sending_a_thank_you_loses_nothing(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    world = build_world()
    incident = start_incident(world, exercise=True, title="Oefening zorginstelling")
    people = Person.objects.bulk_create(
        Person(
            region=world.region,
            given_name="Kwam",
            surname=f"Op{i:04d}",
            email=f"kwam{i:04d}@example.nl" if i else "",  # the first one by SMS
            phone=f"+316{30000000 + i}",
        )
        for i in range(PEOPLE)
    )
    call = FunctionCall.objects.create(
        incident=incident,
        function=world.cpg,
        municipality=incident.municipality,
        people_needed=PEOPLE,
        escalation_minutes=5,
        reason="test",
        status=CallStatus.FILLED,
    )
    at = timezone.now() - dt.timedelta(hours=2)
    Alert.objects.bulk_create(
        Alert(
            call=call,
            person=p,
            step=Step.HARD,
            alerted_at=at,
            answer=Answer.ACCEPTED,
            answered_at=at,
            eta_minutes=10,
            arrived_at=at,
        )
        for p in people
    )
    incident = incidents.incident_close(actor=world.coordinator, incident=incident)
    with GatewayStub() as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        thanks_send(actor=world.coordinator, incident=incident, text="Dank voor jullie inzet!")
        total = ThankYouItem.objects.count()
        assert total == PEOPLE
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
            rng=random.Random(14),
            timeout=600,
            patience=(60, 60),
        )
        sms_keys = list(gateway.keys)
    _take_back(tmp_path)

    assert kills == 2
    statuses = Counter(ThankYouItem.objects.values_list("status", flat=True))
    assert statuses == {ItemStatus.SENT: total}  # none lost, none failed
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
    mails = [MESSAGE_ID.findall(p.read_bytes()) for p in (tmp_path / "mail").iterdir()]
    sent_ids = [mid for found in mails for mid in found]
    mail_keys = {
        f"<thanks-{i.key}@127.0.0.1>".encode() for i in ThankYouItem.objects.filter(channel="mail")
    }
    sms = {str(i.key) for i in ThankYouItem.objects.filter(channel="sms")}
    assert len(mail_keys) == PEOPLE - 1 and len(sms) == 1
    assert set(sent_ids) == mail_keys and set(sms_keys) == sms
    assert len(sent_ids) - len(mail_keys) <= kills
    assert len(sms_keys) - len(sms) <= kills
