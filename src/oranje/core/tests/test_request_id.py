"""Request ids: taken from the proxy or made, returned to the client, on the request's log lines,
and carried by the tasks the request (or its task) queues."""

import io
import json
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from oranje.core.logs import ContextFilter, JsonFormatter, current_request_id, log_context
from oranje.core.models import TaskOrigin
from oranje.core.request_id import request_id_for
from oranje.core.task_origin import origin_request_id
from oranje.core.tests.tasks import nothing

pytestmark = pytest.mark.django_db

NEW_ID = re.compile(r"[0-9a-f]{32}")


def test_the_proxys_request_id_is_kept_and_returned() -> None:
    response = Client().get(reverse("core:login"), HTTP_X_REQUEST_ID="4f1c2a9be0d3.nginx-01")
    assert response["X-Request-ID"] == "4f1c2a9be0d3.nginx-01"


@pytest.mark.parametrize(
    "incoming",
    [
        "short",  # under 8 characters
        "x" * 65,  # over 64
        "abc def ghij",  # a space
        "abcdefgh\nFAKE log line",  # a line break would forge a log line
        '"}{"level": "CRITICAL"',
        "jan@example.nl",  # not a token
    ],
)
def test_an_unsafe_request_id_is_replaced_by_a_new_one(incoming: str) -> None:
    response = Client().get(reverse("core:login"), HTTP_X_REQUEST_ID=incoming)
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_without_a_header_every_request_gets_its_own_id() -> None:
    client = Client()
    first = client.get(reverse("core:login"))["X-Request-ID"]
    second = client.get(reverse("core:login"))["X-Request-ID"]
    assert NEW_ID.fullmatch(first) and NEW_ID.fullmatch(second) and first != second
    assert request_id_for(None) != request_id_for("")


def test_djangos_request_log_line_carries_the_id_and_it_is_gone_after_the_request() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    django_request = logging.getLogger("django.request")
    django_request.addHandler(handler)
    try:
        response = Client().get("/bestaat-niet/", HTTP_X_REQUEST_ID="req-404-abcdef")
    finally:
        django_request.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(stream.getvalue().splitlines()[0])
    assert entry["message"] == "Not Found: /bestaat-niet/"
    assert entry["request_id"] == "req-404-abcdef"
    assert current_request_id() is None


def test_a_task_queued_with_a_request_id_records_it_and_one_without_records_none() -> None:
    with log_context(request_id="req-queued-1"):
        traced = nothing.enqueue()
    untraced = nothing.enqueue()
    assert origin_request_id(traced.id) == "req-queued-1"
    assert origin_request_id(untraced.id) is None
    assert TaskOrigin.objects.count() == 1
    DBTaskResult.objects.filter(pk=traced.id).delete()  # the origin goes with its task
    assert not TaskOrigin.objects.exists()
