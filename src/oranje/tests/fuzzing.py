"""What the per-room fuzz runs share (test_api_fuzz_<room>.py): one room's operations of the
OpenAPI document under schemathesis, ids in paths aimed at known objects, and the check that
no answer is a server error. The project-wide run (test_api_fuzz.py) holds the fixtures."""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig

from oranje.tests.test_api_fuzz import _openapi_document, _report
from oranje.wsgi import application

SEED = 20261203


def room_schema(path_regex: str, *, max_examples: int) -> Any:
    """The operations whose path matches `path_regex`, a few examples each, reproducible."""
    config = SchemathesisConfig.from_str(
        f"""
seed = {SEED}
[generation]
mode = "all"
max-examples = {max_examples}
deterministic = true
database = "none"
[phases.stateful]
enabled = false
"""
    )
    schema = schemathesis.openapi.from_dict(_openapi_document(), config=config).include(
        path_regex=path_regex
    )
    schema.app = application
    return schema


def aim(case: Any, known: dict[str, list[int]]) -> None:
    """Three in four generated integer ids become a known id: by the parameter's name, else
    by the path segment just before it."""
    segments = case.path.split("/")
    for name, value in list((case.path_parameters or {}).items()):
        if not isinstance(value, int) or isinstance(value, bool) or not value % 4:
            continue
        marker = "{" + name + "}"
        before = segments[segments.index(marker) - 1] if marker in segments else ""
        ids = known.get(name) or known.get(before)
        if ids:
            case.path_parameters[name] = ids[value % len(ids)]


def call_without_server_error(case: Any, headers: dict[str, str], server_errors: list[str]) -> None:
    """Send the case; fail naming the cause when the answer is a 5xx (with
    ORANJE_FUZZ_REPORT set, record the cause instead)."""
    response = case.call(headers=headers)
    if response.status_code < 500:
        return
    causes = list(dict.fromkeys(server_errors)) or [f"HTTP {response.status_code}"]
    server_errors.clear()
    if os.environ.get("ORANJE_FUZZ_REPORT"):
        _report(f"{case.method} {case.path}", causes)
        return
    raise AssertionError(
        f"{case.method} {case.formatted_path} answered {response.status_code}: "
        + "; ".join(causes)
        + f"\n{case.as_curl_command()}"
    )


def operations(schema: Any) -> set[str]:
    """The paths of the schema's operations."""
    return {result.ok().path for result in schema.get_all_operations()}
