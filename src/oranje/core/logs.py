"""Log lines that can be followed from a request into its tasks (docs/operations.md, "Logs").

Every record that reaches a handler carrying `ContextFilter` gets three fields: `request_id`
(the request it belongs to, also inside the tasks that request queued), `task_id` and
`worker_id` (inside `oranje worker`). They live in context variables, set by the request-id
middleware and by the worker around each task with `log_context`.

Two formatters: `TextFormatter` (the default, one readable line) and `JsonFormatter`
(`ORANJE_LOG_FORMAT=json`, one JSON object per line for a log collector). Both write only
fixed fields and the message the code logged: never the request's parameters, headers, user
or body, which is where person data would come from.

Standard library only: gunicorn's master may load this before Django is set up.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("oranje_request_id", default=None)
task_id_var: ContextVar[str | None] = ContextVar("oranje_task_id", default=None)
worker_id_var: ContextVar[str | None] = ContextVar("oranje_worker_id", default=None)

#: The key under which gunicorn's access line offers the response's `X-Request-ID` header.
GUNICORN_REQUEST_ID_ATOM = "{x-request-id}o"
#: PostgreSQL explains a constraint violation with the offending values ("DETAIL:  Key
#: (email)=(…) already exists"): a person's data, so that line is left out of a log.
_DETAIL_LINE = re.compile(r"^DETAIL:.*$\n?", re.MULTILINE)


def current_request_id() -> str | None:
    """The request id of the request (or the task of a request) running now, if any."""
    return request_id_var.get()


@contextmanager
def log_context(
    *,
    request_id: str | None = None,
    task_id: str | None = None,
    worker_id: str | None = None,
) -> Iterator[None]:
    """Put these ids on every log record within the block; only the ids given are changed,
    and all are back to what they were afterwards (also when the block raises)."""
    tokens = [
        (var, var.set(value))
        for var, value in (
            (request_id_var, request_id),
            (task_id_var, task_id),
            (worker_id_var, worker_id),
        )
        if value is not None
    ]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


class ContextFilter(logging.Filter):
    """Puts `request_id`, `task_id` and `worker_id` on each record (None when absent).

    Attach it to handlers, not loggers: a handler's filter also sees the records that
    propagate to it from every logger below, Django's and gunicorn's included.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = (
                request_id_var.get()
                or _django_request_id(record)
                or _gunicorn_access_request_id(record)
            )
        if getattr(record, "task_id", None) is None:
            record.task_id = task_id_var.get()
        if getattr(record, "worker_id", None) is None:
            record.worker_id = worker_id_var.get()
        return True


def _django_request_id(record: logging.LogRecord) -> str | None:
    # Django logs a 4xx or 5xx response after the middleware returned it, outside the
    # request's context, with the request on the record.
    value = getattr(getattr(record, "request", None), "request_id", None)
    return value if isinstance(value, str) else None


def _gunicorn_access_request_id(record: logging.LogRecord) -> str | None:
    # gunicorn writes its access line after the response, outside the request's context; the
    # response's X-Request-ID header is among the line's arguments.
    if record.name != "gunicorn.access" or not isinstance(record.args, Mapping):
        return None
    try:
        value = record.args[GUNICORN_REQUEST_ID_ATOM]
    except KeyError:
        return None
    return value if isinstance(value, str) and value not in ("", "-") else None


def _utc_time(record: logging.LogRecord) -> str:
    moment = dt.datetime.fromtimestamp(record.created, tz=dt.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Formatter(logging.Formatter):
    def exception_text(self, record: logging.LogRecord) -> str | None:
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if not record.exc_text:
            return None
        return _DETAIL_LINE.sub("", record.exc_text)


class JsonFormatter(_Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the three ids
    (null when absent) and, when the record holds one, the exception with its traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": _utc_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "task_id": getattr(record, "task_id", None),
            "worker_id": getattr(record, "worker_id", None),
        }
        exception = self.exception_text(record)
        if exception:
            entry["exception"] = exception
        if record.stack_info:
            entry["stack"] = record.stack_info
        # default=str: a message argument that JSON cannot hold still yields a line.
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(_Formatter):
    """`2026-12-06T05:10:00.123Z WARNING oranje.readiness.tasks [req=… task=…] message`."""

    def format(self, record: logging.LogRecord) -> str:
        ids = " ".join(
            f"{label}={value}"
            for label, value in (
                ("req", getattr(record, "request_id", None)),
                ("task", getattr(record, "task_id", None)),
                ("worker", getattr(record, "worker_id", None)),
            )
            if value
        )
        line = f"{_utc_time(record)} {record.levelname} {record.name} [{ids or '-'}] "
        line += record.getMessage()
        exception = self.exception_text(record)
        if exception:
            line += "\n" + exception
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line


def logging_config(*, log_format: str, level: str) -> dict[str, object]:
    """The `LOGGING` setting: one console handler (stderr, which systemd's journal keeps) in
    the chosen format, for Oranje's, Django's and gunicorn's loggers alike."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "oranje.core.logs.ContextFilter"}},
        "formatters": {
            "text": {"()": "oranje.core.logs.TextFormatter"},
            "json": {"()": "oranje.core.logs.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["context"],
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's defaults mail admins and print to the console only with DEBUG; its
            # request errors (a 500's traceback) go to this handler like everything else.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            # gunicorn gives its loggers handlers of its own and stops them propagating; these
            # replace them once the application is loaded (preload_app: in the master, before
            # any worker starts), so gunicorn's errors and access lines are in the same format.
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
