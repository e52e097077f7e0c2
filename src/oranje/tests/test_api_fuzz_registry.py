"""The registry's API operations under the schema-driven fuzzer, as a registry officer.

The project-wide fuzz run (oranje/tests/test_api_fuzz.py) logs in as the regional
coordinator, who has no registry role: every registry operation answers 404 there and the
code behind the lookups is never reached. Here the same machinery runs only the registry's
operations, authenticated as a registry officer of Kennemerland, in a world with persons (two
of them a possible duplicate), an inquiry with candidates, a merge, a sender, and objects of
another incident of the same region and of another region (whose ids must answer 404, never
500). The run is bounded to a few examples per operation (ORANJE_REGISTRY_FUZZ_EXAMPLES) so it
stays short on two cores.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.models import Candidate, PossibleDuplicate
from oranje.registry.tests.factories import build_registry, inquiry_data, register
from oranje.tests.fuzzing import aim, call_without_server_error, operations, room_schema
from oranje.tests.test_api_fuzz import keep_connection, server_errors  # noqa: F401 (fixtures)

MAX_EXAMPLES = int(os.environ.get("ORANJE_REGISTRY_FUZZ_EXAMPLES", "6"))

#: The registry's operations: persons, statuses, duplicates, merges, inquiries and their
#: candidates, imports, senders, lists and the PFIF exchange.
REGISTRY_PATHS = (
    r"^/api/v1/(affected-persons|duplicates|merges|inquiries)/"
    r"|^/api/v1/incidents/\{[a-z_]+\}/"
    r"(affected-persons|duplicates|merges|inquiries|registry)/"
)

schema = room_schema(REGISTRY_PATHS, max_examples=MAX_EXAMPLES)


@pytest.fixture
def registry_fuzz_world(world: World, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A registry officer's token and the ids the generated paths are aimed at: mostly
    objects of the officer's incident, some of another incident of the region and of an
    incident of another region."""
    from oranje.incidents.tests.factories import start_incident
    from oranje.registry import matching
    from oranje.registry.services import merges, persons

    # As in the registry's own tests: the test's transaction never commits, so the
    # after-commit matching runs at once, on fresh indexes.
    monkeypatch.setattr(persons, "after_commit", lambda fn: fn())
    monkeypatch.setattr(merges, "after_commit", lambda fn: fn())
    matching._persons.clear()
    matching._inquiries.clear()

    rw = build_registry(world)
    first = register(rw, given="Johannes", surname="Vries")
    second = register(rw, given="Johannes", surname="Vries", birth=(1950, 3, 4))
    register(rw, given="Maria", surname="Jansen", birth=(1961, 7, 8))
    kept, merged = (
        register(rw, given="Pieter", surname="Bakker", birth=(1944, 1, 2)),
        register(rw, given="Pieter", surname="Bakker", birth=(1944, 1, 2)),
    )
    inquiry = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    merge = services.person_merge(kept=kept, merged=merged, actor=rw.coordinator)
    services.sender_create(incident=rw.incident, actor=rw.officer, name="Spaarne", kind="hospital")
    # Another incident of the same region, and one of another region.
    other = start_incident(world, title="Tweede brand")
    other_person = services.person_register(
        incident=other,
        actor=rw.officer,
        data=services.PersonData(given_names="Karel", surname="Smit", birth_year=1970),
        status=services.StatusData(status="unharmed", whereabouts="home", source="shelter"),
    )
    other_inquiry = services.inquiry_create(
        incident=other, actor=rw.officer, data=inquiry_data(given_names="Karel", surname="Smit")
    )
    candidates = list(Candidate.objects.filter(inquiry=inquiry).values_list("pk", flat=True))
    assert candidates, "the inquiry has candidates"
    duplicates = list(
        PossibleDuplicate.objects.filter(incident=rw.incident).values_list("pk", flat=True)
    )
    assert first.pk != second.pk
    token = Token.objects.create(user=rw.officer)
    return {
        "headers": {"Authorization": f"Token {token.key}"},
        "known": {
            "incidents": [rw.incident.pk, rw.incident.pk, other.pk],
            "affected-persons": [first.pk, second.pk, kept.pk, other_person.pk],
            "inquiries": [inquiry.pk, inquiry.pk, other_inquiry.pk],
            "candidate_pk": candidates,
            "duplicates": duplicates or [0],
            "merges": [merge.pk],
        },
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_registry_request_makes_a_server_error(
    case: Any,
    registry_fuzz_world: dict[str, Any],
    keep_connection: None,  # noqa: F811
    server_errors: list[str],  # noqa: F811
) -> None:
    aim(case, registry_fuzz_world["known"])
    call_without_server_error(case, registry_fuzz_world["headers"], server_errors)


def test_the_run_covers_the_registry_operations() -> None:
    """The filter keeps every registry operation (and nothing else)."""
    paths = operations(schema)
    assert "/api/v1/inquiries/{id}/candidates/{candidate_pk}/confirm/" in paths
    assert "/api/v1/incidents/{id}/registry/pfif/" in paths
    assert "/api/v1/incidents/{id}/affected-persons/" in paths
    assert "/api/v1/merges/{id}/undo/" in paths
    assert not any(p.startswith("/api/v1/exercises") for p in paths)
