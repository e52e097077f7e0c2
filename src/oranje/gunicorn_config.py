"""gunicorn's settings for Oranje: `gunicorn -c python:oranje.gunicorn_config oranje.wsgi`.

The application is loaded once in the master process (`preload_app`), which then builds the
registry's matching indexes (`when_ready`, before any worker is forked): every worker starts
with them in memory instead of building them on its first request, which for a registry of
100,000 persons takes longer than a request may. Command-line options still override these.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

preload_app = True
#: A worker that answers nothing for this long is restarted.
timeout = 60
#: The access log (`--access-logfile`) without query strings and referrers: a search in the
#: registry (`?q=Jansen`, `?zoek=…`) puts a person's name in the URL, and person data is
#: for the registry roles only, never in a log. Path, method, status, size and duration stay.
#: Last, the request id (the response's X-Request-ID), to find the request's other lines.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s'
)


def _oranje_logging() -> dict[str, Any]:
    from oranje.settings import LOGGING

    return LOGGING


#: gunicorn's own lines (start, workers, timeouts) and its access lines go through Oranje's
#: log handler (ORANJE_LOG_FORMAT, the request id: oranje.core.logs). gunicorn applies this
#: when it starts and again on every reload (HUP), which would otherwise put its own plain
#: handlers back next to Oranje's and write each line twice.
logconfig_dict = _oranje_logging()


class ArbiterWatchdog(threading.Thread):
    """systemd's watchdog for the web service (`WatchdogSec=` in oranje-web.service).

    gunicorn's master already sends `READY=1` itself when run under `Type=notify` (in
    `Arbiter.start`, gunicorn/arbiter.py), but nothing for the watchdog. A thread that pinged
    unconditionally would only prove that the process exists, which systemd knows anyway. So
    this thread, in the master, pings `WATCHDOG=1` only while

    - the arbiter's main loop turns: it calls `murder_workers()` once a second, and we note
      the time of each call (a master stuck in a signal handler or a deadlock stops the
      notes), and
    - at least one worker answers: a worker touches its heartbeat file (`worker.tmp`) from its
      request loop; a worker silent for longer than gunicorn's `timeout` is one the arbiter
      is about to kill, and with none left nobody serves.

    When either stops, the pings stop and systemd kills and restarts the unit after
    `WatchdogSec`. The database is deliberately not part of it: restarting gunicorn does not
    bring a database back (that is what /gezond/ reports). Until the loop's first turn (the
    matching indexes are built in `when_ready`, which can take a while on a large registry)
    the master counts as starting and is given `STARTUP_SECONDS`.
    """

    STARTUP_SECONDS = 600.0
    #: The loop turns about once a second; this much silence means it is stuck.
    LOOP_STALE_SECONDS = 10.0

    def __init__(self, server: Any, interval: float) -> None:
        super().__init__(name="oranje-systemd-watchdog", daemon=True)
        self.server = server
        self.interval = interval
        self.started = time.monotonic()
        self.last_turn: float | None = None
        self.stopped = threading.Event()
        murder_workers = server.murder_workers

        def murder_workers_noting_the_turn() -> None:
            self.last_turn = time.monotonic()
            murder_workers()

        server.murder_workers = murder_workers_noting_the_turn

    def healthy(self) -> tuple[bool, str]:
        now = time.monotonic()
        if self.last_turn is None:
            if now - self.started <= self.STARTUP_SECONDS:
                return True, "starting"
            return False, "the arbiter's loop never started"
        if now - self.last_turn > self.LOOP_STALE_SECONDS:
            return False, f"the arbiter's loop has not turned for {now - self.last_turn:.0f} s"
        answering = 0
        for worker in list(self.server.WORKERS.values()):
            try:
                if now - worker.tmp.last_update() <= self.server.timeout:
                    answering += 1
            except (OSError, ValueError):
                continue  # its heartbeat file closed: the worker is going
        if not answering:
            return False, "no worker answers"
        return True, f"{answering} worker(s) answering"

    def run(self) -> None:
        from oranje.core import systemd

        reported = ""
        while not self.stopped.wait(self.interval):
            ok, why = self.healthy()
            if ok:
                systemd.watchdog()
            elif why != reported:
                self.server.log.error("systemd watchdog not fed: %s", why)
            reported = "" if ok else why


def when_ready(server: Any) -> None:
    from django.db import connections

    from oranje.core import systemd
    from oranje.registry.matching import warm

    interval = systemd.watchdog_interval()
    if interval is not None:
        # Three pings per period: one lost or late ping does not restart the service. Started
        # before the indexes are built, so the starting allowance covers the build.
        ArbiterWatchdog(server, interval / 3).start()

    started = time.monotonic()
    count = warm()
    # No connection may cross the fork: each worker opens its own.
    connections.close_all()
    server.log.info(
        "matching indexes of %d incident(s) built in %.1f s", count, time.monotonic() - started
    )


# Metrics (/metriek/, operations/metrics.py): gunicorn's worker processes each answer some
# requests, so each writes its request timings to files in one directory that every scrape
# sums (prometheus_client's multiprocess mode). Set before the application is loaded, emptied
# when gunicorn starts (timings of an earlier run would be counted again), and a stopped
# worker's files are marked dead. The default lies in the data directory, as settings.DATA_DIR.
_metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    str(
        Path(os.environ.get("ORANJE_DATA_DIR") or Path(__file__).resolve().parents[2] / "var")
        / "prometheus"
    ),
)


def on_starting(server: Any) -> None:
    directory = Path(_metrics_dir)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, _metrics_dir)
