"""Figure (issue 15): a region's board report as a PDF < 3 s on the national dataset.

The national dataset (`bench.dataset`: 25 regions, 342 municipalities, 20,000 functionaries,
a year of rosters; `bench.readiness`: 500,000 activities), with the alarm tests, alerts and
incidents of `bench.quality_indicators` and the figures of 12 quarters computed by part
"indicators" (`indicators_compute`: every municipality × the seeded national norm set).
Hollands Midden (VR16, the region with the most municipalities) gets a stricter CPG norm with
an in-growth step, improvement actions, a flexible scaling with its review, a cost model with
course prices and inhabitants, and a board report for the last complete quarter.

Timed: the whole download as the service makes it (`board_report_pdf`: every chapter read
from the records — status per norm with eight quarters of trend, gaps per municipality,
actions, incidents and exercises with their milestones and arrivals, costs from the rosters
and readiness records, scaling reviews — the PDF drawn with fpdf2, the audit entry), median
of 3 after a warm-up; target < 3 s. A municipality's chapter and the print page are printed
beside it. `python -m bench.quality_report`.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from bench.common import report, setup_django, timed
from bench.targets import check, check_that, exit_status

REGION = "VR16"
TARGET_S = 3.0
FIRST, LAST = "2024-Q1", "2026-Q4"


def _quarters(first, last) -> list:  # type: ignore[no-untyped-def, type-arg]
    from oranje.quality.periods import Period

    found = []
    quarter = first
    while quarter <= last:
        found.append(quarter)
        nxt = quarter.quarter % 4 + 1
        quarter = Period(quarter.year + (nxt == 1), nxt)
    return found


def build_region(region, period) -> object:  # type: ignore[no-untyped-def]
    """VR16's own quality records and the board report (once; a later run finds them)."""
    from django.db import transaction
    from django.utils import timezone

    from oranje.core.models import Municipality
    from oranje.incidents.models import Incident, ScalingStep
    from oranje.quality import models as qm
    from oranje.quality import selectors

    found = qm.BoardReport.objects.filter(region=region, title="bench-quality-report").first()
    if found is not None:
        return found
    with transaction.atomic():
        national = selectors.current_set(None)
        assert national is not None, "the migrations seed the national norm set"
        # Another benchmark on the same dataset may have written norm sets of its own.
        norms = qm.Norm.objects.filter(norm_set=national, measure="indicator")
        base = norms.filter(code="ORG-CPG").first() or norms.order_by("code").first()
        assert base is not None
        version = max(
            qm.NormSet.objects.filter(region=region).values_list("version", flat=True),
            default=0,
        )
        regional = qm.NormSet.objects.create(
            region=region,
            version=version + 1,
            title="Normen Hollands Midden",
            status="adopted",
            adopted_on=dt.date(2024, 1, 1),
            based_on=national,
        )
        tight = qm.Norm.objects.create(
            norm_set=regional,
            code=base.code,
            title=base.title,
            text=base.text,
            process=base.process,
            measure=base.measure,
            indicator=base.indicator,
            function=base.function,
            waterlijn=Decimal(97),
            bandbreedte=Decimal(3),
            national_norm=base,
            sort_order=base.sort_order,
        )
        qm.GrowthStep.objects.create(
            norm=tight, due_on=period.end_day + dt.timedelta(days=90), waterlijn=Decimal(95)
        )
        municipalities = list(Municipality.objects.current().filter(region=region))
        for i, municipality in enumerate(municipalities):
            qm.Inhabitants.objects.get_or_create(
                municipality=municipality, year=period.year, defaults={"count": 20_000 + 5_000 * i}
            )
            if i % 3 == 0:
                qm.ImprovementAction.objects.create(
                    region=region,
                    municipality=municipality,
                    norm=tight,
                    year=period.year,
                    quarter=period.quarter,
                    title=f"Piketrooster {municipality.name} sluitend maken",
                    owner_name="Gemeentesecretaris",
                    deadline=period.last_day - dt.timedelta(days=10 * (i % 2)),
                    created_at=period.starts_at,
                )
        qm.CostModel.objects.get_or_create(
            region=region,
            defaults={
                "hard_hour_rate": Decimal("4.50"),
                "soft_hour_rate": Decimal("1.25"),
                "fte": Decimal(3),
                "fte_cost": Decimal(95_000),
            },
        )
        for code in ("BASIS-BZ", "OVD-BZ", "CPG"):
            qm.CoursePrice.objects.get_or_create(
                region=region, code=code, defaults={"label": code, "price": Decimal(350)}
            )
        incident = (
            Incident.objects.filter(
                region=region, started_at__gte=period.starts_at, started_at__lt=period.ends_at
            )
            .order_by("started_at")
            .first()
        )
        if incident is not None and not hasattr(incident, "scaling_review"):
            ScalingStep.objects.create(
                incident=incident,
                at=incident.started_at,
                mode="flexible",
                reason="Bench",
                decided_by="OvD-BZ",
            )
            qm.ScalingReview.objects.create(
                incident=incident, wise="yes", legitimate="yes", reasoning="Passend."
            )
        return qm.BoardReport.objects.create(
            region=region,
            year=period.year,
            quarter=period.quarter,
            title="bench-quality-report",
            foreword="Bestuursrapportage voor de benchmark.",
            created_at=timezone.now(),
        )


