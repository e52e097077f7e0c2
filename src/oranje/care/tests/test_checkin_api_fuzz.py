"""The check-in API under the schema-driven fuzzer, as a shelter desk officer (the project-wide
run logs in as the regional coordinator, who gets 404 before the serializer): whatever the
body, no answer is a server error. Ids are aimed at an open shelter with room, a full one and
a shelter of another region."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from oranje.care.tests.factories import build_care, location, open_shelter
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.tests.test_api_fuzz import (  # noqa: F401 (fixtures)
    _openapi_document,
    keep_connection,
    server_errors,
)
from oranje.wsgi import application

MAX_EXAMPLES = int(os.environ.get("ORANJE_CARE_FUZZ_EXAMPLES", "15"))

CONFIG = SchemathesisConfig.from_str(
    f"""
seed = 20261203
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
    path_regex=r"^/api/v1/shelters/\{[a-z_]+\}/check-in/"
)
schema.app = application


@pytest.fixture
def desk_world(world: World) -> dict[str, Any]:
    cw = build_care(world)
    roomy = open_shelter(cw.incident, location(world.haarlem, "Sporthal Zuid"))
    full = open_shelter(cw.incident, location(world.haarlem, "Buurthuis", day=0))
    elsewhere = start_incident(world, title="Elders")
    elsewhere.region = world.other_region
    elsewhere.save()
    other = open_shelter(elsewhere, location(world.haarlem, "Hotel Ver"))
    token = Token.objects.create(user=cw.desk)
    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "ids": [roomy.pk, roomy.pk, full.pk, other.pk],
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_check_in_request_makes_a_server_error(
    case: Any,
    desk_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    ids = desk_world["ids"]
    for name, value in list((case.path_parameters or {}).items()):
        if isinstance(value, int) and not isinstance(value, bool) and value % 5:
            case.path_parameters[name] = ids[value % len(ids)]
    response = case.call(headers=desk_world["headers"])
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} answered {response.status_code}: "
        + "; ".join(dict.fromkeys(server_errors))
        + f"\n{case.as_curl_command()}"
    )


def test_the_run_covers_the_check_in() -> None:
    paths = {result.ok().path for result in schema.get_all_operations()}
    assert paths == {"/api/v1/shelters/{id}/check-in/"}
