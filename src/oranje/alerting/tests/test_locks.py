"""Row locks on PostgreSQL: an answer in one incident while another incident of the same
region is being scaled. Found by bench.scale_out as 'deadlock detected' (a 500 on the answer
page): the locks taken for one row also locked every row the query joined — the region with
the incident, the person, function and municipality with the alert — so the scaling waited
for the answer's person and the answer for the scaling's region."""

import os
import threading
import time

import pytest
from django.db import connection, connections, transaction

from oranje.alerting import services
from oranje.alerting.models import Alert
from oranje.incidents.services.guards import _locked
from oranje.incidents.tests.factories import OnCall, scale, start_incident

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="SQLite writes one transaction at a time; row locks are PostgreSQL's",
    ),
    # Like the browser tests: committed data, and the database put back as it was afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else read once per transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_an_answer_and_a_scaling_elsewhere_in_the_region_do_not_wait_for_each_other(
    on_call: OnCall,
) -> None:
    world = on_call.world
    answered, scaled = start_incident(world, title="Brand"), start_incident(world, title="Gas")
    scale(world, answered, 1)
    alert = Alert.objects.get(call__incident=answered)
    failures: list[Exception] = []
    done = threading.Event()

    def answer() -> None:
        try:
            services.alert_answer(
                token=services.answer_token(alert), answer="accepted", eta_minutes=10
            )
        except Exception as exc:  # collected: an exception in a thread fails nothing itself
            failures.append(exc)
        finally:
            done.set()
            connections.close_all()

    with transaction.atomic():
        _locked(scaled)  # a scaling of the other incident has begun
        thread = threading.Thread(target=answer)
        thread.start()
        deadline = time.monotonic() + 5
        while not done.is_set() and not _someone_waits_for_a_lock():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # The answer must not be waiting for this transaction: it shares only the region.
        assert done.wait(timeout=3), "the answer waits for a scaling of another incident"
        # ... and the scaling alerts the same person without waiting for the answer.
        scale(world, scaled, 1)
    thread.join()
    assert failures == []
    assert Alert.objects.get(pk=alert.pk).answer == "accepted"
    assert Alert.objects.filter(call__incident=scaled, person=alert.person).exists()
