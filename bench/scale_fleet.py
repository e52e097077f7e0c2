"""The machines of the scale-out benchmark: app instances and workers as killable process
groups, and the outside world they talk to (an SMTP server and an SMS gateway stub) counting
every message by the alert it belongs to. Traffic goes only to 127.0.0.1."""

from __future__ import annotations

import email.message
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from bench.common import ROOT

#: The answer link in a message: /alarmering/<signed token>/
LINK = re.compile(r"/alarmering/([^/\s]+)/")


def alert_of(text: str) -> tuple[int, str] | None:
    """(alert id, token) of the answer link in a message, read with the shared key."""
    from django.core import signing

    from oranje.alerting.services import LINK_SALT

    found = LINK.search(text)
    if found is None:
        return None
    try:
        return int(signing.loads(found.group(1), salt=LINK_SALT)["a"]), found.group(1)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class Sink:
    """Counts messages per alert. A resend carrying the key of the first (Message-ID,
    Idempotency-Key) is recognisable as the same message; one without is a second message."""

    def __init__(self) -> None:
        self.received: Counter[int] = Counter()  # every message that came in, per alert
        self.distinct: Counter[int] = Counter()  # ... as the recipient tells them apart
        self.keys: dict[int, set[str]] = {}
        self.unreadable = 0
        self.dropped = 0  # resends recognised by their key (a gateway does not send them)
        self.lock = threading.Lock()
        #: (alert, token) of each answer link, in the order they came, for the users to open.
        self.tokens: list[tuple[int, str]] = []

    def record(self, text: str, *, keep_token: bool, key: str = "") -> bool:
        """Count one message; False when it repeats a key already seen for its alert."""
        found = alert_of(text)
        with self.lock:
            if found is None:
                self.unreadable += 1
                return True
            alert, token = found
            self.received[alert] += 1
            seen = self.keys.setdefault(alert, set())
            if key and key in seen:
                return False
            if key:
                seen.add(key)
            self.distinct[alert] += 1
            if keep_token and self.distinct[alert] == 1:
                self.tokens.append((alert, token))
            return True

    def count(self) -> int:
        with self.lock:
            return sum(self.received.values())

    def take_token(self) -> tuple[int, str] | None:
        with self.lock:
            return self.tokens.pop(0) if self.tokens else None


class MailTally(Sink):
    """The mail the SMTP sink (bench.server.SmtpSink) accepts, by alert; hand `take` to it."""

    def take(self, message: email.message.Message) -> None:
        part = next(iter(message.walk()))
        body = part.get_payload(decode=True)
        text = body.decode(part.get_content_charset() or "utf-8") if isinstance(body, bytes) else ""
        self.record(text, keep_token=True, key=str(message.get("Message-ID", "")))


def sms_tally(gateway: Any) -> Sink:
    """The messages the SMS gateway stub (oranje.alerting.tests.gateway) accepted, counted per
    alert as a gateway would deliver them: a repeated Idempotency-Key is not sent again."""
    tally = Sink()
    for body, key in zip(gateway.received, gateway.keys, strict=True):
        if not tally.record(str(body.get("text", "")), keep_token=False, key=key):
            tally.dropped += 1
    return tally


class Fleet:
    """App instances (gunicorn) and workers (`oranje worker`), each in its own process group
    and data directory, so that a kill takes the whole "machine" down at once."""

    def __init__(
        self,
        *,
        data_root: Path,
        env: dict[str, str],
        app_workers: int,
    ) -> None:
        self.data_root = data_root
        self.zero = time.monotonic()  # events are timed from here (the start of the traffic)
        self.env = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
        self.app_workers = app_workers
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.ports: dict[str, int] = {}
        self.events: list[tuple[str, str]] = []

    def _env(self, name: str) -> dict[str, str]:
        data = self.data_root / name
        data.mkdir(parents=True, exist_ok=True)
        return {**self.env, "ORANJE_DATA_DIR": str(data)}

    def start_app(self, name: str, port: int) -> None:
        env = self._env(name)
        # Each machine collects its own static files (whitenoise serves them from the app).
        subprocess.run(
            [sys.executable, "-m", "oranje.cli", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=str(ROOT),
            check=True,
        )
        self.ports[name] = port
        self._spawn_app(name)

    def _spawn_app(self, name: str) -> None:
        port = self.ports[name]
        log = (self.data_root / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "oranje.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.app_workers),
                "--log-level",
                "warning",
                # On a busy machine importing Django alone can pass the default 30 s, and the
                # master would kill its workers while they boot.
                "--timeout",
                "120",
            ],
            env=self._env(name),
            cwd=str(ROOT),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/inloggen/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{name} did not start on port {port}")

    def start_worker(self, name: str) -> None:
        log = (self.data_root / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "oranje.cli", "worker"],
            env=self._env(name),
            cwd=str(ROOT),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def clock(self) -> float:
        return time.monotonic() - self.zero

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: the master and its workers die mid-request."""
        process = self.processes[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        self.events.append((f"{name} killed (SIGKILL)", f"at {self.clock():.1f} s"))

    def restart(self, name: str) -> None:
        if name in self.ports:
            self._spawn_app(name)
            self.events.append((f"{name} restarted", f"answering again at {self.clock():.1f} s"))
        else:
            self.start_worker(name)
            self.events.append((f"{name} restarted", f"at {self.clock():.1f} s"))

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
