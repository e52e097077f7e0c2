"""The public survey's gunicorn workers killed with SIGKILL in the middle of a burst of answers:
every answer the server acknowledged (303 to the thank-you page) is in the database, a code is
spent exactly when its response is written (never one without the other), and a resident
whose connection broke and who sends the same form again (the same `client_key`) is counted
once. SQLite (the test database copied to a file the server shares) or PostgreSQL (the test
database itself).

The clients post the form directly (a CSRF cookie and token of their own, as a browser that
loaded the form holds them); a request that fails is sent again with the same key, as the
browser's "send again" does, up to `RETRIES` times."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import sqlite3
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from oranje.core.tests.subprocess_db import subprocess_database
from oranje.learning.tests.public_world import make_survey

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SRC = Path(__file__).resolve().parents[3]
RESPONSES = 300
CLIENTS = 10
KILLS = 3
RETRIES = 6


def _database(tmp_path: Path) -> str:
    return subprocess_database(tmp_path, "survey.sqlite3")


def _rows(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    if connection.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "survey.sqlite3") as db:
            return db.execute(sql).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _workers(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    try:
        return [int(p) for p in path.read_text().split()]
    except OSError:
        return []


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None


def _post(url: str, fields: dict[str, object], csrf: str) -> int:
    opener = urllib.request.build_opener(_NoRedirect)
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}, doseq=True).encode()
    request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
        url, data=body, headers={"Cookie": f"csrftoken={csrf}", "Referer": url}
    )
    try:
        return opener.open(request, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_killed_workers_lose_no_acknowledged_answer(tmp_path: Path) -> None:
    made = make_survey(invitations=RESPONSES // 2)
    survey = made.survey
    url_db = _database(tmp_path)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        PYTHONPATH=str(SRC),
        DATABASE_URL=url_db,
        ORANJE_DATA_DIR=str(tmp_path),
        ORANJE_SECRET_KEY=settings.SECRET_KEY,  # the codes' hashes were made with it
        ORANJE_SURVEY_RATE_ADDRESS="1000000/minute",
    )
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:oranje.gunicorn_config",
            "oranje.wsgi",
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "error"),
        ],
        env=env,
        cwd=str(SRC),
    )
    url = f"{base}/enquete/{survey.token}/"
    acknowledged: set[str] = set()
    sent: set[str] = set()
    lock = threading.Lock()
    kills: list[int] = []
    killed: set[int] = set()
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/enquete/onbekend/", timeout=2)  # noqa: S310
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        jobs = list(range(RESPONSES))

        def client() -> None:
            csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
            while True:
                with lock:
                    if not jobs:
                        return
                    n = jobs.pop()
                key = uuid.uuid4().hex
                fields: dict[str, object] = {
                    "client_key": key,
                    "q-informed_in_time": "late",
                    "q-knew_what_to_do": "yes",
                    "q-felt_helped": str(1 + n % 5),
                    "q-trust": "4",
                    "q-sources": ["nl_alert", "people"],
                    "q-postcode": "1951",
                }
                if n % 2 == 0:
                    fields["code"] = made.codes[n // 2]
                with lock:
                    sent.add(key)
                for _attempt in range(RETRIES):
                    try:
                        if _post(url, fields, csrf) == 303:
                            with lock:
                                acknowledged.add(key)
                            break
                    except OSError:
                        pass
                    time.sleep(0.3)

        threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        # Kill a worker whenever a further share of the answers has been acknowledged.
        while len(kills) < KILLS and time.monotonic() - began < 40:
            with lock:
                done = len(acknowledged)
            if done >= (len(kills) + 1) * RESPONSES // (KILLS + 2):
                workers = [w for w in _workers(server.pid) if w not in killed]
                if workers:
                    os.kill(workers[0], signal.SIGKILL)
                    killed.add(workers[0])
                    kills.append(done)
            time.sleep(0.05)
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)

    assert len(kills) == KILLS, f"only {len(kills)} kills landed mid-burst"
    stored = [
        str(k)
        for (k,) in _rows(
            tmp_path,
            f"SELECT client_key FROM learning_response WHERE survey_id = {survey.pk}",  # noqa: S608
        )
    ]
    by_code = _rows(
        tmp_path,
        f"SELECT COUNT(*) FROM learning_response WHERE survey_id = {survey.pk} "  # noqa: S608
        "AND channel = 'code'",
    )[0][0]
    spent = _rows(
        tmp_path,
        f"SELECT COUNT(*) FROM learning_invitation WHERE survey_id = {survey.pk} "  # noqa: S608
        "AND used_at IS NOT NULL",
    )[0][0]
    answerless = _rows(
        tmp_path,
        "SELECT COUNT(*) FROM learning_response r WHERE r.survey_id = "  # noqa: S608
        f"{survey.pk} AND NOT EXISTS (SELECT 1 FROM learning_answer a WHERE a.response_id = r.id)",
    )[0][0]
    # Every acknowledged answer is there, once; nothing is there that was not sent.
    assert acknowledged <= set(stored)
    assert len(stored) == len(set(stored))
    assert set(stored) <= sent
    # A code is spent exactly when its response is written; no response lost its answers.
    assert spent == by_code
    assert answerless == 0
    # Every resident got through in the end (resending the same form), counted once.
    assert len(acknowledged) == RESPONSES == len(stored)
