"""Row locks on PostgreSQL: an answer in one incident while another incident of the same
region is being scaled. Found by bench.scale_out as 'deadlock detected' (a 500 on the answer
page): the locks taken for one row also locked every row the query joined — the region with
the incident, the person, function and municipality with the alert — so the scaling waited
for the answer's person and the answer for the scaling's region."""

import os
import re
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from oranje.alerting import services
from oranje.alerting.models import Alert
from oranje.incidents import services as incident_services
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


#: The rows an alerting write locks, and the one order they are taken in.
LOCKED = {
    "incidents_incident": "incident",
    "alerting_functioncall": "call",
    "alerting_alert": "alert",
}
FOR_UPDATE = re.compile(r'FROM "(\w+)".* FOR (?:NO KEY )?UPDATE', re.S)
UPDATE = re.compile(r'^UPDATE "(\w+)"')


def _locks(queries: list[dict[str, str]]) -> list[str]:
    """The tables whose rows each statement locks (SELECT … FOR UPDATE, UPDATE), in order."""
    taken = []
    for query in queries:
        found = FOR_UPDATE.search(query["sql"]) or UPDATE.match(query["sql"])
        if found and found.group(1) in LOCKED:
            taken.append(LOCKED[found.group(1)])
    return taken


def test_every_alerting_write_locks_its_incident_before_its_calls_and_alerts(
    on_call: OnCall,
) -> None:
    """Closing an incident locks it and then stops its calls; an answer used to lock its call
    and then the incident (for its log line): the two waited for each other. One order —
    the incident first — and such a pair queues instead."""
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    alert = Alert.objects.get(call__incident=incident)
    call = alert.call
    writes = {
        "answer": lambda: services.alert_answer(
            token=services.answer_token(alert), answer="accepted", eta_minutes=10
        ),
        "arrival": lambda: services.alert_arrive(token=services.arrival_token(alert)),
        "manual alert": lambda: services.alert_manual(
            actor=world.coordinator,
            incident=incident,
            function=world.ovd,
            people_needed=2,
            reason="Extra",
        ),
        "escalation": lambda: services.call_escalate(call_id=call.pk, due_at=None),
        "close": lambda: incident_services.incident_close(
            actor=world.coordinator, incident=incident
        ),
    }
    orders = {}
    for name, write in writes.items():
        with CaptureQueriesContext(connection) as captured:
            write()
        orders[name] = _locks(captured.captured_queries)
    assert {name: taken[:1] for name, taken in orders.items() if taken} == {
        name: ["incident"] for name, taken in orders.items() if taken
    }, orders
