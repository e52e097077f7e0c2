"""An incident traced through the logs: one `grep <request id>` over the JSON lines finds the
request and everything the task it queued logged in the worker (docs/operations.md, "Logs")."""

import datetime as dt
import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oranje.core.logs import ContextFilter, JsonFormatter
from oranje.core.task_origin import origin_request_id
from oranje.core.worker import run_worker
from oranje.organisation.tests.factories import build_world, make_shift
from oranje.readiness import services
from oranje.readiness.models import AlarmRecipient
from oranje.readiness.tests.conftest import OVD_PROFILE, qualify

REQUEST_ID = "7f3a9c01e2b4.proxy-1"


class RefusingMailServer(BaseEmailBackend):
    """The mail server is down: the task logs a warning, which is what an operator traces."""

    def send_messages(self, email_messages: object) -> int:
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Every line logged from INFO up, as the production handler writes it with JSON on."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    root, django_logger = logging.getLogger(), logging.getLogger("django")
    level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    django_logger.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        django_logger.removeHandler(handler)
        root.setLevel(level)


def grep(stream: io.StringIO, text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if text in line]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_grep_for_the_request_id_finds_what_the_task_of_that_request_logged_in_the_worker(
    settings, json_log: io.StringIO
) -> None:
    # A real transaction: the task is queued on commit and the worker opens its own connection.
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    world = build_world()
    services.profile_publish(
        actor=world.admin, function=world.ovd, region=None, requirements=OVD_PROFILE
    )
    officer = world.officers[0]
    qualify(world, officer, timezone.localdate())
    make_shift(world.ovd_pool, world.ovd, officer, timezone.now() - dt.timedelta(hours=1))
    client = Client()
    client.force_login(world.coordinator)

    response = client.post(
        reverse("readiness:alarm_tests"),
        {"functions": [world.ovd.pk], "message": ""},
        HTTP_X_REQUEST_ID=REQUEST_ID,
    )
    assert response.status_code == 302 and response["X-Request-ID"] == REQUEST_ID
    task = DBTaskResult.objects.get(task_path="oranje.readiness.tasks.send_alarm_test")
    assert task.status == "READY" and origin_request_id(task.pk) == REQUEST_ID
    assert grep(json_log, REQUEST_ID) == []  # nothing ran yet: the mail goes from the worker

    run_worker(batch=True)

    lines = grep(json_log, REQUEST_ID)
    failed = [line for line in lines if line["logger"] == "oranje.readiness.tasks"]
    assert len(failed) == 1 and "mail to recipient" in str(failed[0]["message"])
    assert failed[0]["level"] == "WARNING"
    assert failed[0]["task_id"] == str(task.pk) and failed[0]["worker_id"]
    # The task's start and end, logged by django-tasks, carry it too.
    assert {line["logger"] for line in lines} == {"oranje.readiness.tasks", "django_tasks"}
    assert all(line["task_id"] == str(task.pk) for line in lines)
    assert AlarmRecipient.objects.get().delivery_error  # the reason is kept, for the report
    assert officer.email not in json_log.getvalue()  # never a person's address in a log

    # The daily round the worker scheduled for itself came from no request: no id, no trace.
    daily = DBTaskResult.objects.get(task_path="oranje.readiness.tasks.readiness_daily")
    assert origin_request_id(daily.pk) is None
    worker_lines = grep(json_log, '"logger": "oranje.core.worker"')
    assert worker_lines and all(line["request_id"] is None for line in worker_lines)
