"""Readiness in the demo world: profiles, activity histories with every status, minimums,
and a completed tabletop exercise. Built before the rosters, so the rosters respect it."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from oranje.core.models import Region, User
from oranje.organisation import services as org_services
from oranje.organisation.models import Function, Person
from oranje.readiness import services
from oranje.readiness.constants import ActivityKind, ExerciseType, RequirementKind
from oranje.readiness.models import Activity

NATIONAL: dict[str, list[dict[str, Any]]] = {
    "OVD-BZ": [
        {"kind": RequirementKind.COURSE, "code": "BZ-OVD-BASIS", "label": "Opleiding OvD-BZ"},
        {
            "kind": RequirementKind.EXAM,
            "code": "PVB-OVD",
            "label": "Proeve van bekwaamheid OvD-BZ",
            "valid_months": 36,
        },
        {
            "kind": RequirementKind.UPKEEP,
            "label": "Minstens 2 oefeningen of inzetten per 12 maanden",
            "min_count": 2,
            "window_months": 12,
        },
    ],
    "AC-BZ": [
        {"kind": RequirementKind.COURSE, "code": "BZ-AC-BASIS", "label": "Opleiding AC-BZ"},
        {
            "kind": RequirementKind.EXAM,
            "code": "PVB-AC",
            "label": "Proeve van bekwaamheid AC-BZ",
            "valid_months": 36,
        },
        {
            "kind": RequirementKind.UPKEEP,
            "label": "Minstens 2 oefeningen of inzetten per 12 maanden",
            "min_count": 2,
            "window_months": 12,
        },
    ],
    "ADV-CC-COPI": [
        {
            "kind": RequirementKind.COURSE,
            "code": "CC-BASIS",
            "label": "Opleiding crisiscommunicatie",
        },
        {
            "kind": RequirementKind.UPKEEP,
            "label": "Minstens 8 uur oefenen per 12 maanden",
            "min_hours": Decimal(8),
            "window_months": 12,
        },
    ],
    "CPG": [
        {
            "kind": RequirementKind.COURSE,
            "code": "CPG-BASIS",
            "label": "Introductie contactpersoon gemeente",
        },
        {
            "kind": RequirementKind.UPKEEP,
            "label": "Minstens 1 oefening per 12 maanden",
            "min_count": 1,
            "window_months": 12,
        },
    ],
}
REGIONAL: dict[str, list[dict[str, Any]]] = {
    "OVD-BZ": [
        {
            "kind": RequirementKind.COURSE,
            "code": "KEN-ORIENT",
            "label": "Oriëntatie veiligheidsregio Kennemerland",
        }
    ],
}
MIN_QUALIFIED = {"OVD-BZ": 6, "AC-BZ": 4, "ADV-CC-COPI": 6, "CPG": 18}


def build(
    region: Region, coordinator: User, admin: User, today: dt.date, log: Callable[[str], None]
) -> None:
    rng = random.Random(1213)
    functions = {f.code: f for f in Function.objects.all()}
    for code, requirements in NATIONAL.items():
        services.profile_publish(
            actor=admin,
            function=functions[code],
            region=None,
            requirements=requirements,
            note="Landelijk vastgesteld (demo)",
        )
    for code, requirements in REGIONAL.items():
        services.profile_publish(
            actor=coordinator,
            function=functions[code],
            region=region,
            requirements=requirements,
            note="Regionale aanvulling Kennemerland",
        )
    for code, minimum in MIN_QUALIFIED.items():
        setting = region.function_settings.get(function=functions[code])
        org_services.region_function_update(
            actor=coordinator,
            region=region,
            function=functions[code],
            local_name=setting.local_name,
            coverage_unit=setting.coverage_unit,
            min_hard_on_call=setting.min_hard_on_call,
        )
        setting.refresh_from_db()
        setting.min_qualified = minimum
        setting.save(update_fields=["min_qualified"])

    activities: list[Activity] = []

    def add(person: Person, kind: str, title: str, day: dt.date, **extra: object) -> None:
        activities.append(
            Activity(
                person=person,
                kind=kind,
                title=title,
                completed_on=day,
                recorded_by=coordinator,
                **extra,
            )
        )

    def days_ago(n: int) -> dt.date:
        return today - dt.timedelta(days=n)

    people = (
        Person.objects.filter(region=region)
        .prefetch_related("functions")
        .order_by("surname", "given_name", "pk")
    )
    for index, person in enumerate(people):
        codes = {f.code for f in person.functions.all()} & set(NATIONAL)
        # Most people are qualified; every seventh lapses within 90 days, every eleventh has
        # lapsed (no recent exercise), every seventeenth is new and still lacks the exam.
        lapsing, lapsed, newcomer = index % 7 == 3, index % 11 == 5, index % 17 == 8
        if person.user_id is not None:
            # A persona shows the functionary's own flow (shifts, alerts): always qualified.
            lapsing = lapsed = newcomer = False
        for code in codes:
            fn = functions[code]
            for requirement in NATIONAL[code] + REGIONAL.get(code, []):
                if requirement["kind"] == RequirementKind.COURSE:
                    add(
                        person,
                        ActivityKind.COURSE,
                        requirement["label"],
                        days_ago(rng.randrange(500, 2500)),
                        code=requirement["code"],
                        passed=True,
                    )
                elif requirement["kind"] == RequirementKind.EXAM and not newcomer:
                    age = 1040 if lapsing and code == "OVD-BZ" else rng.randrange(100, 900)
                    add(
                        person,
                        ActivityKind.PRACTICAL_TEST,
                        requirement["label"],
                        days_ago(age),
                        code=requirement["code"],
                        passed=True,
                        score=Decimal(rng.choice(["6.5", "7.0", "7.5", "8.0"])),
                    )
            exercise_ages = (
                [rng.randrange(300, 340), rng.randrange(290, 300)]
                if lapsing
                else (
                    [rng.randrange(380, 500), rng.randrange(400, 700)]
                    if lapsed
                    else [rng.randrange(20, 150), rng.randrange(150, 260)]
                )
            )
            for age in exercise_ages:
                add(
                    person,
                    ActivityKind.EXERCISE,
                    "Regionale oefening bevolkingszorg",
                    days_ago(age),
                    function=fn,
                    exercise_type=ExerciseType.TABLETOP,
                    hours=Decimal(rng.choice(["3", "4", "5"])),
                )
    Activity.objects.bulk_create(activities)
    services.readiness_recompute(person_ids=[p.pk for p in people])

    exercise_day = dt.datetime.combine(days_ago(21), dt.time(19, 0)).astimezone()
    officers = list(
        Person.objects.filter(region=region, functions__code="OVD-BZ").order_by("surname")[:4]
    )
    advisers = list(
        Person.objects.filter(region=region, functions__code="ADV-CC-COPI").order_by("surname")[:2]
    )
    observer = (
        Person.objects.filter(region=region, functions__code="AC-BZ").order_by("surname").first()
    )
    exercise = services.exercise_plan(
        actor=coordinator,
        region=region,
        title="Tabletop gasstoring Velsen-Noord",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=exercise_day,
        hours=Decimal(3),
        scenario="Water in het gasnet: 1.300 huishoudens zonder gas, midden in de winter. Moet de overheid hier iets doen? "
        "Wie zijn de verminderd zelfredzamen?",
        functions=[functions["OVD-BZ"], functions["ADV-CC-COPI"]],
        participants=[(p, functions["OVD-BZ"]) for p in officers]
        + [(p, functions["ADV-CC-COPI"]) for p in advisers],
        observers=[observer] if observer else [],
    )
    attendance = {
        participant.pk: (
            index != 2,
            "Goed overzicht; vroeg aandacht voor kwetsbare bewoners." if index == 0 else "",
        )
        for index, participant in enumerate(exercise.participants.all())
    }
    services.exercise_complete(
        actor=coordinator,
        exercise=exercise,
        attendance=attendance,
        learning_points=[
            (
                "Lijst van verminderd zelfredzamen per wijk ontbrak; vraag die bij de gemeente op vóór de eerste briefing.",
                functions["OVD-BZ"],
            ),
            (
                "Eerste publieksbericht pas na 50 minuten: kernboodschap vooraf klaarzetten.",
                functions["ADV-CC-COPI"],
            ),
        ],
    )
    log(
        f"Vakbekwaamheid: {len(NATIONAL)} landelijke profielen, {len(activities)} activiteiten, 1 oefening."
    )
