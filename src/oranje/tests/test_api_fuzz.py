"""The whole JSON API under a schema-driven fuzzer: whatever a client sends, no answer is a
server error (5xx).

Schemathesis reads the OpenAPI document that drf-spectacular generates and sends valid and
invalid requests to every operation, authenticated as the regional coordinator of
Kennemerland (the persona who may do the most) in a world with an object of every kind the
API addresses by id; most generated ids in paths are aimed at those objects, so that the
requests reach the code behind the lookup. The run is bounded (a fixed number of
examples per operation, a fixed seed) so that it stays reproducible and takes a few minutes
at most on two cores.

Set ORANJE_FUZZ_REPORT=<file> to record every distinct server error (exception type and the
frame it was raised in) instead of failing on the first one: that is how the number of
distinct causes is counted.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from oranje.organisation.tests.factories import World
from oranje.wsgi import application

#: Examples per operation and phase. 63 operations × this stays under ~3 minutes on 2 cores.
MAX_EXAMPLES = int(os.environ.get("ORANJE_FUZZ_EXAMPLES", "10"))
SEED = 20261203


def _openapi_document() -> dict[str, Any]:
    document = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    # Through JSON: plain types only, as a client would read it.
    return json.loads(json.dumps(document, default=str))


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
schema = schemathesis.openapi.from_dict(_openapi_document(), config=CONFIG)
schema.app = application


@pytest.fixture
def fuzz_world(world: World, on_call: Any) -> dict[str, list[int]]:
    """Objects of every kind the API addresses by id: an open incident at GRIP 1 (so the
    on-call officer has an alert) with a decision, an action and a report draft, an
    exercise, an alarm test and an absence. Returns their ids per first path segment."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from oranje.alerting.models import Alert
    from oranje.incidents import services as incidents
    from oranje.incidents.tests.factories import scale, start_incident
    from oranje.organisation import services as organisation
    from oranje.readiness import services as readiness

    actor = world.coordinator
    incident = start_incident(world)
    scale(world, incident, level=1)
    decision = incidents.decision_record(
        actor=actor, incident=incident, team="copi", decided_by="Leider CoPI", text="Evacueren"
    )
    action = incidents.action_create(
        actor=actor,
        incident=incident,
        text="Opvang regelen",
        owner_function=world.ovd,
        deadline=timezone.now() + dt.timedelta(hours=1),
        decision=decision,
    )
    report = incidents.report_draft(actor=actor, incident=incident)
    exercise = readiness.exercise_plan(
        actor=actor,
        region=world.region,
        title="Oefening",
        exercise_type="tabletop",
        starts_at=timezone.now() + dt.timedelta(days=3),
        hours=Decimal(2),
        scenario="",
        functions=[world.ovd],
        participants=[(world.officers[1], world.ovd)],
    )
    test = readiness.alarm_test_start(actor=actor, region=world.region, functions=[world.ovd])
    absence = organisation.unavailability_create(
        actor=actor,
        person=world.officers[2],
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=2),
        reason="holiday",
    )
    from oranje.care.tests.factories import location, open_shelter

    shelter_location = location(world.haarlem)
    shelter = open_shelter(incident, location(world.haarlem, "Buurthuis Fuzz"))
    return {
        "shelter-locations": [shelter_location.pk],
        "shelters": [shelter.pk],
        "incidents": [incident.pk],
        "action_pk": [action.pk],
        "version": [report.version],
        "persons": [p.pk for p in world.officers],
        "pools": [world.ovd_pool.pk, world.cpg_haarlem.pk],
        "shifts": list(world.ovd_pool.shifts.values_list("pk", flat=True)),
        "unavailabilities": [absence.pk],
        "exercises": [exercise.pk],
        "alarm-tests": [test.pk],
        "alerts": list(Alert.objects.values_list("pk", flat=True)),
    }


@pytest.fixture
def token(world: World) -> dict[str, str]:
    """The headers of the regional coordinator's API token."""
    token = Token.objects.create(user=world.coordinator)
    return {"Authorization": f"Token {token.key}"}


def _aim_at_known_objects(case: Any, known: dict[str, list[int]]) -> None:
    """Three in four generated ids become the id of an existing object of that kind, so
    that requests get past the lookup to the code behind it; the rest stay as generated
    (mostly 404s). Ids that are no integer are left alone: those must be refused too."""
    resource = case.path.split("/")[3]
    for name, value in list((case.path_parameters or {}).items()):
        ids = known.get(name) or known.get(resource)
        if ids and isinstance(value, int) and not isinstance(value, bool) and value % 4:
            case.path_parameters[name] = ids[value % len(ids)]


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """Requests go straight to the WSGI application, not through Django's test client:
    stop it closing the database connection after each request (with CONN_MAX_AGE=0 on
    PostgreSQL that would end the test's transaction), as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def server_errors() -> Iterator[list[str]]:
    """Every exception the handler turned into a 500, as 'Type at file:line in function'."""
    caught: list[str] = []

    def record(sender: object, request: object = None, **kwargs: object) -> None:
        import sys

        _type, exc, tb = sys.exc_info()
        if exc is None:
            return
        frame = traceback.extract_tb(tb)[-1]
        oranje_frames = [f for f in traceback.extract_tb(tb) if "/oranje/" in f.filename]
        where = oranje_frames[-1] if oranje_frames else frame
        caught.append(
            f"{type(exc).__name__} at {where.filename.split('/src/')[-1]}:{where.lineno} "
            f"in {where.name}"
        )

    got_request_exception.connect(record)
    yield caught
    got_request_exception.disconnect(record)


def _report(operation: str, causes: list[str]) -> None:
    path = os.environ["ORANJE_FUZZ_REPORT"]
    with open(path, "a", encoding="utf-8") as report:
        for cause in causes:
            report.write(f"{operation}\t{cause}\n")


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(
    case: Any,
    fuzz_world: dict[str, list[int]],
    token: dict[str, str],
    keep_connection: None,
    server_errors: list[str],
) -> None:
    _aim_at_known_objects(case, fuzz_world)
    response = case.call(headers=token)
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
