"""A national dataset: 25 regions, 342 municipalities, 20,000 functionaries and 52 weeks of
rosters, written with bulk inserts (the services' per-row checks are measured elsewhere).

Per region: two to four on-call districts; an OvD-BZ pool per district (6 people, week shifts,
minimum 1 per district); a CPG pool per municipality (4 people, week shifts, minimum 1 per
municipality); an AC-BZ regional pool (5, week shifts, minimum 1); back-office people on soft
on-call (10 a week). About 2% of people report holidays, and one CPG week in twenty is left
open, so the gap computation has real work to do.
"""

from __future__ import annotations

import datetime as dt
import random

PEOPLE = 20_000
WEEKS = 52


def build_national(start: dt.datetime, people: int = PEOPLE) -> dict[str, int]:
    """`people` functionaries (20,000 unless a benchmark asks for a smaller country) and their
    rosters from `start`; does nothing when the database already holds them."""
    from django.db import transaction

    from oranje.core.models import Municipality, Region
    from oranje.organisation.constants import (
        CoverageUnit,
        OnCallKind,
        PoolKind,
        UnavailabilityReason,
    )
    from oranje.organisation.models import (
        District,
        Function,
        OnCallShift,
        Person,
        Pool,
        RegionFunction,
        Unavailability,
    )

    if Person.objects.count() >= people:
        return {"people": Person.objects.count(), "shifts": OnCallShift.objects.count()}
    rng = random.Random(25)
    functions = {f.code: f for f in Function.objects.all()}
    regions = list(Region.objects.order_by("code"))
    per_region = people // len(regions)
    week = dt.timedelta(days=7)
    with transaction.atomic():
        RegionFunction.objects.filter(function__code="OVD-BZ").update(
            coverage_unit=CoverageUnit.DISTRICT, min_hard_on_call=1
        )
        RegionFunction.objects.filter(function__code="CPG").update(
            coverage_unit=CoverageUnit.MUNICIPALITY, min_hard_on_call=1
        )
        RegionFunction.objects.filter(function__code="AC-BZ").update(
            coverage_unit=CoverageUnit.REGION, min_hard_on_call=1
        )
        serial = 0
        for region in regions:
            municipalities = list(
                Municipality.objects.current().filter(region=region).order_by("name")
            )
            people: list[Person] = []
            for _ in range(per_region):
                serial += 1
                people.append(
                    Person(
                        region=region,
                        municipality=rng.choice(municipalities),
                        given_name="Bench",
                        surname=f"Persoon {serial:05d}",
                        email=f"p{serial:05d}@bench.oranje.nl",
                        phone=f"+316{rng.randrange(10_000_000, 59_999_999)}",
                    )
                )
            people = Person.objects.bulk_create(people, batch_size=2000)
            cursor = iter(people)
            n_districts = min(len(municipalities), rng.choice([2, 3, 4]))
            districts = []
            for d in range(n_districts):
                district = District.objects.create(region=region, name=f"District {d + 1}")
                members = municipalities[d::n_districts]
                district.municipalities.set(members)
                districts.append((district, members))
            shifts: list[OnCallShift] = []
            memberships: list[tuple[Pool, list[Person], Function]] = []

            def pool(
                name: str, kind: str, area: list, code: str, size: int
            ) -> tuple[Pool, list[Person]]:
                p = Pool.objects.create(region=region, name=name, kind=kind)
                p.municipalities.set(area)
                p.functions.set([functions[code]])
                members = [next(cursor) for _ in range(size)]
                memberships.append((p, members, functions[code]))
                return p, members

            for district, area in districts:
                p, members = pool(
                    f"OvD-BZ {district.name}",
                    PoolKind.INTERMUNICIPAL if len(area) > 1 else PoolKind.MUNICIPAL,
                    area,
                    "OVD-BZ",
                    6,
                )
                shifts += [
                    OnCallShift(
                        pool=p,
                        function=functions["OVD-BZ"],
                        person=members[w % 6],
                        kind=OnCallKind.HARD,
                        starts_at=start + w * week,
                        ends_at=start + (w + 1) * week,
                    )
                    for w in range(WEEKS)
                ]
            for municipality in municipalities:
                p, members = pool(
                    f"CPG {municipality.name}", PoolKind.MUNICIPAL, [municipality], "CPG", 4
                )
                shifts += [
                    OnCallShift(
                        pool=p,
                        function=functions["CPG"],
                        person=members[w % 4],
                        kind=OnCallKind.HARD,
                        starts_at=start + w * week,
                        ends_at=start + (w + 1) * week,
                    )
                    for w in range(WEEKS)
                    if rng.random() > 0.05
                ]
            p, members = pool("AC-BZ regio", PoolKind.REGIONAL, [], "AC-BZ", 5)
            shifts += [
                OnCallShift(
                    pool=p,
                    function=functions["AC-BZ"],
                    person=members[w % 5],
                    kind=OnCallKind.HARD,
                    starts_at=start + w * week,
                    ends_at=start + (w + 1) * week,
                )
                for w in range(WEEKS)
            ]
            rest = list(cursor)
            p = Pool.objects.create(region=region, name="Backoffice", kind=PoolKind.REGIONAL)
            p.functions.set([functions["CO-OPV"]])
            back = rest[:60]
            memberships.append((p, back, functions["CO-OPV"]))
            shifts += [
                OnCallShift(
                    pool=p,
                    function=functions["CO-OPV"],
                    person=back[(w * 10 + i) % 60],
                    kind=OnCallKind.SOFT,
                    starts_at=start + w * week,
                    ends_at=start + (w + 1) * week,
                )
                for w in range(WEEKS)
                for i in range(10)
            ]
            for p, members, function in memberships:
                p.members.set(members)
                Person.functions.through.objects.bulk_create(
                    [
                        Person.functions.through(person_id=m.pk, function_id=function.pk)
                        for m in members
                    ]
                )
            Person.functions.through.objects.bulk_create(
                [
                    Person.functions.through(person_id=m.pk, function_id=functions["CO-REG"].pk)
                    for m in rest[60:]
                ]
            )
            OnCallShift.objects.bulk_create(shifts, batch_size=2000)
            away = []
            for person in rng.sample(people, k=max(1, len(people) // 50)):
                begin = start + rng.randrange(WEEKS) * week + dt.timedelta(days=rng.randrange(7))
                away.append(
                    Unavailability(
                        person=person,
                        starts_at=begin,
                        ends_at=begin + dt.timedelta(days=rng.choice([2, 7, 14])),
                        reason=UnavailabilityReason.HOLIDAY,
                    )
                )
            Unavailability.objects.bulk_create(away)
    return {"people": Person.objects.count(), "shifts": OnCallShift.objects.count()}
