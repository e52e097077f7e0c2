"""The learning room's API operations under the schema-driven fuzzer, as a user who may do
everything the room offers (the region's quality monitor and coordinator, its communication
officer for the surveys, and a national quality monitor for the network), in a world with the
room's objects in that region, in the same region's other municipality and in another region
(whose ids must answer 404 or a Dutch 400, never 500). Bounded to a few examples per
operation (ORANJE_LEARNING_FUZZ_EXAMPLES) so it stays short on two cores.
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

MAX_EXAMPLES = int(os.environ.get("ORANJE_LEARNING_FUZZ_EXAMPLES", "4"))

#: The learning room's operations.
PATHS = r"^/api/v1/learning/"

schema = room_schema(PATHS, max_examples=MAX_EXAMPLES)


@pytest.fixture
def learning_fuzz_world(world: World) -> dict[str, Any]:
    from oranje.core.constants import Role
    from oranje.core.models import Membership, User
    from oranje.incidents.constants import IncidentType
    from oranje.incidents.models import Incident
    from oranje.incidents.tests.factories import start_incident
    from oranje.tests.access_matrix.learning_world import learning_objects

    user = User.objects.create_user(username="leren.fuzz", password="x")
    for role in (Role.QUALITY_MONITOR, Role.COORDINATOR, Role.COMMUNICATION):
        Membership.objects.create(user=user, role=role, region=world.region)
    Membership.objects.create(user=user, role=Role.QUALITY_MONITOR)
    municipalities = list(world.region.municipalities.order_by("pk")[:2])
    own_incident = start_incident(world)
    own = learning_objects(world.region, municipalities[0], own_incident)
    other = learning_objects(
        world.region, municipalities[-1], start_incident(world, title="Tweede incident")
    )
    far_municipality = world.other_region.municipalities.first()
    assert far_municipality is not None
    far_incident = Incident.objects.create(
        region=world.other_region,
        title="Brand Utrecht",
        kind=IncidentType.FIRE,
        started_at=timezone.now() - dt.timedelta(hours=1),
        municipality=far_municipality,
        created_by=world.coordinator,
    )
    from oranje.incidents.constants import EntryKind
    from oranje.incidents.models import LogEntry

    LogEntry.objects.create(
        incident=far_incident, number=1, author_name="Fuzz", kind=EntryKind.NOTE, text="Start"
    )
    far = learning_objects(world.other_region, far_municipality, far_incident)
    token = Token.objects.create(user=user)

    def ids(kind: str) -> list[int]:
        return [int(own[kind]), int(own[kind]), int(other[kind]), int(far[kind])]

    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "evaluations": ids("levaluation"),
            "findings": ids("lfinding"),
            "patterns": ids("lpattern"),
            "surveys": ids("lsurvey"),
            "entries": ids("lentry"),
            "work-sessions": ids("lsession"),
            "members": ids("lmember"),
            "meetings": ids("lmeeting"),
            "advice": ids("ladvice"),
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_learning_request_makes_a_server_error(
    case: Any,
    learning_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    code = (case.path_parameters or {}).get("code")
    # One in two region codes is the user's own, so the deeper checks run too.
    if code and len(str(code)) % 2:
        case.path_parameters["code"] = "VR12"
    aim(case, learning_fuzz_world["known"])
    call_without_server_error(case, learning_fuzz_world["headers"], server_errors)


def test_the_run_covers_the_learning_operations() -> None:
    """The filter keeps the room's operations (and nothing of the others)."""
    paths = operations(schema)
    for path in (
        "/api/v1/learning/evaluations/{id}/",
        "/api/v1/learning/evaluations/{id}/findings/",
        "/api/v1/learning/findings/{id}/",
        "/api/v1/learning/findings/{id}/evidence/",
        "/api/v1/learning/patterns/",
        "/api/v1/learning/patterns/{id}/",
        "/api/v1/learning/regions/{code}/surveys/",
        "/api/v1/learning/surveys/{id}/",
        "/api/v1/learning/surveys/{id}/results/",
        "/api/v1/learning/entries/",
        "/api/v1/learning/entries/{id}/",
        "/api/v1/learning/entries/{id}/versions/",
        "/api/v1/learning/entries/{id}/comments/",
        "/api/v1/learning/work-sessions/",
        "/api/v1/learning/work-sessions/{id}/",
        "/api/v1/learning/network/members/",
        "/api/v1/learning/network/members/{id}/",
        "/api/v1/learning/network/meetings/",
        "/api/v1/learning/network/meetings/{id}/",
        "/api/v1/learning/network/advice/",
        "/api/v1/learning/network/advice/{id}/",
    ):
        assert path in paths, path
    assert not any("quality" in p or "incidents" in p for p in paths)
