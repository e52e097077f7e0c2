"""systemd's notify protocol against a real AF_UNIX datagram socket standing in for systemd:
what `core.systemd` sends, and that a real `oranje worker` reports ready after its first
heartbeat and feeds the watchdog after each later one."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from oranje.core import systemd, worker
from oranje.core.tests.subprocess_db import subprocess_database

SRC = Path(__file__).resolve().parents[3]


class FakeSystemd:
    """A datagram socket that collects what a service sends, as systemd's would."""

    def __init__(self, sock: socket.socket, address: str) -> None:
        self.sock = sock
        self.address = address

    def receive(self, timeout: float = 5.0) -> str | None:
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(4096).decode()
        except TimeoutError:
            return None

    def receive_until(self, wanted: str, timeout: float) -> list[str]:
        """Everything received until a message containing `wanted` line (inclusive)."""
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            message = self.receive(left)
            if message is None:
                break
            got.append(message)
            if wanted in message.split("\n"):
                break
        return got


@pytest.fixture
def fake_systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSystemd]:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    yield FakeSystemd(sock, path)
    sock.close()


def test_ready_and_watchdog_reach_the_notify_socket(fake_systemd: FakeSystemd) -> None:
    assert systemd.ready("serving")
    assert fake_systemd.receive() == "READY=1\nSTATUS=serving"
    assert systemd.watchdog()
    assert fake_systemd.receive() == "WATCHDOG=1"


def test_an_abstract_namespace_socket_is_addressed_with_an_at_sign(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = f"oranje-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert systemd.watchdog()
        sock.settimeout(5)
        assert sock.recv(100) == b"WATCHDOG=1"


def test_without_notify_socket_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not systemd.ready()
    assert not systemd.watchdog()


def test_a_vanished_socket_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "gone.sock"))
    assert not systemd.watchdog()


def test_the_watchdog_interval_comes_from_watchdog_usec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert systemd.watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "60000000")
    assert systemd.watchdog_interval() == 60.0
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert systemd.watchdog_interval() == 60.0
    # A child that inherited its parent's variables is not the watched process.
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))
    assert systemd.watchdog_interval() is None
    monkeypatch.delenv("WATCHDOG_PID")
    for bad in ("0", "", "sixty", "-5"):
        monkeypatch.setenv("WATCHDOG_USEC", bad)
        assert systemd.watchdog_interval() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_heartbeat_feeds_the_watchdog_only_after_a_beat_that_reached_the_database(
    fake_systemd: FakeSystemd, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.WORKER_LEASE_SECONDS = 0.3  # a beat every 0.1 s
    real_beat = worker.beat
    failing = True

    def beat(worker_id: str) -> None:
        if failing:
            raise worker.OperationalError("database unreachable")
        real_beat(worker_id)

    monkeypatch.setattr(worker, "beat", beat)
    heartbeat = worker.Heartbeat("test-heartbeat")
    heartbeat.start()
    try:
        assert fake_systemd.receive(timeout=0.6) is None
        failing = False
        assert fake_systemd.receive(timeout=5) == "WATCHDOG=1"
    finally:
        heartbeat.stopped.set()
        heartbeat.join()


def _database(tmp_path: Path) -> str:
    return subprocess_database(tmp_path, "worker.sqlite3")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_oranje_worker_reports_ready_then_feeds_the_watchdog(
    fake_systemd: FakeSystemd, tmp_path: Path
) -> None:
    env = dict(
        os.environ,
        PYTHONPATH=str(SRC),
        DATABASE_URL=_database(tmp_path),
        ORANJE_DB_CONN_MAX_AGE="0",
        ORANJE_DATA_DIR=str(tmp_path),
        ORANJE_WORKER_LEASE_SECONDS="3",  # a beat every second
        NOTIFY_SOCKET=fake_systemd.address,
        WATCHDOG_USEC="10000000",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "oranje.cli", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        first = fake_systemd.receive_until("READY=1", timeout=120)
        assert first and "READY=1" in first[-1].split("\n"), (first, process.poll())
        assert not any("WATCHDOG=1" in m for m in first)  # nothing fed before it was ready
        later = fake_systemd.receive_until("WATCHDOG=1", timeout=10)
        assert later and later[-1] == "WATCHDOG=1"
        again = fake_systemd.receive_until("WATCHDOG=1", timeout=10)
        assert again and again[-1] == "WATCHDOG=1"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _, stderr = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise
    assert process.returncode == 0, stderr.decode()[-2000:]


def test_the_worker_warns_when_the_watchdog_is_shorter_than_two_heartbeats(
    settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from oranje.core.management.commands.worker import warn_if_watchdog_too_short

    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    settings.WORKER_LEASE_SECONDS = 30  # a beat every 10 s
    monkeypatch.setenv("WATCHDOG_USEC", "60000000")
    assert not warn_if_watchdog_too_short()
    monkeypatch.setenv("WATCHDOG_USEC", "15000000")
    assert warn_if_watchdog_too_short()
    assert "at least 20 s" in caplog.text
