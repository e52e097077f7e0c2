"""Demo, issue 17, part "drills" (see demo/national.py): in Kennemerland one completed
one-hour drill (sent twelve days ago to an OvD-BZ, reported back in time, assessed "good",
counted as an hour of exercise in the passport) and one open drill, sent now to someone on
the roster (its mail goes out through the worker like any drill's). Tops up: run twice, it
adds nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from oranje.demo.national import DemoContext
from oranje.organisation.constants import PersonKind
from oranje.organisation.models import Function, Person
from oranje.readiness.constants import DrillAssessment
from oranje.readiness.models import Activity, Drill
from oranje.readiness.services import drills
from oranje.readiness.services.recompute import readiness_recompute

DONE_TEXT = (
    "Je hebt een uur om voor 60 bewoners van de Zeestraat in IJmuiden, die hun woning uit "
    "moeten door een gaslek, een opvanglocatie met catering en een aanspreekpunt te regelen."
)
DONE_REPORT = (
    "Sporthal Zeewijk is vanaf 14:45 open (sleutel via beheerder gemeente Velsen, 06 van de "
    "beheerder in het logboek). Catering: Rode Kruis Kennemerland levert soep en broodjes voor "
    "60 personen om 15:30. Aanspreekpunt ter plaatse: de teamleider opvang van Velsen. Nog "
    "open: vervoer voor 4 minder zelfredzame bewoners, gevraagd aan de Regiotaxi."
)
DONE_NOTE = (
    "Binnen 50 minuten geregeld en helder teruggemeld. Let op: de verminderd zelfredzamen "
    "eerder in beeld brengen, vóór de locatie."
)
OPEN_TEXT = (
    "Je hebt een uur om voor een ontruimde flat in Haarlem-Schalkwijk (120 bewoners) "
    "nachtopvang te regelen: een locatie, bedden en wie daar vannacht de leiding heeft."
)
DAYS_AGO = 12


def build(ctx: DemoContext) -> None:
    _completed(ctx)
    _open(ctx)


def _completed(ctx: DemoContext) -> None:
    if Drill.objects.filter(region=ctx.region, assignment=DONE_TEXT).exists():
        return
    ovd = Function.objects.get(code="OVD-BZ")
    person = (
        Person.objects.filter(region=ctx.region, functions=ovd, active=True, kind=PersonKind.KEY)
        .order_by("surname", "given_name")
        .first()
    )
    if person is None:
        ctx.log("Uuropdracht: geen OvD-BZ in de regio, overgeslagen")
        return
    with transaction.atomic():
        drill = drills.drill_start(
            actor=ctx.coordinator,
            region=ctx.region,
            person=person,
            function=ovd,
            assignment=DONE_TEXT,
            minutes=60,
        )
        # Twelve days ago: sent then (so the worker sends nothing now), reported after 50
        # minutes, assessed the next morning.
        sent = timezone.now() - dt.timedelta(days=DAYS_AGO)
        Drill.objects.filter(pk=drill.pk).update(
            created_at=sent,
            deadline=sent + dt.timedelta(minutes=60),
            sent_at=sent + dt.timedelta(seconds=20),
        )
        drill.refresh_from_db()
        drills.drill_report(token=drills.drill_link_token(drill), report=DONE_REPORT)
        Drill.objects.filter(pk=drill.pk).update(reported_at=sent + dt.timedelta(minutes=50))
        drill.refresh_from_db()
        drill = drills.drill_assess(
            actor=ctx.coordinator,
            drill=drill,
            assessment=DrillAssessment.GOOD,
            note=DONE_NOTE,
        )
        assessed = sent + dt.timedelta(hours=19)
        # Its assessment was mailed then: the worker sends nothing now.
        Drill.objects.filter(pk=drill.pk).update(
            assessed_at=assessed, assessment_mailed_at=assessed + dt.timedelta(seconds=20)
        )
        Activity.objects.filter(drill=drill).update(completed_on=timezone.localtime(sent).date())
        readiness_recompute(person_ids=[person.pk])
    ctx.log(f"Uuropdracht beoordeeld: {person} (OVD-BZ, goed)")


def _open(ctx: DemoContext) -> None:
    if Drill.objects.filter(region=ctx.region, assignment=OPEN_TEXT).exists():
        return
    shift = drills.drill_candidates(ctx.region).exclude(person__drills__isnull=False).first()
    if shift is None:
        shift = drills.drill_candidates(ctx.region).first()
    if shift is None:
        ctx.log("Uuropdracht: niemand nu in dienst, open uuropdracht overgeslagen")
        return
    drills.drill_start(
        actor=ctx.coordinator,
        region=ctx.region,
        person=shift.person,
        function=shift.function,
        assignment=OPEN_TEXT,
        minutes=60,
        shift=shift,
    )
    ctx.log(f"Uuropdracht open: {shift.person} ({shift.function.code})")
