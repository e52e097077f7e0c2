"""The reaper: deliveries and escalation timers never wait for ever on a worker that vanished."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oranje.alerting.constants import Channel, DeliveryStatus, Step
from oranje.alerting.delivery import delivery_claim
from oranje.alerting.models import Alert, Delivery, FunctionCall
from oranje.alerting.reaper import MAX_ATTEMPTS, reap
from oranje.core import worker
from oranje.incidents.tests.factories import OnCall, scale, start_incident

pytestmark = pytest.mark.django_db

DELIVER = "oranje.alerting.tasks.deliver"


def _queued(on_call: OnCall, capture) -> list[int]:  # type: ignore[no-untyped-def]
    """A scaling whose delivery tasks were lost (the process died after its commit)."""
    world = on_call.world
    world.officers[0].user = None  # no app channel: the mail is all there is
    world.officers[0].save()
    with capture(execute=False):
        scale(world, start_incident(world), 1)
    return list(Delivery.objects.values_list("pk", flat=True))


def _tasks() -> list[list[int]]:
    return [
        r["args"][0]
        for r in DBTaskResult.objects.filter(task_path=DELIVER).values_list(
            "args_kwargs", flat=True
        )
    ]


def test_deliveries_of_a_vanished_worker_are_queued_again_those_of_a_live_one_not(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    [pk] = _queued(on_call, django_capture_on_commit_callbacks)
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    Delivery.objects.update(due_at=long_ago)
    worker.beat("alive")
    assert delivery_claim([pk], claim="alive/x", now=long_ago) == [pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert reap().requeued == 0  # a long batch of a worker that still beats
    assert Delivery.objects.get().status == DeliveryStatus.SENDING

    worker.WorkerBeat.objects.all().delete()  # it vanished
    with django_capture_on_commit_callbacks(execute=True):
        done = reap()
    assert done.requeued == 1
    d = Delivery.objects.get()
    assert (d.status, d.claimed_by, d.claimed_until, d.attempts) == ("pending", "", None, 1)
    assert _tasks() == [[pk]]  # and it has a task again
    with django_capture_on_commit_callbacks(execute=True):
        assert reap().orphans == 0  # not twice


def test_a_delivery_that_keeps_killing_its_worker_fails_and_the_call_climbs(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    [pk] = _queued(on_call, django_capture_on_commit_callbacks)
    long_ago = timezone.now() - dt.timedelta(minutes=2)
    Delivery.objects.update(due_at=long_ago, attempts=MAX_ATTEMPTS - 1)
    delivery_claim([pk], claim="gone/x", now=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert reap().failed == 1
    d = Delivery.objects.get(pk=pk)
    assert d.status == DeliveryStatus.FAILED and "Werkproces stopte" in d.last_error
    assert Alert.objects.get(person=on_call.world.officers[0]).unreachable
    assert FunctionCall.objects.get().step == Step.SOFT


def test_a_queued_delivery_without_a_task_gets_one_after_a_lease(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    [pk] = _queued(on_call, django_capture_on_commit_callbacks)
    assert _tasks() == []
    with django_capture_on_commit_callbacks(execute=True):
        assert reap().orphans == 0  # just queued: its task may still come
    Delivery.objects.update(due_at=timezone.now() - dt.timedelta(seconds=31))
    with django_capture_on_commit_callbacks(execute=True):
        assert reap().orphans == 1
        assert reap().orphans == 0  # its task now waits
    assert _tasks() == [[pk]]
    assert Delivery.objects.get().channel == Channel.EMAIL


def test_an_escalation_timer_whose_task_was_lost_runs(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    _queued(on_call, django_capture_on_commit_callbacks)
    call = FunctionCall.objects.get()
    due = timezone.now() - dt.timedelta(minutes=1)
    FunctionCall.objects.update(next_escalation_at=due)
    assert reap().timers == 1
    assert reap().timers == 0
    [timer] = DBTaskResult.objects.filter(task_path="oranje.alerting.tasks.escalate_call")
    assert timer.args_kwargs["args"] == [call.pk, due.isoformat()]
    from oranje.alerting.tasks import escalate_call

    assert escalate_call.call(*timer.args_kwargs["args"])  # and it climbs
    assert FunctionCall.objects.get().step == Step.SOFT


def test_a_claim_stuck_far_past_its_lease_is_taken_back_even_from_a_live_worker(
    on_call: OnCall,
    settings,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    [pk] = _queued(on_call, django_capture_on_commit_callbacks)
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    Delivery.objects.update(due_at=an_hour_ago)
    worker.beat("alive")
    delivery_claim([pk], claim="alive/x", now=an_hour_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert reap().requeued == 1


def test_a_batch_that_breaks_off_gives_its_claims_back_at_once(
    on_call: OnCall,
    monkeypatch,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from oranje.alerting import delivery

    [pk] = _queued(on_call, django_capture_on_commit_callbacks)

    def database_gone(**kwargs: object) -> bool:
        raise RuntimeError("database gone")

    monkeypatch.setattr(delivery, "delivery_record", database_gone)
    with pytest.raises(RuntimeError):
        delivery.deliver_batch([pk])
    d = Delivery.objects.get()
    assert (d.status, d.claimed_by, d.attempts) == (DeliveryStatus.PENDING, "", 1)
