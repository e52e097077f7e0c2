"""The communication room's message operations under the schema-driven fuzzer, as a
communication adviser of Kennemerland.

The project-wide run (test_api_fuzz.py) has no message in its world, so every generated id
answers 404 before the code behind it runs. Here the same machinery runs only the messages'
operations (list, draft, read, change, approve, send back, publish, follow up) in a world with
a draft, a published message and an approved warning in the adviser's incident, the same in
another incident of the region and in an incident of another region (whose ids must answer
404 or a Dutch 400, never 500). Bounded to a few examples per operation
(ORANJE_MESSAGES_FUZZ_EXAMPLES) so it stays short on two cores.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from oranje.organisation.tests.factories import World
from oranje.tests.test_api_fuzz import (  # noqa: F401 (fixtures)
    _openapi_document,
    _report,
    keep_connection,
    server_errors,
)
from oranje.wsgi import application

MAX_EXAMPLES = int(os.environ.get("ORANJE_MESSAGES_FUZZ_EXAMPLES", "5"))
SEED = 20261204

MESSAGE_PATHS = (
    r"^/api/v1/communication/messages/\{[a-z_]+\}/((approve|reject|publish|follow-up)/)?$"
    r"|^/api/v1/incidents/\{[a-z_]+\}/communication/messages/$"
)

CONFIG = SchemathesisConfig.from_str(
    f"""
seed = {SEED}
[generation]
mode = "all"
max-examples = {MAX_EXAMPLES}
deterministic = true
database = "none"
[phases.stateful]
enabled = false
"""
)
schema = schemathesis.openapi.from_dict(_openapi_document(), config=CONFIG).include(
    path_regex=MESSAGE_PATHS
)
schema.app = application


@pytest.fixture
def messages_fuzz_world(world: World) -> dict[str, Any]:
    """An adviser's token and the ids the generated paths are aimed at."""
    from oranje.communication.tests.messages_helpers import AREA, adviser
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.tests.factories import start_incident
    from oranje.tests.access_matrix.communication_world import communication_objects

    incident = start_incident(world)
    incident.area = AREA
    incident.save()
    second = start_incident(world, title="Tweede brand")
    far_municipality = world.other_region.municipalities.first()
    assert far_municipality is not None
    far_incident = Incident.objects.create(
        region=world.other_region,
        title="Brand Utrecht",
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=timezone.now() - dt.timedelta(hours=1),
        municipality=far_municipality,
        created_by=world.coordinator,
    )
    own = communication_objects(incident, world.coordinator)
    other = communication_objects(second, world.coordinator)
    far = communication_objects(far_incident, world.coordinator)
    token = Token.objects.create(user=adviser(world.region, "fuzz"))
    messages = [
        *(int(own[k]) for k in ("message", "pubmessage", "warning")),
        *(int(own[k]) for k in ("message", "pubmessage", "warning")),
        int(other["message"]),
        int(far["warning"]),
    ]
    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "incidents": [incident.pk, incident.pk, second.pk, far_incident.pk],
            "messages": messages,
        },
    }


def _aim(case: Any, known: dict[str, list[int]]) -> None:
    """Three in four generated integer ids become a known id, by the path segment before it."""
    segments = case.path.split("/")
    for name, value in list((case.path_parameters or {}).items()):
        if not isinstance(value, int) or isinstance(value, bool) or not value % 4:
            continue
        marker = "{" + name + "}"
        before = segments[segments.index(marker) - 1] if marker in segments else ""
        ids = known.get(before)
        if ids:
            case.path_parameters[name] = ids[value % len(ids)]


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_message_request_makes_a_server_error(
    case: Any,
    messages_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    _aim(case, messages_fuzz_world["known"])
    response = case.call(headers=messages_fuzz_world["headers"])
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


def test_the_run_covers_the_message_operations() -> None:
    paths = {result.ok().path for result in schema.get_all_operations()}  # type: ignore[union-attr]
    assert paths == {
        "/api/v1/incidents/{id}/communication/messages/",
        "/api/v1/communication/messages/{id}/",
        "/api/v1/communication/messages/{id}/approve/",
        "/api/v1/communication/messages/{id}/reject/",
        "/api/v1/communication/messages/{id}/publish/",
        "/api/v1/communication/messages/{id}/follow-up/",
    }
