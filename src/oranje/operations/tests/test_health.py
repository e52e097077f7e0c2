"""`/gezond/`: a load balancer learns whether this instance is fit for traffic, and which
check fails — never the details, which go to the log."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from oranje.aftercare.models import NewsletterItem, ThankYou, ThankYouItem
from oranje.aftercare.tests.newsletter_helpers import cases, draft
from oranje.alerting.models import Delivery
from oranje.communication.models import Mailing, MailingItem
from oranje.communication.tests.mailing_helpers import consenting, published
from oranje.core import worker
from oranje.core.models import WorkerBeat
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.operations import health as health_module
from oranje.operations.health import OUTBOXES
from oranje.partners.tests.factories import make_partner

pytestmark = pytest.mark.django_db

URL = "/gezond/"
TASK = "oranje.alerting.tasks.deliver"


@pytest.fixture(autouse=True)
def _nothing_logged_yet() -> None:
    health_module._last_logged.clear()


@pytest.fixture
def healthy(on_call: OnCall, django_capture_on_commit_callbacks: Any, settings: Any) -> OnCall:
    """A worker that beats, and one fresh queued row in every outbox (due now: not late).
    The lease is long so that a slow first request on a busy machine does not outlive it."""
    settings.WORKER_LEASE_SECONDS = 3600
    world = on_call.world
    worker.beat("w1")
    incident = start_incident(world)
    with django_capture_on_commit_callbacks(execute=False):
        scale(world, incident, 1)
    assert Delivery.objects.filter(status="pending").exists()
    mailing = Mailing.objects.create(message=published(incident), channel="email")
    [person] = consenting(incident, 1)
    MailingItem.objects.create(mailing=mailing, person=person)
    [case] = cases(incident, 1)
    NewsletterItem.objects.create(newsletter=draft(incident), case=case, channel="email")
    thanks = ThankYou.objects.create(incident=incident, text="Dank voor uw inzet.")
    ThankYouItem.objects.create(thank_you=thanks, person=world.officers[0], channel="email")
    return on_call


def _answer(client: Client, method: str = "get") -> tuple[int, dict[str, Any]]:
    response = getattr(client, method)(URL)
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    body = json.loads(response.content) if response.content else {}
    return response.status_code, body


def _ago(seconds: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=seconds)


def _overdue_task(seconds: float, *, run_after: dt.datetime | None = None) -> DBTaskResult:
    """A READY task queued `seconds` ago; without `run_after` as soon as possible (stored as
    the far future, as django-tasks-db does)."""
    task = DBTaskResult.objects.create(
        task_path=TASK,
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=_ago(seconds))
    return task


def test_a_healthy_instance_answers_200_ok(healthy: OnCall, client: Client) -> None:
    assert _answer(client) == (200, {"status": "ok"})


def test_head_answers_like_get_without_a_body(healthy: OnCall, client: Client) -> None:
    response = client.head(URL)
    assert (response.status_code, response.content) == (200, b"")
    assert response["Cache-Control"] == "no-store"


def test_other_methods_are_refused(healthy: OnCall, client: Client) -> None:
    assert client.post(URL).status_code == 405


def test_without_a_beating_worker_it_fails_on_worker(
    healthy: OnCall, client: Client, settings: Any
) -> None:
    settings.WORKER_LEASE_SECONDS = 30
    WorkerBeat.objects.update(beat_at=_ago(31))
    assert _answer(client) == (503, {"status": "fail", "failing": ["worker"]})
    worker.beat("w2")
    assert _answer(client) == (200, {"status": "ok"})


def test_a_task_due_longer_than_the_limit_fails_on_queue(
    healthy: OnCall, client: Client, settings: Any
) -> None:
    settings.HEALTH_QUEUE_AGE_SECONDS = 120
    task = _overdue_task(100)
    assert _answer(client) == (200, {"status": "ok"})  # waiting, but not yet too long
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=_ago(121))
    assert _answer(client) == (503, {"status": "fail", "failing": ["queue"]})
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING")  # a worker took it
    assert _answer(client) == (200, {"status": "ok"})


def test_a_task_counts_as_waiting_from_its_run_after_not_from_when_it_was_queued(
    healthy: OnCall, client: Client, settings: Any
) -> None:
    settings.HEALTH_QUEUE_AGE_SECONDS = 120
    task = _overdue_task(3600, run_after=_ago(60))  # queued an hour ago for a minute ago
    assert _answer(client) == (200, {"status": "ok"})
    _overdue_task(3600, run_after=timezone.now() + dt.timedelta(hours=1))  # not due yet
    assert _answer(client) == (200, {"status": "ok"})
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=_ago(121))
    assert _answer(client) == (503, {"status": "fail", "failing": ["queue"]})


def test_finished_tasks_however_old_are_no_backlog(
    healthy: OnCall, client: Client, settings: Any
) -> None:
    for status in ("SUCCESSFUL", "FAILED"):
        task = _overdue_task(86_400)
        DBTaskResult.objects.filter(pk=task.pk).update(status=status)
    assert _answer(client) == (200, {"status": "ok"})


@pytest.mark.parametrize("outbox", OUTBOXES, ids=lambda o: o.model._meta.label)
def test_a_message_queued_longer_than_the_limit_in_any_outbox_fails_on_mail(
    healthy: OnCall, client: Client, settings: Any, outbox: Any
) -> None:
    settings.HEALTH_MAIL_BACKLOG_SECONDS = 300
    rows = outbox.model._default_manager.filter(status=outbox.queued)
    assert rows.update(due_at=_ago(290))
    assert _answer(client) == (200, {"status": "ok"})
    rows.update(due_at=_ago(301))
    assert _answer(client) == (503, {"status": "fail", "failing": ["mail"]})
    rows.update(status="sent")  # sent at last
    assert _answer(client) == (200, {"status": "ok"})


def test_every_room_that_claims_from_an_outbox_to_send_is_checked() -> None:
    """A new outbox (a room calling core.outbox.claim_due) is added to OUTBOXES, or it is
    the photo queue that sends nothing."""
    from pathlib import Path

    import oranje

    root = Path(oranje.__file__).parent
    claiming = {
        path.relative_to(root).parts[0]
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "outbox.claim_due(" in path.read_text()
    }
    checked = {outbox.model._meta.app_label for outbox in OUTBOXES}
    assert claiming - checked == {"damage"}


def test_several_failures_are_all_named_and_the_details_go_to_the_log(
    healthy: OnCall, client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.HEALTH_QUEUE_AGE_SECONDS = 120
    WorkerBeat.objects.all().delete()
    _overdue_task(600)
    Delivery.objects.update(due_at=_ago(3600))
    with caplog.at_level(logging.WARNING):
        status, body = _answer(client)
    assert (status, body) == (503, {"status": "fail", "failing": ["queue", "worker", "mail"]})
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3  # not a fourth "Service Unavailable" from django.request
    assert TASK in lines[0] and "600 s" in lines[0]
    assert "ORANJE_WORKER_LEASE_SECONDS" in lines[1]
    assert "alerting.Delivery" in lines[2]


def test_a_database_that_fails_answers_503_database_not_a_500(
    healthy: OnCall,
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError('connection to server at "db.internal" failed: Connection refused')

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    with caplog.at_level(logging.WARNING, logger="oranje.operations.health"):
        response = client.get(URL)
    monkeypatch.undo()
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "fail", "failing": ["database"]}
    assert b"db.internal" not in response.content and b"Traceback" not in response.content
    assert any("db.internal" in r.getMessage() for r in caplog.records)


def test_a_database_lost_between_checks_fails_on_the_checks_that_needed_it(
    healthy: OnCall, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = CursorWrapper.execute
    calls: list[str] = []

    def first_then_refuse(self: CursorWrapper, sql: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(sql)
        if len(calls) > 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(self, sql, *args, **kwargs)

    monkeypatch.setattr(CursorWrapper, "execute", first_then_refuse)
    response = client.get(URL)
    monkeypatch.undo()
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "fail",
        "failing": ["queue", "worker", "mail"],
    }


@pytest.mark.parametrize("who", ["anonymous", "partner", "coordinator"])
def test_anyone_gets_the_answer_without_login_and_without_a_cookie(
    healthy: OnCall, client: Client, who: str
) -> None:
    world = healthy.world
    if who == "partner":
        client.force_login(make_partner(world.region))
    elif who == "coordinator":
        client.force_login(world.coordinator)
    assert _answer(client) == (200, {"status": "ok"})
    WorkerBeat.objects.all().delete()
    assert _answer(client) == (503, {"status": "fail", "failing": ["worker"]})


def test_the_answer_has_no_details(healthy: OnCall, client: Client, settings: Any) -> None:
    """Names only: no counts, ages, hosts, task names or error texts for the public."""
    WorkerBeat.objects.all().delete()
    _overdue_task(86_400)
    Delivery.objects.update(due_at=_ago(86_400))
    response = client.get(URL)
    body = json.loads(response.content)
    assert set(body) == {"status", "failing"}
    assert all(name in {"database", "queue", "worker", "mail"} for name in body["failing"])
    assert response["Content-Type"] == "application/json"
    assert len(response.content) < 80


@pytest.mark.parametrize("failing", [False, True])
def test_it_costs_a_bounded_number_of_queries(
    healthy: OnCall,
    client: Client,
    failing: bool,
    django_assert_max_num_queries: Callable[[int], Any],
) -> None:
    if failing:
        WorkerBeat.objects.all().delete()
        _overdue_task(86_400)
        Delivery.objects.update(due_at=_ago(86_400))
    with django_assert_max_num_queries(4):  # the database, the queue, the workers, the outboxes
        client.get(URL)


def test_a_balancer_probing_over_plain_http_is_not_redirected_to_https(
    healthy: OnCall, client: Client, settings: Any
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert _answer(client) == (200, {"status": "ok"})
    assert client.get("/inloggen/").status_code == 301  # the rest of the site still is


def test_it_is_not_rate_limited(healthy: OnCall, client: Client) -> None:
    assert {client.get(URL).status_code for _ in range(100)} == {200}


def test_the_instance_check_for_routing_ignores_the_worker_but_not_the_database(
    healthy: OnCall,
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_max_num_queries: Callable[[int], Any],
) -> None:
    WorkerBeat.objects.all().delete()
    Delivery.objects.update(due_at=_ago(86_400))
    assert client.get(URL).status_code == 503
    with django_assert_max_num_queries(1):
        response = client.get("/gezond/web/")
    assert (response.status_code, json.loads(response.content)) == (200, {"status": "ok"})
    assert response["Cache-Control"] == "no-store"

    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get("/gezond/web/")
    monkeypatch.undo()
    assert (response.status_code, json.loads(response.content)) == (
        503,
        {"status": "fail", "failing": ["database"]},
    )


def test_a_probe_is_answered_before_sessions_and_hosts_are_looked_at(
    healthy: OnCall, client: Client, settings: Any, django_assert_max_num_queries: Any
) -> None:
    # A balancer probing a backend by its address sends that address as Host; a session
    # whose second login step is unfinished would redirect any other page to that step.
    settings.ALLOWED_HOSTS = ["oranje.example.nl"]
    assert _answer(Client(HTTP_HOST="10.0.0.11:8000")) == (200, {"status": "ok"})
    settings.REQUIRE_2FA = True
    client.force_login(healthy.world.coordinator)
    with django_assert_max_num_queries(4):  # no session or user is read
        response = client.get(URL, HTTP_HOST="oranje.example.nl")
    assert response.status_code == 200


def test_a_failing_check_is_logged_once_a_minute_not_at_every_probe(
    healthy: OnCall, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    WorkerBeat.objects.all().delete()
    with caplog.at_level(logging.WARNING, logger="oranje.operations.health"):
        for _ in range(5):
            assert client.get(URL).status_code == 503
    assert len([r for r in caplog.records if "'worker'" in r.getMessage()]) == 1
