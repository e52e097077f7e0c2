"""A task carries the request id of the request that queued it (docs/operations.md, "Logs").

When a task is queued in the database while a request id is known — in a request, or in a
task that itself came from one — a `TaskOrigin` row records the id next to the task. The
worker reads it back when it runs the task (`task_log_context`), so the task's log lines
carry the request's id and their own task id. The rooms queue their tasks as always: this
listens to django-tasks' `task_enqueued` signal and needs no argument of theirs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from django.db import DatabaseError, transaction
from django_tasks_db.backend import TaskResult as DatabaseTaskResult

from oranje.core.logs import current_request_id, log_context
from oranje.core.models import TaskOrigin

log = logging.getLogger(__name__)


def record_origin(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """`task_enqueued` listener: note the current request id with a task queued in the
    database. Tasks of other backends, and tasks queued outside any request, get none."""
    request_id = current_request_id()
    if request_id is None or not isinstance(task_result, DatabaseTaskResult):
        return
    try:
        # A savepoint: a failure here must not break the transaction that queued the task.
        with transaction.atomic():
            TaskOrigin.objects.create(task_id=task_result.db_result.pk, request_id=request_id)
    except DatabaseError:
        # The task is queued; only the trace to its request is lost. Never fail the caller.
        log.exception("task %s: its request id could not be recorded", task_result.id)


def origin_request_id(task_pk: UUID | str) -> str | None:
    """The request id recorded with this task, if any."""
    origins = TaskOrigin.objects.filter(task_id=UUID(str(task_pk)))
    return origins.values_list("request_id", flat=True).first()


@contextmanager
def task_log_context(task_pk: UUID | str) -> Iterator[None]:
    """Run a task with its own id and its request's id (when recorded) on every log line."""
    with log_context(request_id=origin_request_id(task_pk), task_id=str(task_pk)):
        yield
