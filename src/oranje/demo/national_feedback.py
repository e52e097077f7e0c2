"""Demo, issue 17, part "feedback" (see demo/national.py): a short exercise of one hour in
Kennemerland with three feedback moments along the way, feedback for each participant, and
the exercise completed (so it counts as upkeep)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from oranje.demo.national import DemoContext
from oranje.organisation.models import Function, Person
from oranje.readiness import services
from oranje.readiness.constants import ExerciseType, ParticipantRole
from oranje.readiness.models import Exercise
from oranje.readiness.services import feedback

TITLE = "Korte oefening stroomstoring Haarlem-Noord"
#: Minutes after the start, and what the observers look at.
MOMENTS = [
    (10, "Eerste beeldvorming: wat weten we, wie zijn de verminderd zelfredzamen?"),
    (30, "Besluit over een opvanglocatie en melding aan het CoPI"),
    (50, "Eerste publieksbericht en overdracht aan de opvolger"),
]
#: Per moment, per participant (in surname order): went well, to improve.
FEEDBACK = [
    [
        (
            "Stelde direct de vraag of de overheid hier iets moet doen; heldere eerste "
            "inschatting.",
            "Vraag de lijst van verminderd zelfredzamen eerder op bij de gemeente.",
        ),
        ("Rustig en volledig beeld van de getroffen straten.", ""),
        ("", "Nam pas na twintig minuten contact op met de netbeheerder."),
    ],
    [
        ("Koos een passende opvanglocatie met reservecapaciteit.", ""),
        (
            "Goede afstemming met de gemeentesecretaris.",
            "Meld het besluit ook in het logboek, met de reden.",
        ),
        ("Benoemde vervoer voor minder mobiele bewoners.", "Spreek een tijd af voor de check."),
    ],
    [
        ("Kernboodschap was kort en concreet.", "Noem in het bericht waar mensen terechtkunnen."),
        ("", "Overdracht miste de openstaande acties; gebruik de checklist."),
        ("Overdracht volledig en op tijd.", ""),
    ],
]


def build(ctx: DemoContext) -> None:
    """Tops up: run twice, it adds nothing."""
    if Exercise.objects.filter(region=ctx.region, title=TITLE).exists():
        return
    ovd = Function.objects.get(code="OVD-BZ")
    people = list(
        Person.objects.filter(region=ctx.region, functions=ovd, active=True)
        .exclude(user__isnull=True)
        .order_by("surname")[:1]
    )
    people += list(
        Person.objects.filter(region=ctx.region, functions=ovd, active=True, user__isnull=True)
        .order_by("surname", "given_name")
        .exclude(pk__in=[p.pk for p in people])[: 3 - len(people)]
    )
    observer = (
        Person.objects.filter(region=ctx.region, functions__code="AC-BZ", active=True)
        .order_by("surname")
        .first()
    )
    start = dt.datetime.combine(ctx.today - dt.timedelta(days=7), dt.time(19, 0)).astimezone()
    exercise = services.exercise_plan(
        actor=ctx.coordinator,
        region=ctx.region,
        title=TITLE,
        exercise_type=ExerciseType.TABLETOP,
        starts_at=start,
        hours=Decimal(1),
        scenario=(
            "Stroomstoring in Haarlem-Noord op een koude avond: 2.400 huishoudens zonder stroom, "
            "een verpleeghuis op noodstroom. Een uur, met drie feedbackmomenten."
        ),
        functions=[ovd],
        participants=[(p, ovd) for p in people],
        observers=[observer] if observer else [],
    )
    participants = list(
        exercise.participants.filter(role=ParticipantRole.PARTICIPANT).order_by(
            "person__surname", "person__given_name"
        )
    )
    for (minutes, title), lines in zip(MOMENTS, FEEDBACK, strict=True):
        moment = feedback.moment_create(
            actor=ctx.coordinator,
            exercise=exercise,
            at=start + dt.timedelta(minutes=minutes),
            title=title,
        )
        for participant, (went_well, to_improve) in zip(participants, lines, strict=False):
            feedback.feedback_record(
                actor=ctx.coordinator,
                moment=moment,
                participant=participant,
                went_well=went_well,
                to_improve=to_improve,
            )
    services.exercise_complete(
        actor=ctx.coordinator,
        exercise=exercise,
        attendance={p.pk: (True, "") for p in exercise.participants.all()},
    )
    ctx.log(
        f"Feedback: oefening '{TITLE}' met {len(MOMENTS)} feedbackmomenten en "
        f"{len(participants) * len(MOMENTS)} keer feedback."
    )
