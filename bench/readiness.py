"""Figures: on a national dataset (20,000 people, 500,000 activity records) the readiness
matrix for one region (target < 300 ms) and national counts per function (target < 3 s);
importing 100,000 activity records (time)."""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from decimal import Decimal

from bench.common import report, setup_django, timed
from bench.dataset import PEOPLE
from bench.targets import check, exit_status

ACTIVITIES = 500_000
IMPORT_ROWS = 100_000
PROFILES = {
    "OVD-BZ": [
        ("course", "BZ-OVD-BASIS", None, None),
        ("exam", "PVB-OVD", 36, None),
        ("upkeep", "", None, 2),
    ],
    "AC-BZ": [
        ("course", "BZ-AC-BASIS", None, None),
        ("exam", "PVB-AC", 36, None),
        ("upkeep", "", None, 2),
    ],
    "CPG": [("course", "CPG-BASIS", None, None), ("upkeep", "", None, 1)],
    "CO-OPV": [("course", "OPV-BASIS", None, None), ("upkeep", "", None, 1)],
}


def build(start: dt.datetime, people: int = PEOPLE, activities: int = ACTIVITIES) -> None:
    """The national dataset (bench.dataset) with `activities` activity records spread over its
    people, and the qualification they give; does nothing when they are already there."""
    from bench.dataset import build_national
    from oranje.core.constants import Role
    from oranje.core.models import Membership, User
    from oranje.organisation.models import Function, Person
    from oranje.readiness import services
    from oranje.readiness.models import Activity, QualificationProfile

    build_national(start, people)
    if Activity.objects.filter(external_id="").count() >= activities:
        return
    admin, _ = User.objects.get_or_create(username="bench-admin")
    Membership.objects.get_or_create(
        user=admin, role=Role.ADMINISTRATOR, region=None, municipality=None
    )
    functions = {f.code: f for f in Function.objects.all()}
    if not QualificationProfile.objects.exists():
        for code, requirements in PROFILES.items():
            services.profile_publish(
                actor=admin,
                function=functions[code],
                region=None,
                requirements=[
                    {
                        "kind": kind,
                        "code": c,
                        "label": f"{code} {kind} {c}".strip(),
                        "valid_months": valid,
                        "min_count": count,
                    }
                    for kind, c, valid, count in requirements
                ],
            )
    rng = random.Random(500)
    from django.utils import timezone

    today = timezone.localdate()
    held = {}
    for person_id, code in Person.functions.through.objects.values_list(
        "person_id", "function__code"
    ):
        held.setdefault(person_id, []).append(code)
    people = list(held)
    per_person = activities // len(people)
    batch: list[Activity] = []
    began = time.perf_counter()
    for person_id in people:
        codes = held[person_id]
        code = codes[0]
        profile = PROFILES.get(code, [])
        rows = 0
        for kind, c, _valid, _count in profile:
            if kind == "course":
                batch.append(
                    Activity(
                        person_id=person_id,
                        kind="course",
                        code=c,
                        title=c,
                        completed_on=today - dt.timedelta(days=rng.randrange(400, 3000)),
                        passed=True,
                    )
                )
                rows += 1
            elif kind == "exam" and rng.random() > 0.08:
                batch.append(
                    Activity(
                        person_id=person_id,
                        kind="practical_test",
                        code=c,
                        title=c,
                        completed_on=today - dt.timedelta(days=rng.randrange(30, 1200)),
                        passed=True,
                        score=Decimal("7.0"),
                    )
                )
                rows += 1
        while rows < per_person:
            batch.append(
                Activity(
                    person_id=person_id,
                    kind=rng.choice(["exercise", "exercise", "deployment"]),
                    title="Oefening",
                    function=functions[code],
                    completed_on=today - dt.timedelta(days=rng.randrange(1, 2200)),
                    hours=Decimal(rng.choice([2, 3, 4])),
                )
            )
            rows += 1
        if len(batch) >= 20_000:
            Activity.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Activity.objects.bulk_create(batch, batch_size=5000)
    print(
        f"  (built {Activity.objects.count():,} activities in {time.perf_counter() - began:.0f} s)"
    )
    began = time.perf_counter()
    written = services.readiness_recompute(person_ids=people)
    report(
        f"recompute stored qualification, all {len(people):,} people",
        f"{time.perf_counter() - began:.1f} s ({written:,} rows)",
    )


def main() -> None:
    setup_django("national")
    from django.db import connection
    from django.utils import timezone

    from oranje.core.models import Region, User
    from oranje.core.validation import local_zone
    from oranje.readiness import selectors
    from oranje.readiness.imports import activity_import, read_table
    from oranje.readiness.models import Activity

    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    build(dt.datetime.combine(monday, dt.time(8), tzinfo=local_zone()) - dt.timedelta(weeks=1))
    print(f"readiness on {connection.vendor}: {Activity.objects.count():,} activities")
    today = timezone.localdate()
    region = Region.objects.get(code="VR16")
    median, best, result = timed(lambda: selectors.matrix(region, today))
    check(
        "readiness matrix, one region (VR16)",
        median * 1000,
        300,
        unit="ms",
        shown=f"{median * 1000:.0f} ms median ({len(result.rows)} people)",
    )
    median, best, rows = timed(lambda: list(selectors.national_counts(today)))
    check(
        "national counts per function",
        median,
        3,
        unit="s",
        shown=f"{median * 1000:.0f} ms median ({len(rows)} functions)",
    )

    user = User.objects.get(username="bench-admin")
    Activity.objects.filter(external_id__startswith="BENCH-").delete()
    people = list(region.people.values_list("email", flat=True))
    lines = ["kenmerk;email;soort;code;titel;datum;uren;resultaat;functie"]
    for i in range(IMPORT_ROWS):
        day = today - dt.timedelta(days=1 + i % 700)
        lines.append(f"BENCH-{i};{people[i % len(people)]};oefening;;Oefening;{day:%d-%m-%Y};3;;")
    data = "\n".join(lines).encode()
    began = time.perf_counter()
    outcome = activity_import(
        actor=user, region=region, rows=read_table(io.BytesIO(data), "bench.csv")
    )
    elapsed = time.perf_counter() - began
    assert outcome.ok and outcome.created == IMPORT_ROWS, outcome.errors[:3]
    report("import 100,000 activity records (validate, write, recompute)", f"{elapsed:.1f} s")
    began = time.perf_counter()
    again = activity_import(
        actor=user, region=region, rows=read_table(io.BytesIO(data), "bench.csv")
    )
    report(
        "the same file again (all 100,000 known, skipped)",
        f"{time.perf_counter() - began:.1f} s, {again.skipped:,} skipped",
    )
    Activity.objects.filter(external_id__startswith="BENCH-").delete()


if __name__ == "__main__":
    main()
    raise SystemExit(exit_status())
