"""The care room's API operations under the schema-driven fuzzer, as a care coordinator.

The project-wide fuzz run (oranje/tests/test_api_fuzz.py) logs in as the regional
coordinator, who has no care role: the desk's and the vulnerable lists' operations answer 404
there and the code behind the lookups is never reached. Here the same machinery runs only the
care room's operations, authenticated as the care coordinator of Kennemerland (desk, worklist
and suppliers' lists), in a world with a shelter holding a household checked in through the
services, a supplier's list with a resident on the incident's worklist, and the same objects
of another incident of the region and of an incident of another region (whose ids must answer
404 or a Dutch 400, never 500). Bounded to a few examples per operation
(ORANJE_CARE_FUZZ_EXAMPLES) so it stays short on two cores.
"""

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

MAX_EXAMPLES = int(os.environ.get("ORANJE_CARE_FUZZ_EXAMPLES", "3"))

#: The care room's operations: shelters and their check-in, households, locations and norms,
#: needs, meals, housing, the suppliers' lists and the worklist, the surroundings.
CARE_PATHS = (
    r"^/api/v1/(shelters|shelter-locations|households|care)/"
    r"|^/api/v1/incidents/\{[a-z_]+\}/(shelters|households|care|people-involved)/"
    r"|^/api/v1/regions/\{[a-z_]+\}/(care-norms|shelter-locations)/"
)

schema = room_schema(CARE_PATHS, max_examples=MAX_EXAMPLES)


@pytest.fixture
def care_fuzz_world(world: World, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A care coordinator's token and the ids the generated paths are aimed at: mostly
    objects of the coordinator's incident, some of another incident of the region and of an
    incident of another region."""
    from oranje.care.tests.factories import build_care, check_in, location, open_shelter
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.tests.factories import start_incident
    from oranje.registry.services import persons
    from oranje.tests.access_matrix.care_world import care_objects

    monkeypatch.setattr(persons, "after_commit", lambda fn: fn())
    cw = build_care(world)
    shelter = open_shelter(cw.incident, location(world.haarlem), day=20)
    home: Any = check_in(cw, shelter, "Anna Jansen", "Bram Jansen")
    open_shelter(cw.incident, location(world.velsen, "Buurthuis Noord"), day=10)
    own = care_objects(cw.incident, world.haarlem)
    second = start_incident(world, title="Tweede brand")
    other = care_objects(second, world.velsen)
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
    far = care_objects(far_incident, far_municipality)
    token = Token.objects.create(user=cw.coordinator)

    def ids(kind: str, *first: int) -> list[int]:
        return [*first, int(own[kind]), int(own[kind]), int(other[kind]), int(far[kind])]

    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "incidents": [cw.incident.pk, cw.incident.pk, second.pk, far_incident.pk],
            "shelters": ids("shelter", shelter.pk, shelter.pk),
            "households": ids("household", home.pk, home.pk),
            "shelter-locations": ids("location"),
            "suppliers": ids("supplier"),
            "worklist": ids("case"),
            "needs": ids("need"),
            "meals": ids("meal"),
            "housing": ids("housing"),
            "outages": ids("outage"),
            "road-closures": ids("closure"),
            "cleanup-tasks": ids("cleanup"),
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_care_request_makes_a_server_error(
    case: Any,
    care_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    aim(case, care_fuzz_world["known"])
    call_without_server_error(case, care_fuzz_world["headers"], server_errors)


def test_the_run_covers_the_care_operations() -> None:
    """The filter keeps the care room's operations (and nothing of the registry's)."""
    paths = operations(schema)
    assert "/api/v1/shelters/{id}/check-in/" in paths
    assert "/api/v1/households/{id}/transfer/" in paths
    assert "/api/v1/care/worklist/{id}/" in paths
    assert "/api/v1/care/suppliers/{id}/deliveries/" in paths
    assert "/api/v1/shelters/{id}/close/" in paths
    assert "/api/v1/care/needs/{id}/" in paths
    assert "/api/v1/regions/{code}/shelter-locations/" in paths
    assert not any("affected-persons" in p or "inquiries" in p for p in paths)
