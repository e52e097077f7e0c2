"""The IAC's API operations under the schema-driven fuzzer, as an IAC officer (the aftercare
role) of the region, with cases in the officer's incident, in another incident of the region
and in an incident of another region (whose ids must answer 404 or a Dutch 400, never 500).
Bounded to a few examples per operation (ORANJE_IAC_FUZZ_EXAMPLES)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from oranje.organisation.tests.factories import World
from oranje.tests.fuzzing import aim, call_without_server_error, operations, room_schema
from oranje.tests.test_api_fuzz import keep_connection, server_errors  # noqa: F401 (fixtures)

MAX_EXAMPLES = int(os.environ.get("ORANJE_IAC_FUZZ_EXAMPLES", "4"))

IAC_PATHS = r"^/api/v1/aftercare/iac/|^/api/v1/incidents/\{[a-z_]+\}/aftercare/iac/"

schema = room_schema(IAC_PATHS, max_examples=MAX_EXAMPLES)


@pytest.fixture
def iac_fuzz_world(world: World) -> dict[str, Any]:
    from oranje.aftercare.tests.iac_helpers import iac_officer
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.tests.factories import start_incident
    from oranje.tests.access_matrix.aftercare_world import aftercare_objects

    officer = iac_officer(world.region, "iac.fuzz")
    incident = start_incident(world)
    own = aftercare_objects(incident)
    second = start_incident(world, title="Tweede brand")
    other = aftercare_objects(second)
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
    far = aftercare_objects(far_incident)
    token = Token.objects.create(user=officer)
    cases = [int(own["iaccase"]), int(own["iaccase"]), int(other["iaccase"]), int(far["iaccase"])]
    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "incidents": [incident.pk, incident.pk, second.pk, far_incident.pk],
            "case_pk": cases,
            "cases": cases,
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_iac_request_makes_a_server_error(
    case: Any,
    iac_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    aim(case, iac_fuzz_world["known"])
    call_without_server_error(case, iac_fuzz_world["headers"], server_errors)


def test_the_run_covers_the_iac_operations() -> None:
    paths = operations(schema)
    assert "/api/v1/incidents/{id}/aftercare/iac/cases/" in paths
    assert "/api/v1/aftercare/iac/cases/{case_pk}/close/" in paths
    assert "/api/v1/incidents/{id}/aftercare/iac/figures/" in paths
    assert not any("tasks" in p for p in paths)
