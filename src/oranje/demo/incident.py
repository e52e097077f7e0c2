"""The demo's running exercise: the Velsen-Noord gas outage of January 2015 replayed
(DOMAIN.md §10): water in the gas network, 1,300 households without gas for days, GRIP 3,
residents asked to arrange their own solution first, an information point.

Built through the real services; only the clock is set back, so that the exercise reads as
three hours in progress. Alerts come from the demo rosters; the worker keeps escalating
whatever nobody answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from oranje.alerting import services as alerting
from oranje.alerting.constants import Answer
from oranje.alerting.models import Alert, FunctionCall
from oranje.core.models import Municipality, Region, User
from oranje.incidents import services
from oranje.incidents.constants import EntryKind, IncidentType, Process, ScalingMode
from oranje.incidents.models import Incident, LogEntry
from oranje.organisation.models import Function

TITLE = "Gasstoring Velsen-Noord"
AREA = [
    [52.4795, 4.6215],
    [52.4810, 4.6480],
    [52.4700, 4.6590],
    [52.4640, 4.6420],
    [52.4665, 4.6230],
]

# (minutes after the start, team, process, text)
LOG = [
    (
        4,
        "copi",
        Process.SURROUNDINGS,
        "Liander meldt water in het gasnet; 1.300 huishoudens in Velsen-Noord zonder gas.",
    ),
    (
        9,
        "copi",
        Process.ADVICE,
        "Moet de overheid hier iets doen? Ja: het duurt dagen, zonder gas niet koken en verwarmen.",
    ),
    (
        14,
        "copi",
        Process.COMMUNICATION,
        "Eerste bericht via website en sociale media: oorzaak, gebied, advies om elektrisch te verwarmen.",
    ),
    (
        22,
        "copi",
        Process.SHELTER,
        "Opvang nu niet nodig: bewoners vragen eerst zelf een oplossing te zoeken bij familie of buren.",
    ),
    (
        31,
        "rot",
        Process.SHELTER,
        "Wie zijn de verminderd zelfredzamen? Wijkteam en thuiszorg leveren adressen aan.",
    ),
    (
        47,
        "rot",
        Process.SHELTER,
        "86 adressen van verminderd zelfredzamen bekend; ronde langs de deur gepland.",
    ),
    (
        58,
        "rot",
        Process.SURROUNDINGS,
        "Liander verwacht 3 tot 5 dagen voor het leegpompen en weer aansluiten van het net.",
    ),
    (
        64,
        "tbz",
        Process.COMMUNICATION,
        "Informatienummer 0255-567200 open; eerste uur 140 vragen, vooral over koken en verwarmen.",
    ),
    (
        75,
        "tbz",
        Process.SHELTER,
        "Elektrische kookplaten en kachels besteld: 400 stuks, levering morgenochtend.",
    ),
    (
        88,
        "tbz",
        Process.AFTERCARE,
        "Vragen over schadevergoeding door Liander: in kaart brengen voor het informatiepunt.",
    ),
    (
        96,
        "gbt",
        Process.ADVICE,
        "Burgemeester akkoord met informatiepunt in buurthuis De Stek, dagelijks 8–22 uur.",
    ),
    (
        121,
        "tbz",
        Process.COMMUNICATION,
        "Omgevingsanalyse: begrip bij bewoners, zorgen over ouderen alleen thuis.",
    ),
    (
        139,
        "tbz",
        Process.VICTIMS,
        "Geen gewonden; twee bewoners met lichte klachten door kachel in huis, GGD geïnformeerd.",
    ),
    (
        152,
        "rot",
        Process.SURROUNDINGS,
        "Monteurs van Liander in de wijk; straten worden vak voor vak drooggepompt.",
    ),
]


def _shift_alert_times(incident: Incident, coordinator: User) -> None:
    """Put each call's alerts at the moment of its scaling, and answer most of them."""
    for call in FunctionCall.objects.filter(incident=incident).select_related("scaling_step"):
        at = call.scaling_step.at if call.scaling_step else incident.started_at
        FunctionCall.objects.filter(pk=call.pk).update(opened_at=at)
        for n, alert in enumerate(call.alerts.order_by("pk")):
            Alert.objects.filter(pk=alert.pk).update(alerted_at=at)
            alert.refresh_from_db()
            if n >= call.people_needed + 1:
                continue
            answered = at + dt.timedelta(minutes=2 + 3 * n)
            if n == call.people_needed:  # one declines, as people do
                alerting.alert_answer(
                    token=alerting.answer_token(alert),
                    answer=Answer.DECLINED,
                    eta_minutes=None,
                    now=answered,
                )
                continue
            eta = 15 + 5 * (call.pk % 4)
            alert = alerting.alert_answer(
                token=alerting.answer_token(alert),
                answer=Answer.ACCEPTED,
                eta_minutes=eta,
                now=answered,
            )
            arrival = answered + dt.timedelta(minutes=eta + (call.pk % 3) * 6)
            if arrival < timezone.now():
                alerting.alert_arrive(alert=alert, via="board", actor=coordinator, now=arrival)