def main() -> None:
    setup_django("national")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from bench.quality_indicators import build_events
    from bench.readiness import build
    from oranje.core.constants import Role
    from oranje.core.models import Membership, Municipality, Region, User
    from oranje.core.tests.logins import complete_second_step
    from oranje.core.validation import local_zone
    from oranje.quality.models import IndicatorValue
    from oranje.quality.periods import last_complete_quarter, parse_period
    from oranje.quality.reports import board, pdf
    from oranje.quality.services.compute import indicators_compute
    from oranje.quality.services.reports import board_report_pdf

    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    build(dt.datetime.combine(monday, dt.time(8), tzinfo=local_zone()) - dt.timedelta(weeks=1))
    first, last = parse_period(FIRST), parse_period(LAST)
    assert first is not None and last is not None
    periods = _quarters(first, last)
    began = time.perf_counter()
    build_events(periods)
    region = Region.objects.get(code=REGION)
    period = last_complete_quarter()
    if not IndicatorValue.objects.filter(region=region, year=period.year).exists():
        indicators_compute(periods=periods)
    found = build_region(region, period)
    report(
        "(dataset, figures and the region's records ready)", f"{time.perf_counter() - began:.1f} s"
    )
    monitor, _new = User.objects.get_or_create(username="bench-quality-monitor")
    Membership.objects.get_or_create(user=monitor, role=Role.QUALITY_MONITOR, region=region)
    municipalities = Municipality.objects.current().filter(region=region)
    print(
        f"board report on {connection.vendor}: {region.name}, {period.label}, "
        f"{municipalities.count()} municipalities, "
        f"{IndicatorValue.objects.count():,} computed figures in all"
    )
    document = board_report_pdf(actor=monitor, report=found)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        board_report_pdf(actor=monitor, report=found)
    median, best, document = timed(lambda: board_report_pdf(actor=monitor, report=found), 3)
    assert isinstance(document, bytes)
    content = board.board_content(found)
    report(
        "report's contents",
        f"{len(content.norms)} norms, {len(content.gaps)} gaps, {len(content.actions)} actions, "
        f"{len(content.incidents)} incidents, {len(content.reviews)} reviews",
    )
    report(
        "PDF size", f"{len(document) / 1024:.0f} KiB, {document.count(b'/Type /Page') - 1} pages"
    )
    report("queries for one PDF", f"{len(queries.captured_queries):,}")
    check(
        f"board PDF, {REGION} {period.slug}",
        median,
        TARGET_S,
        unit="s",
        shown=f"{median:.2f} s median, {best:.2f} s best",
    )
    check_that("the PDF opens", document[:5].decode(), document.startswith(b"%PDF-"), "%PDF-")
    place = municipalities.order_by("name").first()
    assert place is not None
    chapter_s, _b, _r = timed(lambda: pdf.chapter_pdf(board.chapter_content(found, place)), 3)
    report(f"a municipality's chapter PDF ({place.name})", f"{chapter_s:.2f} s median")
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(monitor)
    complete_second_step(client, monitor)  # the monitor may have an authenticator
    url = reverse("quality:report", args=[found.pk])
    page_s, _b, response = timed(lambda: client.get(url), 3)
    status = getattr(response, "status_code", 0)
    check_that("the print page answers", str(status), status == 200, "200")
    report("the print page (whole request)", f"{page_s * 1000:.0f} ms median")


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
