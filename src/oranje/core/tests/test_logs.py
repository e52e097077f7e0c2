"""Log lines: the JSON and text formats, the ids on every record, and the LOGGING setting."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from oranje.core.logs import (
    GUNICORN_REQUEST_ID_ATOM,
    ContextFilter,
    JsonFormatter,
    TextFormatter,
    current_request_id,
    log_context,
)

FIELDS = {"time", "level", "logger", "message", "request_id", "task_id", "worker_id"}


def _record(name: str = "oranje.x", msg: str = "queued %s", args: Any = (3,), **kw: Any):
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args, kw.get("exc_info"))
    for key, value in kw.get("extra", {}).items():
        setattr(record, key, value)
    return record


def _filtered(record: logging.LogRecord) -> logging.LogRecord:
    assert ContextFilter().filter(record)
    return record


def test_a_json_line_parses_and_holds_the_fields_with_the_ids_of_its_context() -> None:
    with log_context(request_id="req-12345678", task_id="t-1", worker_id="w-1"):
        line = JsonFormatter().format(_filtered(_record()))
    entry = json.loads(line)
    assert set(entry) == FIELDS
    assert entry["message"] == "queued 3"
    assert entry["level"] == "WARNING" and entry["logger"] == "oranje.x"
    assert (entry["request_id"], entry["task_id"], entry["worker_id"]) == (
        "req-12345678",
        "t-1",
        "w-1",
    )
    assert entry["time"].endswith("Z") and entry["time"][10] == "T"  # UTC, ISO 8601
    assert "\n" not in line


def test_outside_any_request_the_ids_are_null() -> None:
    entry = json.loads(JsonFormatter().format(_filtered(_record())))
    assert entry["request_id"] is entry["task_id"] is entry["worker_id"] is None


def test_an_exception_is_in_the_line_without_postgresqls_detail_of_the_values() -> None:
    try:
        raise ValueError(
            'duplicate key value violates unique constraint "x"\n'
            "DETAIL:  Key (email)=(jan@example.nl) already exists."
        )
    except ValueError:
        record = _record(exc_info=sys.exc_info())
    entry = json.loads(JsonFormatter().format(_filtered(record)))
    assert "ValueError: duplicate key value" in entry["exception"]
    assert "Traceback" in entry["exception"]
    assert "jan@example.nl" not in json.dumps(entry)


def test_only_the_fixed_fields_are_written_never_what_a_caller_added() -> None:
    # Django puts the request (headers, cookies, parameters) on its error records.
    record = _record(extra={"request": object(), "email": "jan@example.nl", "status_code": 500})
    line = JsonFormatter().format(_filtered(record))
    assert set(json.loads(line)) == FIELDS and "jan@example.nl" not in line


def test_the_text_line_shows_the_request_id() -> None:
    with log_context(request_id="req-12345678"):
        line = TextFormatter().format(_filtered(_record()))
    assert "WARNING oranje.x [req=req-12345678] queued 3" in line
    assert "[-] queued 3" in TextFormatter().format(_filtered(_record()))


def test_log_context_restores_the_ids_also_when_the_block_raises() -> None:
    with log_context(request_id="outer-123"):
        with pytest.raises(RuntimeError), log_context(request_id="inner-456", task_id="t"):
            assert current_request_id() == "inner-456"
            raise RuntimeError
        assert current_request_id() == "outer-123"
    assert current_request_id() is None


def test_gunicorns_access_line_gets_the_request_id_of_its_response_header() -> None:
    from gunicorn.glogging import SafeAtoms

    atoms = SafeAtoms({"s": "200", "{x-request-id}o": "req-12345678"})
    record = _record("gunicorn.access", '"%(s)s" %({x-request-id}o)s', (atoms,))
    assert record.args is atoms  # a lone mapping is kept as the arguments, as gunicorn's is
    entry = json.loads(JsonFormatter().format(_filtered(record)))
    assert entry["request_id"] == "req-12345678" and entry["message"] == '"200" req-12345678'
    missing = _record("gunicorn.access", "%(s)s", ({"s": "200", GUNICORN_REQUEST_ID_ATOM: "-"},))
    assert getattr(_filtered(missing), "request_id", "unset") is None


def test_oranje_django_and_gunicorn_loggers_share_the_handler_with_the_ids() -> None:
    handlers = logging.getLogger().handlers
    console = [h for h in handlers if any(isinstance(f, ContextFilter) for f in h.filters)]
    assert len(console) == 1
    for name in ("django", "gunicorn.error", "gunicorn.access"):
        assert console[0] in logging.getLogger(name).handlers, name
        assert not logging.getLogger(name).propagate, name  # once, not again through the root
    formatter = {"text": TextFormatter, "json": JsonFormatter}[settings.LOG_FORMAT]
    assert isinstance(console[0].formatter, formatter)


def _log_in_a_fresh_process(log_format: str) -> list[str]:
    code = (
        "import django, logging; django.setup()\n"
        "from oranje.core.logs import log_context\n"
        "with log_context(request_id='req-12345678'):\n"
        "    logging.getLogger('oranje.readiness.tasks').warning('alarm test %s', 7)\n"
        "    logging.getLogger('django.request').error('Internal Server Error: /x/')\n"
        # gunicorn with Oranje's settings, started and then reloaded (HUP): its own handlers
        # must not come back next to Oranje's, or every line would be written twice.
        "from gunicorn.config import Config\n"
        "from gunicorn.glogging import Logger\n"
        "from oranje import gunicorn_config\n"
        "cfg = Config()\n"
        "cfg.set('logconfig_dict', gunicorn_config.logconfig_dict)\n"
        "cfg.set('accesslog', '-')\n"
        "gunicorn_log = Logger(cfg)\n"
        "gunicorn_log.setup(cfg)\n"
        "gunicorn_log.info('Booting worker')\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oranje.settings",
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
        "ORANJE_LOG_FORMAT": log_format,
        "ORANJE_LOG_LEVEL": "INFO",
    }
    done = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.splitlines()


def test_oranje_log_format_json_makes_every_line_on_stderr_a_json_object() -> None:
    entries = [json.loads(line) for line in _log_in_a_fresh_process("json")]
    assert [(e["logger"], e["request_id"]) for e in entries] == [
        ("oranje.readiness.tasks", "req-12345678"),
        ("django.request", "req-12345678"),
        ("gunicorn.error", None),
    ]
    assert entries[0]["message"] == "alarm test 7"
