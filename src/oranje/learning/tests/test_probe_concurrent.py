"""Probe: two residents (or one twice, from two tabs) send answers with the same personal
code at the same moment: exactly one response is written, the other is told the code is
used. Real concurrency needs PostgreSQL (run with DATABASE_URL=postgres://…); on SQLite the
test is skipped (one writer at a time by construction)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from oranje.learning.models import Response
from oranje.learning.services.responses import response_submit
from oranje.learning.tests.public_world import good_answers, make_survey
from oranje.organisation.tests.factories import World

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_two_concurrent_submits_of_one_code_write_one_response(world: World) -> None:
    made = make_survey(invitations=1)
    survey, code = made.survey, made.codes[0]
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def send(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            _r, created = response_submit(
                survey=survey, answers=good_answers(), code=code, client_key=f"{n:032x}"
            )
            outcomes.append("written" if created else "again")
        except ValidationError as exc:
            outcomes.append("code" if "code" in exc.message_dict else repr(exc))
        except Exception as exc:  # the test reports what went wrong
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n + 1,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["code", "code", "code", "written"], outcomes
    assert Response.objects.filter(survey=survey).count() == 1
