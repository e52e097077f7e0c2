"""Three years of history for the quality room's demo (issue 15), as records — the indicators
are then computed from them like from any other records, never typed in.

- **Kennemerland**: its on-call rosters carried back twelve quarters before the demo's
  own eight weeks, with Zandvoort's CPG rota leaving a week open now and then in the last
  year (the municipality below the waterlijn), and a quarterly unannounced alarm test.
- **The other 24 regions**: a small organisation each — two CPGs per municipality with their
  course and yearly exercise, a weekly CPG rota per municipality for the same twelve quarters
  with the gaps a region of its quality leaves, and a quarterly alarm test — enough for the
  national view to show where each region stands.

Written directly in bulk (it is the past: no mail goes out, no alert is sent). Idempotent:
nothing is added when the history is there already."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from oranje.core.models import Municipality, Region, User
from oranje.core.validation import local_zone
from oranje.organisation.constants import CoverageUnit, OnCallKind, PoolKind, ShiftSource
from oranje.organisation.models import Function, OnCallShift, Person, Pool, RegionFunction
from oranje.quality.periods import Period, quarter_of
from oranje.readiness.constants import ActivityKind, AlarmAnswer, ExerciseType
from oranje.readiness.models import Activity, AlarmRecipient, AlarmTest

QUARTERS = 12
HANDOVER = dt.time(8, 0)
OTHER_DOMAIN = "demo.oranje.nl"
#: The municipality of Kennemerland whose CPG rota leaves gaps (below the waterlijn).
WEAK_POOL = "CPG Zandvoort"


@dataclass(frozen=True)
class Week:
    pool_id: int
    function_id: int
    person_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    kind: str = OnCallKind.HARD


def history_start(today: dt.date) -> dt.date:
    """The Monday on or before the first day of the quarter twelve quarters back."""
    first = quarter_of(today).previous(QUARTERS)[0].first_day
    return first - dt.timedelta(days=first.weekday())


def _weeks(first_monday: dt.date, until: dt.date) -> list[dt.datetime]:
    zone = local_zone()
    found = []
    day = first_monday
    while day < until:
        found.append(dt.datetime.combine(day, HANDOVER, tzinfo=zone))
        day += dt.timedelta(days=7)
    return found


def _skip_weeks(rng: random.Random, mondays: list[dt.datetime], today: dt.date) -> set[int]:
    """Zandvoort: a week or so open each quarter in the last year, rarely before."""
    recent = quarter_of(today).previous(4)[0].first_day
    skipped = set()
    for index, monday in enumerate(mondays):
        odds = 0.11 if monday.date() >= recent else 0.015
        if rng.random() < odds:
            skipped.add(index)
    return skipped


def _alarm_tests(
    region: Region,
    actor: User | None,
    weeks: list[Week],
    functions: dict[int, Function],
    norms: dict[int, int | None],
    today: dt.date,
    rng: random.Random,
    answer_odds: float,
) -> int:
    """One unannounced alarm test in the middle of each quarter, to whoever was on hard
    on-call then; most answer within minutes, a few not at all."""
    count = 0
    zone = local_zone()
    for period in quarter_of(today).previous(QUARTERS):
        moment = dt.datetime.combine(
            period.first_day + dt.timedelta(days=40 + rng.randrange(10)),
            dt.time(rng.choice([10, 14, 20, 23]), rng.randrange(60)),
            tzinfo=zone,
        )
        on_call = [w for w in weeks if w.starts_at <= moment < w.ends_at]
        if not on_call:
            continue
        test = AlarmTest.objects.create(
            region=region,
            message="Onaangekondigde alarmtest (demo-geschiedenis)",
            started_at=moment,
            started_by=actor,
        )
        test.functions.set({functions[w.function_id] for w in on_call})
        recipients = []
        seen: set[tuple[int, int]] = set()
        for week in on_call:
            if (week.person_id, week.function_id) in seen:
                continue
            seen.add((week.person_id, week.function_id))
            norm = norms.get(week.function_id)
            answered = rng.random() < answer_odds
            eta = (
                rng.choice([10, 15, 20, 25, 25, 30, 45])
                if answered and norm
                else (rng.choice([15, 20, 30]) if answered else None)
            )
            recipients.append(
                AlarmRecipient(
                    test=test,
                    person_id=week.person_id,
                    function_id=week.function_id,
                    norm_minutes=norm,
                    sent_at=moment,
                    responded_at=moment + dt.timedelta(minutes=rng.randrange(1, 12))
                    if answered
                    else None,
                    answer=(
                        AlarmAnswer.COMING
                        if answered and rng.random() < 0.93
                        else (AlarmAnswer.NOT_COMING if answered else "")
                    ),
                    eta_minutes=eta,
                )
            )
        AlarmRecipient.objects.bulk_create(recipients)
        count += 1
    return count


def _bulk_shifts(weeks: list[Week], actor: User | None) -> None:
    OnCallShift.objects.bulk_create(
        [
            OnCallShift(
                pool_id=w.pool_id,
                function_id=w.function_id,
                person_id=w.person_id,
                kind=w.kind,
                starts_at=w.starts_at,
                ends_at=w.ends_at,
                source=ShiftSource.PATTERN,
                created_by=actor,
                created_at=w.starts_at - dt.timedelta(days=30),
            )
            for w in weeks
        ],
        batch_size=2000,
    )


def kennemerland(region: Region, actor: User, today: dt.date, log: Callable[[str], None]) -> None:
    """Kennemerland's on-call rosters (hard, and soft for the regional back office) back to
    twelve quarters ago, up to where the demo's own rosters start, and a quarterly alarm
    test."""
    first = history_start(today)
    if OnCallShift.objects.filter(
        pool__region=region, starts_at__lt=_at(first + dt.timedelta(days=7))
    ).exists():
        log("Kwaliteit: de geschiedenis van Kennemerland bestaat al.")
        return
    earliest = (
        OnCallShift.objects.filter(pool__region=region)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if earliest is None:
        return
    until = earliest.astimezone(local_zone()).date()
    mondays = _weeks(first, until)
    rng = random.Random(1215)
    weeks: list[Week] = []
    settings_ = {
        s.function_id: s
        for s in RegionFunction.objects.filter(region=region, min_hard_on_call__gt=0)
    }
    pools = Pool.objects.filter(region=region).prefetch_related("functions", "members__functions")
    for pool in pools:
        members = sorted(pool.members.all(), key=lambda p: (p.surname, p.given_name))
        for function in pool.functions.all():
            # The regional back office is on soft on-call (as in the demo's own rosters).
            soft = pool.kind == PoolKind.REGIONAL and function.code.startswith(
                ("CO-", "IC-", "OGA", "L-")
            )
            if function.pk not in settings_ and not soft:
                continue
            holders = [p for p in members if function in p.functions.all()]
            if not holders:
                continue
            kind = OnCallKind.SOFT if soft else OnCallKind.HARD
            skipped = _skip_weeks(rng, mondays, today) if pool.name == WEAK_POOL else set()
            for index, monday in enumerate(mondays):
                if index in skipped:
                    continue
                end = min(monday + dt.timedelta(days=7), earliest)
                if end <= monday:
                    continue
                weeks.append(
                    Week(pool.pk, function.pk, holders[index % len(holders)].pk, monday, end, kind)
                )
    with transaction.atomic():
        _bulk_shifts(weeks, actor)
        functions = {f.pk: f for f in Function.objects.all()}
        norms = {s.function_id: s.response_norm_minutes for s in settings_.values()}
        hard = [w for w in weeks if w.kind == OnCallKind.HARD]
        tests = _alarm_tests(region, actor, hard, functions, norms, today, rng, 0.92)
    log(
        f"Kwaliteit: Kennemerland {len(weeks)} piketdiensten en {tests} alarmtests als geschiedenis."
    )


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, HANDOVER, tzinfo=local_zone())


def other_regions(actor: User | None, today: dt.date, log: Callable[[str], None]) -> None:
    """The 24 other regions: two CPGs per municipality, their rota and alarm tests."""
    cpg = Function.objects.get(code="CPG")
    if Person.objects.filter(email__endswith=f".{OTHER_DOMAIN}", email__startswith="cpg").exists():
        log("Kwaliteit: de andere regio's hebben hun geschiedenis al.")
        return
    first = history_start(today)
    mondays = _weeks(first, today + dt.timedelta(days=1))
    total_weeks = total_tests = 0
    for region in Region.objects.exclude(code="VR12").order_by("code"):
        rng = random.Random(f"quality-{region.code}")
        # A region's own standard: most rosters close, some regions leave more open.
        gap_odds = rng.choice([0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08])
        answer_odds = rng.choice([0.8, 0.85, 0.9, 0.95, 1.0])
        exercise_odds = rng.choice([0.6, 0.75, 0.85, 0.95])
        with transaction.atomic():
            RegionFunction.objects.update_or_create(
                region=region,
                function=cpg,
                defaults={
                    "coverage_unit": CoverageUnit.MUNICIPALITY,
                    "min_hard_on_call": 1,
                    "min_qualified": 2,
                    "response_norm_minutes": 30,
                },
            )
            weeks, people = _region_rota(region, cpg, mondays, rng, gap_odds, today)
            _bulk_shifts(weeks, actor)
            _activities(people, cpg, today, rng, exercise_odds)
            total_tests += _alarm_tests(
                region, actor, weeks, {cpg.pk: cpg}, {cpg.pk: 30}, today, rng, answer_odds
            )
        total_weeks += len(weeks)
    from oranje.readiness.services import readiness_recompute

    readiness_recompute(
        person_ids=list(
            Person.objects.filter(
                email__endswith=f".{OTHER_DOMAIN}", email__startswith="cpg"
            ).values_list("pk", flat=True)
        )
    )
    log(
        f"Kwaliteit: 24 andere regio's met {total_weeks} CPG-diensten en {total_tests} "
        "alarmtests als geschiedenis."
    )


def _region_rota(
    region: Region,
    cpg: Function,
    mondays: list[dt.datetime],
    rng: random.Random,
    gap_odds: float,
    today: dt.date,
) -> tuple[list[Week], list[Person]]:
    weeks: list[Week] = []
    people: list[Person] = []
    for municipality in Municipality.objects.current().filter(region=region).order_by("cbs_code"):
        pair = [
            Person.objects.create(
                region=region,
                municipality=municipality,
                given_name=rng.choice(["Anne", "Bas", "Carla", "Daan", "Eva", "Frank", "Gert"]),
                surname=f"{rng.choice(['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit'])}",
                email=f"cpg{n}.{municipality.cbs_code.lower()}@{region.code.lower()}.{OTHER_DOMAIN}",
                phone=f"+316{rng.randrange(10_000_000, 99_999_999)}",
            )
            for n in (1, 2)
        ]
        for person in pair:
            person.functions.add(cpg)
        pool = Pool.objects.create(
            region=region, name=f"CPG {municipality.name}", kind=PoolKind.MUNICIPAL
        )
        pool.municipalities.set([municipality])
        pool.functions.set([cpg])
        pool.members.set(pair)
        people += pair
        for index, monday in enumerate(mondays):
            if rng.random() < gap_odds:
                continue
            weeks.append(
                Week(pool.pk, cpg.pk, pair[index % 2].pk, monday, monday + dt.timedelta(days=7))
            )
    return weeks, people


def _activities(
    people: list[Person], cpg: Function, today: dt.date, rng: random.Random, odds: float
) -> None:
    """The CPG course once and an exercise in most years."""
    rows = []
    for person in people:
        rows.append(
            Activity(
                person=person,
                kind=ActivityKind.COURSE,
                title="Introductie contactpersoon gemeente",
                code="CPG-BASIS",
                completed_on=today - dt.timedelta(days=rng.randrange(1200, 2000)),
                passed=True,
            )
        )
        for years_back in range(4):
            if rng.random() >= (max(odds, 0.9) if years_back == 0 else odds):
                continue
            rows.append(
                Activity(
                    person=person,
                    kind=ActivityKind.EXERCISE,
                    title="Regionale oefening bevolkingszorg",
                    function=cpg,
                    exercise_type=ExerciseType.TABLETOP,
                    completed_on=today
                    - dt.timedelta(days=365 * years_back + rng.randrange(20, 300)),
                )
            )
    Activity.objects.bulk_create(rows, batch_size=2000)


def periods(today: dt.date) -> list[Period]:
    """The quarters the demo computes: twelve complete ones and the current one."""
    current = quarter_of(today)
    return [*current.previous(QUARTERS), current]