def build(region: Region, coordinator: User, log: Callable[[str], None]) -> Incident | None:
    """Start the exercise once; a later run leaves a running one alone."""
    running = Incident.objects.filter(
        region=region, title=TITLE, is_exercise=True, closed_at__isnull=True
    ).first()
    if running is not None:
        log(f"Oefenincident '{TITLE}' loopt al.")
        return running
    velsen = Municipality.objects.get(name="Velsen", region=region)
    now = timezone.now().replace(second=0, microsecond=0)
    start = now - dt.timedelta(hours=3)
    with transaction.atomic():
        incident = services.incident_start(
            actor=coordinator,
            region=region,
            title=TITLE,
            kind=IncidentType.UTILITY_OUTAGE,
            started_at=start,
            municipality=velsen,
            is_exercise=True,
            location_text="Velsen-Noord, rond de Wijkerstraatweg",
            point=(Decimal("52.472500"), Decimal("4.640000")),
            area=[*AREA, AREA[0]],
            description="Naspelen van januari 2015: water in het gasnet, 1.300 huishoudens dagenlang zonder gas.",
        )
        steps = [
            (
                10,
                ScalingMode.GRIP,
                1,
                ["copi"],
                "Effecten in de wijk; afstemming ter plaatse nodig.",
                "Leider CoPI",
            ),
            (
                40,
                ScalingMode.GRIP,
                2,
                ["copi", "rot"],
                "Duurt dagen; effecten buiten de wijk, ROT nodig.",
                "Operationeel leider",
            ),
            (
                90,
                ScalingMode.GRIP,
                3,
                ["copi", "rot", "gbt", "tbz"],
                "Welzijn van 1.300 huishoudens in het geding; burgemeester neemt de leiding.",
                "Burgemeester van Velsen",
            ),
        ]
        for minutes, mode, level, teams, reason, who in steps:
            at = start + dt.timedelta(minutes=minutes)
            services.incident_scale(
                actor=coordinator,
                incident=incident,
                mode=mode,
                grip_level=level,
                teams=teams,
                reason=reason,
                decided_by=who,
                at=at,
            )
            # A scaling alerts when it is recorded; the demo records its past scalings now,
            # so the alerting lines it wrote are put at the moment of the scaling.
            LogEntry.objects.filter(incident=incident, kind=EntryKind.ALERT, at__gt=at).update(
                at=at
            )
        _shift_alert_times(incident, coordinator)
        for minutes, team, process, text in LOG:
            services.log_entry_add(
                actor=coordinator,
                incident=incident,
                text=text,
                team=team,
                process=process,
                at=start + dt.timedelta(minutes=minutes),
            )
        first = services.decision_record(
            actor=coordinator,
            incident=incident,
            team="gbt",
            decided_by="Burgemeester van Velsen",
            text="Geen opvanglocatie; wel een informatiepunt in buurthuis De Stek. Bewoners eerst zelf laten regelen.",
            process=Process.SHELTER,
            decided_at=start + dt.timedelta(minutes=96),
        )
        functions = {
            f.code: f
            for f in Function.objects.filter(code__in=["HTO-PZ", "HTO-CC", "OVD-BZ", "HTO-NF"])
        }
        plan = [
            ("Ronde langs de 86 adressen van verminderd zelfredzamen", "OVD-BZ", 60, first),
            ("Kookplaten en kachels uitdelen vanaf het informatiepunt", "HTO-PZ", 20 * 60, first),
            ("Bewonersbrief: wat te doen, waar te vragen, vergoeding", "HTO-CC", -15, None),
            ("Overzicht van schadevragen voor het informatiepunt", "HTO-NF", 24 * 60, None),
        ]
        for text, code, due_minutes, decision in plan:
            services.action_create(
                actor=coordinator,
                incident=incident,
                text=text,
                owner_function=functions[code],
                deadline=now + dt.timedelta(minutes=due_minutes),
                team="tbz",
                decision=decision,
            )
        ovd_items = services.checklist_items(region, functions["OVD-BZ"])
        for item in ovd_items[:3]:
            services.checklist_tick(actor=coordinator, incident=incident, item=item)
        report = services.report_draft(actor=coordinator, incident=incident)
        services.report_update(
            actor=coordinator,
            report=report,
            summary="1.300 huishoudens in Velsen-Noord zonder gas, naar verwachting 3 tot 5 dagen. Geen gewonden.",
            sections={
                **report.sections,
                Process.SHELTER: {
                    "picture": report.sections[Process.SHELTER]["picture"],
                    "judgement": "Opvang niet nodig zolang bewoners zelf een oplossing vinden; zorg voor verminderd zelfredzamen is het risico.",
                    "advice": "Informatiepunt in De Stek; ronde langs kwetsbare adressen; kookplaten en kachels uitdelen.",
                },
            },
        )
        services.report_approve(actor=coordinator, report=report)
        services.report_publish(actor=coordinator, report=report)
    log(f"Oefenincident '{TITLE}' draait (GRIP 3), met logboek, besluiten, acties en alarmering.")
    return incident
