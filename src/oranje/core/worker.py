"""`oranje worker`: Django's database task queue (django-tasks-db), run so that a killed worker
loses nothing.

- Every worker process beats: a `WorkerBeat` row it updates every third of the lease
  (ORANJE_WORKER_LEASE_SECONDS), from a thread, so a long task does not stop the beat.
- A task left RUNNING by a worker whose beat is older than the lease is put back to READY and
  runs again (`reclaim_tasks`); tasks must therefore be safe to run twice. A task that took
  down its worker `MAX_CLAIMS` times is marked failed instead of looping for ever.
- Rooms hang periodic upkeep on the worker loop with `register_upkeep` (from their
  AppConfig.ready), so core imports no room: alerting requeues deliveries whose sender
  vanished, readiness makes sure its daily round is scheduled.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from oranje.core import systemd
from oranje.core.logs import log_context
from oranje.core.models import WorkerBeat
from oranje.core.task_origin import task_log_context

log = logging.getLogger(__name__)

#: Times a task may be claimed (the first run plus takeovers) before it counts as failed.
MAX_CLAIMS = 5
#: Beats of workers gone this long are removed.
FORGET_AFTER = dt.timedelta(days=1)


@dataclass
class Upkeep:
    name: str
    run: Callable[[], object]
    #: Seconds between runs; None: a third of the lease.
    every: float | None = None
    last: float = field(default=float("-inf"))

    def interval(self) -> float:
        return self.every if self.every is not None else lease_seconds() / 3


_upkeep: dict[str, Upkeep] = {}
_worker_id: str | None = None


def register_upkeep(name: str, run: Callable[[], object], *, every: float | None = None) -> None:
    """Run `run()` from every worker's loop, at most once per `every` seconds (and once at
    start). Registering the same name again replaces it."""
    _upkeep[name] = Upkeep(name, run, every)


def lease_seconds() -> float:
    return float(settings.WORKER_LEASE_SECONDS)


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=lease_seconds())


def current_worker_id() -> str:
    """This worker's id; outside `oranje worker` (a test, a web process) host and pid."""
    return _worker_id or f"{socket.gethostname()[:40]}:{os.getpid()}"


def beat(worker_id: str, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        WorkerBeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=now,
            beat_at=now,
        )


def _running_here(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def live_workers(now: dt.datetime | None = None) -> set[str]:
    """Ids of the workers that beat within the lease, less those of this machine whose
    process is gone (a killed worker on this machine is known gone at once)."""
    cutoff = (now or timezone.now()) - lease()
    host = socket.gethostname()[:255]
    beats = WorkerBeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", "host", "pid")
    return {
        worker_id
        for worker_id, on, pid in beats
        if on != host or not pid or pid == os.getpid() or _running_here(pid)
    }


def gone_workers() -> set[str]:
    """Ids of the workers of this machine whose process is gone, whatever their beat says."""
    host = socket.gethostname()[:255]
    beats = WorkerBeat.objects.filter(host=host).exclude(pid=os.getpid())
    return {w for w, pid in beats.values_list("worker_id", "pid") if pid and not _running_here(pid)}


def reclaim_tasks(now: dt.datetime | None = None) -> int:
    """Put RUNNING tasks whose worker stopped beating back to READY. Returns how many."""
    now = now or timezone.now()
    cutoff = now - lease()
    live, gone = live_workers(now), gone_workers()
    reclaimed = 0
    running = DBTaskResult.objects.filter(status="RUNNING")
    for pk, worker_ids, task_path, started in running.values_list(
        "pk", "worker_ids", "task_path", "started_at"
    ):
        holder = worker_ids[-1] if worker_ids else ""
        if holder not in gone and (holder in live or started is None or started >= cutoff):
            continue  # alive, or claimed so lately that its first beat may still come
        # Only if nobody claimed it again meanwhile (a claim sets a new started_at).
        mine = DBTaskResult.objects.filter(pk=pk, status="RUNNING", started_at=started)
        if len(worker_ids) >= MAX_CLAIMS:
            mine.update(
                status="FAILED",
                finished_at=now,
                exception_class_path="oranje.core.worker.WorkerVanished",
                traceback=f"The worker stopped {len(worker_ids)} times while running this task.",
            )
            log.error("task %s (%s): its worker vanished too often", pk, task_path)
            continue
        if mine.update(status="READY", started_at=None):
            reclaimed += 1
            log.warning("task %s (%s) taken over: worker %s stopped", pk, task_path, worker_ids)
    WorkerBeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
    return reclaimed


register_upkeep("core.reclaim_tasks", reclaim_tasks)


def run_upkeep(*, force: bool = False) -> None:
    """Run the upkeep that is due; one failing upkeep is logged and does not stop the rest."""
    for item in list(_upkeep.values()):
        clock = time.monotonic()
        if not force and clock - item.last < item.interval():
            continue
        item.last = clock
        try:
            item.run()
        except Exception:
            log.exception("upkeep %s failed", item.name)
            close_old_connections()


class Heartbeat(threading.Thread):
    """Beats for the worker while it runs a task, on its own database connection."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="oranje-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        # A thread starts with an empty context: its lines name their worker here.
        with log_context(worker_id=self.worker_id):
            while not self.stopped.wait(lease_seconds() / 3):
                try:
                    beat(self.worker_id)
                except Exception:
                    log.exception("heartbeat failed")
                else:
                    # Only a beat that reached the database keeps systemd's watchdog quiet.
                    systemd.watchdog()
                finally:
                    connection.close()


class OranjeWorker(Worker):
    """The library's worker loop with a beat and the upkeep before each claim."""

    def run(self) -> None:
        log.info("worker %s starting", self.worker_id)
        beat(self.worker_id)
        systemd.ready(f"worker {self.worker_id}")
        while self.running:
            close_old_connections()
            run_upkeep()
            task_result, retrieved = self._claim()
            if task_result is not None:
                self.run_task(task_result)
            if self.batch and retrieved and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # The task's lines carry its id and the id of the request that queued it.
        with task_log_context(db_task_result.pk):
            super().run_task(db_task_result)

    def _claim(self) -> tuple[DBTaskResult | None, bool]:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return None, False
            raise
        return task_result, True


def run_worker(*, batch: bool = False, interval: float = 1.0, max_tasks: int | None = None) -> None:
    """Run this process as a worker until stopped (or, in batch mode, until nothing is due)."""
    global _worker_id
    host = socket.gethostname()[:30]
    _worker_id = f"{host}-{os.getpid()}-{get_random_string(8)}"
    worker = OranjeWorker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=_worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    heartbeat = None if batch else Heartbeat(_worker_id)
    if heartbeat is not None:
        heartbeat.start()
    try:
        with log_context(worker_id=_worker_id):
            worker.run()
    finally:
        if heartbeat is not None:
            heartbeat.stopped.set()
        worker.reset_signals()
        WorkerBeat.objects.filter(worker_id=_worker_id).delete()
        _worker_id = None
