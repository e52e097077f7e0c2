"""The worker's beat, takeover of tasks whose worker vanished, and the upkeep registry."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oranje.core import worker
from oranje.core.models import WorkerBeat
from oranje.core.tests.tasks import nothing

pytestmark = pytest.mark.django_db


def _running(worker_ids: list[str], started: dt.datetime) -> DBTaskResult:
    result = nothing.enqueue()
    task = DBTaskResult.objects.get(pk=result.id)
    task.status, task.worker_ids, task.started_at = "RUNNING", worker_ids, started
    task.save()
    return task


def test_a_task_whose_worker_vanished_runs_again(settings) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    now = timezone.now()
    old = now - dt.timedelta(seconds=31)
    worker.beat("alive", now=now - dt.timedelta(seconds=5))
    worker.beat("dead", now=old)
    gone = _running(["dead"], old)
    never_beat = _running(["w-of-an-old-version"], old)
    alive = _running(["alive"], old)
    fresh = _running(["dead"], now - dt.timedelta(seconds=2))  # just claimed: wait a lease

    assert worker.reclaim_tasks(now) == 2

    statuses = {t.pk: t.status for t in DBTaskResult.objects.all()}
    assert statuses[gone.pk] == statuses[never_beat.pk] == "READY"
    assert statuses[alive.pk] == statuses[fresh.pk] == "RUNNING"
    assert DBTaskResult.objects.get(pk=gone.pk).started_at is None
    # The worker that took it over appends its id when it claims the task again.
    assert DBTaskResult.objects.ready().filter(pk=gone.pk).exists()


def test_a_task_that_keeps_killing_its_worker_fails_instead_of_looping(settings) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    now = timezone.now()
    task = _running([f"w{i}" for i in range(worker.MAX_CLAIMS)], now - dt.timedelta(minutes=5))
    assert worker.reclaim_tasks(now) == 0
    task.refresh_from_db()
    assert task.status == "FAILED" and "stopped 5 times" in task.traceback


def test_beats_and_old_beats_are_forgotten(settings) -> None:
    now = timezone.now()
    worker.beat("w1", now=now - dt.timedelta(days=2))
    worker.beat("w2", now=now - dt.timedelta(days=2))
    worker.beat("w2", now=now)  # beats again: one row, moved on
    assert worker.live_workers(now) == {"w2"}
    worker.reclaim_tasks(now)
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["w2"]


def test_upkeep_runs_when_due_and_one_failure_does_not_stop_the_rest(monkeypatch) -> None:
    monkeypatch.setattr(worker, "_upkeep", {})
    ran: list[str] = []

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("boom")

    worker.register_upkeep("a", broken, every=3600)
    worker.register_upkeep("b", lambda: ran.append("b"), every=3600)
    worker.run_upkeep()
    worker.run_upkeep()  # not due again within the hour
    assert ran == ["broken", "b"]
    worker.run_upkeep(force=True)
    assert ran == ["broken", "b", "broken", "b"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_batch_worker_beats_schedules_the_daily_round_and_leaves_no_beat() -> None:
    # A real transaction: the worker opens and closes its own database connections.
    from django.core.management import call_command

    call_command("worker", batch=True)
    path = "oranje.readiness.tasks.readiness_daily"
    assert DBTaskResult.objects.filter(task_path=path, status="READY").count() == 1
    assert not WorkerBeat.objects.exists()


def test_a_worker_of_this_machine_whose_process_is_gone_is_taken_over_at_once(settings) -> None:
    import os
    import socket
    import subprocess
    import sys

    settings.WORKER_LEASE_SECONDS = 30
    dead_pid = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_pid.wait()
    now = timezone.now()
    WorkerBeat.objects.create(
        worker_id="killed", host=socket.gethostname(), pid=dead_pid.pid, beat_at=now
    )
    WorkerBeat.objects.create(
        worker_id="me", host=socket.gethostname(), pid=os.getppid(), beat_at=now
    )
    killed = _running(["killed"], now)  # claimed a moment ago, beat a moment ago
    running = _running(["me"], now)
    assert worker.gone_workers() == {"killed"}
    assert worker.reclaim_tasks(now) == 1
    killed.refresh_from_db()
    running.refresh_from_db()
    assert (killed.status, running.status) == ("READY", "RUNNING")
