"""Figure (issue 15): a region's monitoring page < 300 ms on the national dataset.

The national dataset (`bench.dataset`: 25 regions, 342 municipalities, 20,000 people, a year
of rosters) with the quality room's figures written directly as `IndicatorValue` rows (part
"indicators" computes them from the records; here only reading them is measured): a national
norm set of 20 norms (18 computed, per function where the indicator has one, and 2
self-assessment questions), Hollands Midden (VR16, the region with the most municipalities)
tightening two of them with an in-growth step, and for every municipality and every region's
own staff one row per computed norm's indicator and function for each of 12 quarters
(≈ 80,000 rows; quarters that `bench.quality_indicators` already computed on the same dataset
are kept as computed). Every municipality of VR16 answered the self-assessment.

Timed through the real view (logged-in test client as the region's quality monitor, the
whole request, median of 5 after one warm-up): the region's monitoring page for the last
complete quarter (target < 300 ms) and for the year; the national view and the API's matrix
are printed beside it. `python -m bench.quality_pages`.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from decimal import Decimal

from bench.common import report, setup_django
from bench.targets import check, check_that, exit_status

TARGET_MS = 300.0
QUARTERS = 12
REGION = "VR16"

#: (code, indicator or "" for a self-assessment, function code or None, waterlijn, band).
NORMS = [
    ("ORG-CPG", "coverage", "CPG", 95, 5),
    ("ORG-OVD", "coverage", "OVD-BZ", 98, 2),
    ("ORG-ACBZ", "coverage", "AC-BZ", 95, 5),
    ("ORG-COOPV", "coverage", "CO-OPV", 90, 10),
    ("KWAL-CPG", "qualified", "CPG", 90, 10),
    ("KWAL-OVD", "qualified", "OVD-BZ", 95, 5),
    ("KWAL-ACBZ", "qualified", "AC-BZ", 90, 10),
    ("KWAL-COOPV", "qualified", "CO-OPV", 80, 10),
    ("ALARM-ANTW", "alarm_answered", None, 90, 10),
    ("ALARM-TIJD", "alarm_in_time", None, 80, 10),
    ("OPK-ECHT", "arrival_real", None, 90, 10),
    ("OPK-OEF", "arrival_exercise", None, 90, 10),
    ("COM-30", "first_message", None, 90, 10),
    ("OPV-3U", "shelter_ready", None, 90, 10),
    ("HUIS-48U", "housing", None, 90, 10),
    ("OEF-CPG", "exercise_participation", "CPG", 80, 10),
    ("OEF-OVD", "exercise_participation", "OVD-BZ", 90, 10),
    ("OEF-ACBZ", "exercise_participation", "AC-BZ", 80, 10),
    ("OPV-PLAN", "", None, 100, 50),
    ("COM-PLAN", "", None, 100, 50),
]


def _median_ms(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(5):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def build_quality(last) -> int:  # type: ignore[no-untyped-def]
    """The norm sets, the figures of 12 quarters ending with `last`, and VR16's answers;
    written once (a later run finds them)."""
    from django.db import transaction

    from oranje.core.models import Municipality, Region
    from oranje.organisation.models import Function
    from oranje.quality.models import (
        AssessmentRound,
        GrowthStep,
        IndicatorValue,
        Norm,
        NormSet,
        SelfAssessment,
    )

    quarters = [*last.previous(QUARTERS - 1), last]
    first = quarters[0]
    # Figures computed by `bench.quality_indicators` (which `make bench` runs first on the
    # same dataset) are kept: only quarters without any figure are written here.
    missing = [
        q
        for q in quarters
        if not IndicatorValue.objects.filter(year=q.year, quarter=q.quarter).exists()
    ]
    rng = random.Random(15)
    functions = {f.code: f for f in Function.objects.all()}
    adopted = dt.date(first.year - 1, 1, 1)
    with transaction.atomic():
        national = NormSet.objects.filter(region=None, version=1500).first()
        if national is None:
            national = NormSet.objects.create(
                region=None,
                version=1500,
                title="Bench: landelijke normen",
                status="adopted",
                adopted_on=adopted,
            )
            for order, (code, indicator, function, floor, band) in enumerate(NORMS):
                Norm.objects.create(
                    norm_set=national,
                    code=code,
                    title=f"Norm {code}",
                    text=f"Bench-norm {code}.",
                    process="organisation",
                    measure="indicator" if indicator else "self",
                    indicator=indicator,
                    function=functions[function] if function else None,
                    question="" if indicator else "Is het plan actueel?",
                    waterlijn=Decimal(floor),
                    bandbreedte=Decimal(band),
                    sort_order=order,
                )
        region = Region.objects.get(code=REGION)
        if not NormSet.objects.filter(region=region, version=1500).exists():
            regional = NormSet.objects.create(
                region=region,
                version=1500,
                title="Bench: regionale normen",
                status="adopted",
                adopted_on=adopted,
                based_on=national,
            )
            for base in Norm.objects.filter(norm_set=national, code__in=["ORG-CPG", "OPK-ECHT"]):
                tightened = Norm.objects.create(
                    norm_set=regional,
                    code=base.code,
                    title=base.title,
                    text=base.text,
                    process=base.process,
                    measure=base.measure,
                    indicator=base.indicator,
                    function=base.function,
                    waterlijn=base.waterlijn + 2,
                    bandbreedte=base.bandbreedte - 1,
                    national_norm=base,
                    sort_order=base.sort_order,
                )
                GrowthStep.objects.create(
                    norm=tightened,
                    due_on=last.end_day + dt.timedelta(days=90),
                    waterlijn=base.waterlijn,
                )
        pairs = sorted({(ind, fn) for _c, ind, fn, _w, _b in NORMS if ind})
        rows = []
        places = list(Municipality.objects.current().values_list("region_id", "pk"))
        places += [(r, None) for r in Region.objects.values_list("pk", flat=True)]
        for region_id, municipality_id in places:
            level = rng.uniform(80, 99)
            for indicator, function in pairs:
                base = min(100.0, level + rng.uniform(-8, 6))
                for quarter in missing:
                    denominator = float(rng.choice([2184, 120, 40, 12, 6]))
                    share = max(0.0, min(1.0, (base + rng.uniform(-4, 4)) / 100))
                    rows.append(
                        IndicatorValue(
                            region_id=region_id,
                            municipality_id=municipality_id,
                            indicator=indicator,
                            function=functions[function] if function else None,
                            year=quarter.year,
                            quarter=quarter.quarter,
                            numerator=round(denominator * share),
                            denominator=denominator,
                        )
                    )
        IndicatorValue.objects.bulk_create(rows, batch_size=5000)
        round_, _new = AssessmentRound.objects.get_or_create(
            region=region, year=last.year, defaults={"deadline": last.end_day}
        )
        self_norms = list(Norm.objects.filter(norm_set=national, measure="self"))
        answers = []
        for municipality in Municipality.objects.current().filter(region=region):
            for norm in self_norms:
                answers.append(
                    SelfAssessment(
                        round=round_,
                        municipality=municipality,
                        norm=norm,
                        answer=rng.choice(["yes", "yes", "partly", "no"]),
                        status=rng.choice(["accepted", "submitted", "open"]),
                    )
                )
        SelfAssessment.objects.bulk_create(answers, ignore_conflicts=True)
    return IndicatorValue.objects.count()


def main() -> int:
    setup_django("national")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.dataset import build_national
    from oranje.core.constants import Role
    from oranje.core.models import Membership, Municipality, Region, User
    from oranje.core.tests.logins import complete_second_step
    from oranje.core.validation import local_zone
    from oranje.quality import periods

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    start = dt.datetime.combine(monday, dt.time(8), tzinfo=local_zone()) - dt.timedelta(weeks=1)
    began = time.perf_counter()
    sizes = build_national(start)
    last = periods.last_complete_quarter()
    values = build_quality(last)
    region = Region.objects.get(code=REGION)
    municipalities = Municipality.objects.current().filter(region=region).count()
    print(
        f"quality pages on {connection.vendor}: {sizes['people']:,} people, "
        f"{Municipality.objects.current().count()} municipalities, {values:,} computed "
        f"figures ({QUARTERS} quarters × {len(NORMS)} norms), set up in "
        f"{time.perf_counter() - began:.0f} s; region {REGION} ({municipalities} municipalities)",
        flush=True,
    )
    monitor, new = User.objects.get_or_create(username="bench-quality-monitor")
    if new:
        Membership.objects.create(user=monitor, role=Role.QUALITY_MONITOR, region=region)
    client = Client()
    client.force_login(monitor)
    complete_second_step(client, monitor)

    page = f"/kwaliteit/?periode={last.slug}"
    first = client.get(page)
    check_that("region page answers", str(first.status_code), first.status_code == 200, "200")
    cells = first.content.decode().count('class="q-cell ')
    queries: list[str] = []
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)):
        client.get(page)
    cpu = time.process_time()
    ms = _median_ms(lambda: client.get(page))
    cpu_ms = (time.process_time() - cpu) * 1000 / 5
    check(
        f"region monitoring page, {last.label} ({cells} cells, {len(queries)} queries)",
        ms,
        TARGET_MS,
        unit="ms",
        shown=f"{ms:.0f} ms median of 5 (CPU {cpu_ms:.0f} ms a request)",
    )
    year_page = f"/kwaliteit/?periode={last.year - 1}"
    ms = _median_ms(lambda: client.get(year_page))
    check(
        f"region monitoring page, the year {last.year - 1}",
        ms,
        TARGET_MS,
        unit="ms",
        shown=f"{ms:.0f} ms median of 5",
    )
    place = Municipality.objects.current().filter(region=region).order_by("name").first()
    assert place is not None
    for label, url in (
        ("municipal view", f"/kwaliteit/gemeente/{place.pk}/?periode={last.slug}"),
        ("national view (25 regions)", f"/kwaliteit/landelijk/?periode={last.slug}"),
        (
            "API: the region's matrix",
            f"/api/v1/quality/regions/{REGION}/monitoring/?period={last.slug}",
        ),
    ):
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.status_code)
        report(f"{label} (median of 5)", f"{_median_ms(lambda u=url: client.get(u)):.0f} ms")
    return exit_status()


if __name__ == "__main__":
    raise SystemExit(main())
