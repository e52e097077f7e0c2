"""The analyses' and the Q&A's API operations under the schema-driven fuzzer, as the region's
communication advisor (who may write them), with an analysis and a Q&A item in the advisor's
incident and in an incident of another region (those ids must answer 404 or a Dutch 400,
never 500). A few examples per operation (ORANJE_ENV_FUZZ_EXAMPLES) keep it short."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from oranje.organisation.tests.factories import World
from oranje.tests.test_api_fuzz import (  # noqa: F401 (fixtures)
    _openapi_document,
    keep_connection,
    server_errors,
)
from oranje.wsgi import application

MAX_EXAMPLES = int(os.environ.get("ORANJE_ENV_FUZZ_EXAMPLES", "5"))
PATHS = r"^/api/v1/incidents/\{[a-z_]+\}/(analyses|qa)/"

CONFIG = SchemathesisConfig.from_str(
    f"""
seed = 20261204
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
    path_regex=PATHS
)
schema.app = application


@pytest.fixture
def env_world(world: World) -> dict[str, Any]:
    from oranje.communication.tests.environment_factories import advisor
    from oranje.incidents.tests.factories import start_incident
    from oranje.tests.access_matrix.communication_world import communication_objects

    user = advisor(world)
    own = start_incident(world)
    mine = communication_objects(own, user)
    far = start_incident(world, title="Elders")
    far.region = world.other_region
    far.save()
    theirs = communication_objects(far, None)
    token = Token.objects.create(user=user)
    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "id": [own.pk, own.pk, own.pk, far.pk],
            "analysis_pk": [int(mine["analysis"])] * 3 + [int(theirs["analysis"])],
            "qa_pk": [int(mine["qa"])] * 3 + [int(theirs["qa"])],
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_analysis_or_qa_request_makes_a_server_error(
    case: Any,
    env_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    for name, value in list((case.path_parameters or {}).items()):
        ids = env_world["known"].get(name)
        if ids and isinstance(value, int) and not isinstance(value, bool) and value % 4:
            case.path_parameters[name] = ids[value % len(ids)]
    response = case.call(headers=env_world["headers"])
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} answered {response.status_code}: "
        + "; ".join(dict.fromkeys(server_errors))
        + f"\n{case.as_curl_command()}"
    )


def test_the_run_covers_every_operation_of_the_analyses_and_the_qa() -> None:
    paths = {
        (result.ok().method.upper(), result.ok().path)  # type: ignore[union-attr]
        for result in schema.get_all_operations()
    }
    assert ("POST", "/api/v1/incidents/{id}/analyses/{analysis_pk}/approve/") in paths
    assert ("PATCH", "/api/v1/incidents/{id}/qa/{qa_pk}/") in paths
    assert len(paths) == 10
