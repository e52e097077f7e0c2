"""The systemd units in deploy/systemd/ and the web service's watchdog (gunicorn_config)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from oranje.core.tests.subprocess_db import subprocess_database
from oranje.gunicorn_config import ArbiterWatchdog

ROOT = Path(__file__).resolve().parents[4]
UNITS = ROOT / "deploy" / "systemd"
VENV = Path(sys.executable).parent.parent


def _rendered_units(target: Path) -> list[Path]:
    """The units as install.sh installs them, pointed at this checkout's environment (so
    that `verify` finds the programs they start)."""
    units = []
    for unit in sorted(UNITS.glob("*.service")):
        text = unit.read_text().replace("/opt/oranje/venv", str(VENV))
        (target / unit.name).write_text(text)
        units.append(target / unit.name)
    return units


def test_the_units_are_watched_restarted_and_confined() -> None:
    web = (UNITS / "oranje-web.service").read_text()
    worker = (UNITS / "oranje-worker.service").read_text()
    for unit in (web, worker):
        lines = set(unit.splitlines())
        assert {"Type=notify", "User=oranje", "NoNewPrivileges=yes"} <= lines
        assert {"ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes"} <= lines
        # Only the backup service writes backups: a compromised web process cannot plant one.
        assert "ReadWritePaths=/var/lib/oranje" in lines
        assert not any("/var/backups" in line for line in lines if "Paths=" in line)
        assert {"ProtectProc=invisible", "SystemCallFilter=@system-service"} <= lines
        assert "EnvironmentFile=/etc/oranje/oranje.env" in lines
        assert any(line.startswith("WatchdogSec=") for line in lines)
    backup = set((UNITS / "oranje-backup.service").read_text().splitlines())
    assert {"ProtectSystem=strict", "ReadWritePaths=/var/backups/oranje"} <= backup
    assert {"PrivateDevices=yes", "CapabilityBoundingSet=", "ProtectProc=invisible"} <= backup
    assert {"RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "UMask=0077"} <= backup
    assert "SystemCallFilter=@system-service" in backup
    assert "Restart=on-failure" in web.splitlines()
    assert "Restart=always" in worker.splitlines()
    assert "--bind 127.0.0.1:8000" in web and "oranje.gunicorn_config" in web
    assert "/opt/oranje/venv/bin/oranje worker" in worker


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    units = _rendered_units(tmp_path)
    analyze = shutil.which("systemd-analyze") or "systemd-analyze"
    result = subprocess.run(  # noqa: S603
        [analyze, "verify", *map(str, units)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "oranje-" not in result.stdout + result.stderr, result.stdout + result.stderr


class FakeTmp:
    def __init__(self, touched: float) -> None:
        self.touched = touched

    def last_update(self) -> float:
        return self.touched


def _arbiter(*ages: float) -> Any:
    now = time.monotonic()
    workers = {n: SimpleNamespace(tmp=FakeTmp(now - age)) for n, age in enumerate(ages)}
    log = SimpleNamespace(error=lambda *a: None)
    return SimpleNamespace(WORKERS=workers, timeout=60, murder_workers=lambda: None, log=log)


def test_the_web_watchdog_counts_a_master_as_starting_until_its_loop_turns() -> None:
    watchdog = ArbiterWatchdog(_arbiter(0), interval=1)
    assert watchdog.healthy() == (True, "starting")
    watchdog.started -= ArbiterWatchdog.STARTUP_SECONDS + 1
    assert watchdog.healthy()[0] is False


def test_the_web_watchdog_is_fed_while_the_loop_turns_and_a_worker_answers() -> None:
    server = _arbiter(1, 200)
    watchdog = ArbiterWatchdog(server, interval=1)
    server.murder_workers()  # the arbiter's loop calls it once a turn
    assert watchdog.healthy() == (True, "1 worker(s) answering")


def test_the_web_watchdog_starves_when_no_worker_answers() -> None:
    server = _arbiter(61, 200)
    watchdog = ArbiterWatchdog(server, interval=1)
    server.murder_workers()
    assert watchdog.healthy() == (False, "no worker answers")


def test_the_web_watchdog_starves_when_the_loop_stops_turning() -> None:
    server = _arbiter(0)
    watchdog = ArbiterWatchdog(server, interval=1)
    server.murder_workers()
    assert watchdog.last_turn is not None
    watchdog.last_turn -= ArbiterWatchdog.LOOP_STALE_SECONDS + 1
    ok, why = watchdog.healthy()
    assert not ok and "has not turned" in why


def _database(tmp_path: Path) -> str:
    return subprocess_database(tmp_path, "web.sqlite3")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_reports_ready_and_its_master_feeds_the_watchdog(tmp_path: Path) -> None:
    notify = tmp_path / "notify.sock"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(str(notify))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="oranje.settings",
        DATABASE_URL=_database(tmp_path),
        ORANJE_DB_CONN_MAX_AGE="0",
        ORANJE_DATA_DIR=str(tmp_path),
        NOTIFY_SOCKET=str(notify),
        WATCHDOG_USEC="1500000",  # a ping every 0.5 s
    )
    env.pop("WATCHDOG_PID", None)
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(VENV / "bin" / "gunicorn"),
            "-c",
            "python:oranje.gunicorn_config",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "oranje.wsgi",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    received: list[str] = []
    try:
        # Generous: on a loaded CI machine loading Django alone can take half a minute.
        receiver.settimeout(120)
        deadline = time.monotonic() + 120
        while received.count("WATCHDOG=1") < 2 and time.monotonic() < deadline:
            received.append(receiver.recv(4096).decode())
    finally:
        gunicorn.terminate()
        _, stderr = gunicorn.communicate(timeout=30)
        receiver.close()
    assert received[0].startswith("READY=1"), (received, stderr.decode()[-2000:])
    assert received.count("WATCHDOG=1") >= 2, stderr.decode()[-2000:]
