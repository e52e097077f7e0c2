"""Demo, issue 17, part "people" (see demo/national.py): some Kennemerland people are civil
servants who may be called without a path, one of them moved from key-function holder with
a reason; Kennemerland runs the shelter coordinator (CO-OPV) in the field rather than from
the back office; and enough alert history on hard and soft on-call for the figures."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oranje.alerting.constants import Answer, CallStatus, Step
from oranje.alerting.models import Alert, FunctionCall
from oranje.core.models import Municipality
from oranje.core.validation import local_zone
from oranje.demo.national import DemoContext
from oranje.incidents.constants import IncidentType
from oranje.incidents.models import Incident
from oranje.organisation import services
from oranje.organisation.constants import FunctionGroup, OnCallKind, PersonKind
from oranje.organisation.models import (
    Function,
    OnCallShift,
    Person,
    PersonKindChange,
    RegionFunction,
)

#: How many Kennemerland people are civil servants without a path in the demo.
CIVIL_COUNT = 3
MOVE_REASON = "Stopt met het opleidingstraject CPG; blijft als ambtenaar oproepbaar op zacht piket."
REGROUPED = "CO-OPV"

#: The history for the figures: (days ago, title, kind, municipality, exercise, {function:
#: (hard answers, soft answers)}); an answer is (answer, minutes to answer or None).
A, D, P = Answer.ACCEPTED, Answer.DECLINED, Answer.PENDING
Answers = list[tuple[str, int | None]]
HISTORY: list[tuple[int, str, str, str, bool, dict[str, tuple[Answers, Answers]]]] = [
    (
        24,
        "Woningbrand met rookoverlast, Haarlem-Schalkwijk",
        IncidentType.FIRE,
        "Haarlem",
        False,
        {"OVD-BZ": ([(A, 2)], [(A, 6), (D, 4), (P, None)]), "CPG": ([(A, 3)], [(A, 9), (P, None)])},
    ),
    (
        47,
        "Stroomstoring Zandvoort-Noord",
        IncidentType.UTILITY_OUTAGE,
        "Zandvoort",
        False,
        {"OVD-BZ": ([(A, 1), (D, 2)], [(D, 5), (P, None)]), "CPG": ([(A, 4)], [(A, 12), (D, 7)])},
    ),
    (
        83,
        "Wateroverlast Beverwijk-centrum",
        IncidentType.FLOOD,
        "Beverwijk",
        False,
        {"OVD-BZ": ([(A, 3)], [(A, 8), (A, 11), (P, None)]), "CPG": ([(D, 2)], [(A, 6)])},
    ),
    (
        131,
        "Gaslek Velserbroek",
        IncidentType.UTILITY_OUTAGE,
        "Velsen",
        False,
        {"OVD-BZ": ([(A, 2)], [(P, None), (D, 9)]), "CPG": ([(A, 5)], [(P, None), (A, 15)])},
    ),
    (
        38,
        "Oefening ontruiming zorgcentrum Heemstede",
        IncidentType.EVACUATION,
        "Heemstede",
        True,
        {"OVD-BZ": ([(A, 2)], [(A, 4), (A, 5)]), "CPG": ([(A, 3)], [(D, 6)])},
    ),
]


def _civil_servants(ctx: DemoContext) -> None:
    now = timezone.now()
    if PersonKindChange.objects.filter(person__region=ctx.region).exists():
        return
    hard_ahead = OnCallShift.objects.filter(kind=OnCallKind.HARD, ends_at__gt=now).values(
        "person_id"
    )
    # Not the personas (they have logins), nobody on hard on-call now or later, and no OvD-BZ
    # officers (the loans part lends those); contact persons (CPG) first.
    free = list(
        Person.objects.filter(region=ctx.region, active=True, kind=PersonKind.KEY, user=None)
        .exclude(pk__in=hard_ahead)
        .exclude(functions__code="OVD-BZ")
        .distinct()
        .prefetch_related("functions")
    )
    free.sort(key=lambda p: ("CPG" not in {f.code for f in p.functions.all()}, p.surname, p.pk))
    chosen = free[:CIVIL_COUNT]
    if not chosen:
        return
    # The others were entered as civil servants from the start; the first moves, with a reason.
    Person.objects.filter(pk__in=[p.pk for p in chosen[1:]]).update(kind=PersonKind.CIVIL)
    moved = services.person_change_kind(
        actor=ctx.coordinator, person=chosen[0], to_kind=PersonKind.CIVIL, reason=MOVE_REASON
    )
    ctx.log(
        f"Mensen: {len(chosen)} ambtenaren zonder traject in Kennemerland; "
        f"{moved.full_name} overgezet met reden."
    )


def _regroup(ctx: DemoContext) -> None:
    function = Function.objects.get(code=REGROUPED)
    setting = RegionFunction.objects.filter(region=ctx.region, function=function).first()
    if setting is not None and setting.group_override == FunctionGroup.FIELD:
        return
    services.region_function_update(
        actor=ctx.coordinator,
        region=ctx.region,
        function=function,
        local_name=setting.local_name if setting else "",
        coverage_unit=setting.coverage_unit if setting else "region",
        min_hard_on_call=setting.min_hard_on_call if setting else 0,
        group_override=FunctionGroup.FIELD,
    )
    ctx.log(f"Mensen: {REGROUPED} is in Kennemerland een veldfunctie.")


def _history(ctx: DemoContext) -> None:
    zone = local_zone()
    created = False
    for days_ago, title, kind, place, exercise, plan in HISTORY:
        if Incident.objects.filter(region=ctx.region, title=title).exists():
            continue
        municipality = Municipality.objects.filter(region=ctx.region, name=place).first()
        if municipality is None:
            continue
        day = ctx.today - dt.timedelta(days=days_ago)
        start = dt.datetime.combine(day, dt.time(14 + days_ago % 6, 10), zone)
        incident = Incident.objects.create(
            region=ctx.region,
            title=title,
            kind=kind,
            started_at=start,
            location_text=place,
            municipality=municipality,
            is_exercise=exercise,
            description="Afgerond incident uit de piekgeschiedenis van de regio.",
            created_by=ctx.coordinator,
            created_at=start,
            acute_ended_at=start + dt.timedelta(hours=5),
            acute_ended_by=ctx.coordinator,
            closed_at=start + dt.timedelta(days=1),
            closed_by=ctx.coordinator,
            close_note="Afgesloten.",
        )
        incident.municipalities.set([municipality])
        for code, (hard, soft) in plan.items():
            function = Function.objects.get(code=code)
            opened = start + dt.timedelta(minutes=12)
            call = FunctionCall.objects.create(
                incident=incident,
                function=function,
                municipality=municipality,
                escalation_minutes=5,
                arrival_norm_minutes=30 if code == "OVD-BZ" else 45,
                status=CallStatus.FILLED,
                reason="Alarmering bij opschaling",
                opened_at=opened,
                opened_by=ctx.coordinator,
                filled_at=opened + dt.timedelta(minutes=15),
            )
            people = list(
                Person.objects.filter(region=ctx.region, functions=function, active=True)
                .order_by("pk")
                .distinct()[: len(hard) + len(soft)]
            )
            steps = [(Step.HARD, a) for a in hard] + [(Step.SOFT, a) for a in soft]
            for person, (step, (answer, minutes)) in zip(people, steps, strict=False):
                alerted_at = opened if step == Step.HARD else opened + dt.timedelta(minutes=5)
                answered_at = alerted_at + dt.timedelta(minutes=minutes) if minutes else None
                Alert.objects.create(
                    call=call,
                    person=person,
                    step=step,
                    alerted_at=alerted_at,
                    answer=answer,
                    answered_at=answered_at,
                    eta_minutes=20 if answer == A else None,
                )
        created = True
        ctx.log(f"Mensen: alarmeringsgeschiedenis '{title}' ({day:%d-%m-%Y}).")
    if created:
        # The quality room computed its figures before this part ran: bring them up to date
        # now, so that a second run of the demo changes nothing.
        from oranje.demo import quality_history
        from oranje.quality.services.compute import indicators_compute

        indicators_compute(periods=quality_history.periods(ctx.today))


def build(ctx: DemoContext) -> None:
    _civil_servants(ctx)
    _regroup(ctx)
    _history(ctx)
