"""Figure: every quality indicator (`oranje.quality.indicators`) for 25 regions, 342
municipalities and 12 quarters on the national dataset (20,000 functionaries, a year of
rosters, 500,000 activities), computed and written (target < 5 s). The dataset gets alarm
tests, alerts and real incidents besides, so that every family has records to count."""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.common import report, setup_django, timed
from bench.targets import check, exit_status

FIRST, LAST = "2024-Q1", "2026-Q4"
TESTS_PER_QUARTER = 2
RECIPIENTS = 12
INCIDENTS_PER_QUARTER = 1


def build_events(periods: list) -> None:  # type: ignore[type-arg]
    """Alarm tests with answers and incidents with accepted alerts, per region and quarter."""
    from django.db import transaction

    from oranje.alerting.models import Alert, FunctionCall
    from oranje.core.models import Municipality, Region
    from oranje.incidents.models import Incident
    from oranje.organisation.models import Function, Person, RegionFunction
    from oranje.readiness.models import AlarmRecipient, AlarmTest

    if AlarmTest.objects.filter(message="bench-quality").exists():
        return
    rng = random.Random(15)
    functions = {f.code: f for f in Function.objects.all()}
    ovd = functions["OVD-BZ"]
    RegionFunction.objects.filter(function=ovd, response_norm_minutes__isnull=True).update(
        response_norm_minutes=30
    )
    with transaction.atomic():
        for region in Region.objects.order_by("code"):
            people = list(
                Person.objects.filter(region=region, functions=ovd).values_list("pk", flat=True)
            ) or list(Person.objects.filter(region=region).values_list("pk", flat=True)[:20])
            municipalities = list(Municipality.objects.current().filter(region=region))
            recipients: list[AlarmRecipient] = []
            alerts: list[Alert] = []
            for period in periods:
                for t in range(TESTS_PER_QUARTER):
                    at = period.starts_at + dt.timedelta(days=10 + 30 * t, hours=3)
                    test = AlarmTest.objects.create(
                        region=region, message="bench-quality", started_at=at
                    )
                    for person_id in rng.sample(people, k=min(RECIPIENTS, len(people))):
                        answered = rng.random() < 0.85
                        recipients.append(
                            AlarmRecipient(
                                test=test,
                                person_id=person_id,
                                function=ovd,
                                norm_minutes=30,
                                sent_at=at,
                                responded_at=at + dt.timedelta(minutes=4) if answered else None,
                                answer=rng.choice(["coming", "coming", "not_coming"])
                                if answered
                                else "",
                                eta_minutes=rng.randrange(10, 45) if answered else None,
                            )
                        )
                for i in range(INCIDENTS_PER_QUARTER):
                    began = period.starts_at + dt.timedelta(days=20 + 17 * i, hours=14)
                    incident = Incident.objects.create(
                        region=region,
                        title=f"Bench {region.code} {period.slug} {i}",
                        kind="fire",
                        started_at=began,
                        municipality=rng.choice(municipalities),
                        closed_at=began + dt.timedelta(days=2),
                    )
                    call = FunctionCall.objects.create(
                        incident=incident,
                        function=ovd,
                        municipality=incident.municipality,
                        escalation_minutes=5,
                        reason="bench",
                        opened_at=began,
                        status="filled",
                        closed_at=began + dt.timedelta(hours=1),
                    )
                    for person_id in rng.sample(people, k=min(3, len(people))):
                        alerted = began + dt.timedelta(minutes=2)
                        alerts.append(
                            Alert(
                                call=call,
                                person_id=person_id,
                                step=1,
                                alerted_at=alerted,
                                answer="accepted",
                                answered_at=alerted + dt.timedelta(minutes=1),
                                arrived_at=alerted + dt.timedelta(minutes=rng.randrange(15, 50)),
                            )
                        )
            AlarmRecipient.objects.bulk_create(recipients, batch_size=2000)
            Alert.objects.bulk_create(alerts, batch_size=2000)


def main() -> None:
    setup_django("national")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench.readiness import build
    from oranje.core.models import Municipality, Region
    from oranje.core.validation import local_zone
    from oranje.quality.models import IndicatorValue
    from oranje.quality.periods import Period, parse_period
    from oranje.quality.services.compute import indicators_compute

    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    build(dt.datetime.combine(monday, dt.time(8), tzinfo=local_zone()) - dt.timedelta(weeks=1))
    first, last = parse_period(FIRST), parse_period(LAST)
    assert first is not None and last is not None
    periods: list[Period] = []
    quarter = first
    while quarter <= last:
        periods.append(quarter)
        nxt = quarter.quarter % 4 + 1 if quarter.quarter else 1
        quarter = Period(quarter.year + (nxt == 1), nxt)
    began = time.perf_counter()
    build_events(periods)
    report("(alarm tests, alerts and incidents built)", f"{time.perf_counter() - began:.1f} s")
    regions = Region.objects.count()
    municipalities = Municipality.objects.current().count()
    print(
        f"quality indicators on {connection.vendor}: {regions} regions, "
        f"{municipalities} municipalities, {len(periods)} quarters ({FIRST} to {LAST})"
    )
    with CaptureQueriesContext(connection) as queries:
        indicators_compute(periods=periods)
    median, best, written = timed(lambda: indicators_compute(periods=periods), repeat=3)
    report("figures written", f"{written:,} ({IndicatorValue.objects.count():,} kept)")
    report("queries for one full compute", f"{len(queries.captured_queries):,}")
    check(
        "all indicators, 25 regions x 12 quarters, computed and written",
        median,
        5,
        unit="s",
        shown=f"{median:.2f} s median, {best:.2f} s best",
    )


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
