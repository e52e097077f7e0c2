"""The quality room in the demo world (issue 15): Kennemerland's stricter norm set on top of
the national one, its agreements with its nine municipalities, inhabitants, the cost model
with a scenario, self-assessment rounds (the current one half done), a past incident that
scaled flexibly with the board's review, an improvement action for Zandvoort's CPG rota, and
a board report for the last complete quarter. The figures themselves are computed from the
records (`demo.quality_history` writes three years of them) by the indicators' own service.

Idempotent: a second run adds nothing that exists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from oranje.alerting.constants import Answer, CallStatus, Step
from oranje.alerting.models import Alert, FunctionCall
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.core.validation import local_zone
from oranje.incidents.constants import IncidentType, ScalingMode
from oranje.incidents.models import Incident, ScalingStep
from oranje.organisation.models import Function, Person, Pool
from oranje.quality import models as qm
from oranje.quality.constants import ActionStatus, Review, SetStatus
from oranje.quality.constants import Answer as SelfAnswer
from oranje.quality.periods import quarter_of

#: Inhabitants on 1 January (approximate, CBS order of magnitude), per municipality.
INHABITANTS = {
    "Haarlem": 164_000,
    "Haarlemmermeer": 163_000,
    "Velsen": 69_500,
    "Beverwijk": 43_000,
    "Heemskerk": 39_500,
    "Heemstede": 27_900,
    "Bloemendaal": 24_000,
    "Zandvoort": 17_600,
    "Uitgeest": 13_900,
}
#: Kennemerland is stricter than the nation on these: code -> (waterlijn, bandbreedte).
STRICTER = {
    "ORG-CPG": (Decimal(100), Decimal(2)),
    "OPK-COPI": (Decimal(95), Decimal(5)),
    "ALARM-ANT": (Decimal(98), Decimal(2)),
}
COURSE_PRICES = [
    ("BZ-OVD-BASIS", "Opleiding OvD-BZ", Decimal("2450.00")),
    ("PVB-OVD", "Proeve van bekwaamheid OvD-BZ", Decimal("850.00")),
    ("BZ-AC-BASIS", "Opleiding AC-BZ", Decimal("2950.00")),
    ("PVB-AC", "Proeve van bekwaamheid AC-BZ", Decimal("950.00")),
    ("CC-BASIS", "Opleiding crisiscommunicatie", Decimal("1250.00")),
    ("CPG-BASIS", "Introductie contactpersoon gemeente", Decimal("395.00")),
    ("KEN-ORIENT", "Oriëntatie veiligheidsregio Kennemerland", Decimal("150.00")),
    ("tabletop", "Tabletop-oefening (per deelnemer)", Decimal("175.00")),
]


def personas(region: Region, make_user: Callable[[str, str, str], User]) -> None:
    monitor = make_user("kwaliteit.kennemerland", "Esther", "Kok")
    Membership.objects.get_or_create(user=monitor, role=Role.QUALITY_MONITOR, region=region)
    national = make_user("kwaliteit.landelijk", "Bram", "de Wit")
    Membership.objects.get_or_create(
        user=national, role=Role.QUALITY_MONITOR, region=None, municipality=None
    )


def build(region: Region, coordinator: User, today: dt.date, log: Callable[[str], None]) -> None:
    from oranje.demo import quality_history

    quality_history.kennemerland(region, coordinator, today, log)
    quality_history.other_regions(coordinator, today, log)
    with transaction.atomic():
        _regional_set(region, coordinator, log)
        _inhabitants(region, today)
        _agreements(region, coordinator, today)
        _costs(region, coordinator)
    incident = _flexible_incident(region, coordinator, today, log)
    from oranje.quality.services.compute import indicators_compute

    indicators_compute(periods=quality_history.periods(today))
    log("Kwaliteit: indicatoren berekend over twaalf kwartalen en het lopende kwartaal.")
    with transaction.atomic():
        _assessments(region, coordinator, today)
        _action(region, coordinator, today)
        _review(incident, coordinator)
        _board_report(region, coordinator, today)
    log("Kwaliteit: normen, afspraken, kosten, zelfevaluatie, verbeteractie en rapportage klaar.")


def _regional_set(region: Region, actor: User, log: Callable[[str], None]) -> None:
    if qm.NormSet.objects.filter(region=region).exists():
        return
    national = (
        qm.NormSet.objects.filter(region__isnull=True, status=SetStatus.ADOPTED)
        .order_by("-version")
        .first()
    )
    if national is None:
        log("Kwaliteit: geen landelijke normenset; de regionale set is overgeslagen.")
        return
    regional = qm.NormSet.objects.create(
        region=region,
        version=1,
        title="Kwaliteitsnormen bevolkingszorg Kennemerland",
        status=SetStatus.ADOPTED,
        based_on=national,
        adopted_by_body="Algemeen Bestuur Veiligheidsregio Kennemerland",
        adopted_on=dt.date(2024, 1, 15),
        adopted_at=timezone.now(),
        adopted_by=actor,
        note="Strenger dan landelijk op CPG-piket, opkomst CoPI en alarmtests.",
        created_by=actor,
    )
    for norm in national.norms.filter(code__in=STRICTER):
        waterlijn, bandbreedte = STRICTER[norm.code]
        qm.Norm.objects.create(
            norm_set=regional,
            code=norm.code,
            title=norm.title,
            text=norm.text,
            process=norm.process,
            measure=norm.measure,
            indicator=norm.indicator,
            function=norm.function,
            question=norm.question,
            waterlijn=max(waterlijn, norm.waterlijn),
            bandbreedte=min(bandbreedte, norm.bandbreedte),
            valid_from=norm.valid_from,
            valid_until=norm.valid_until,
            national_norm=norm,
            source="Algemeen Bestuur VRK, januari 2024",
            sort_order=norm.sort_order,
        )
    qm.Norm.objects.create(
        norm_set=regional,
        code="KEN-IAC",
        title="IAC binnen 24 uur open",
        text=(
            "De gemeente kan binnen 24 uur na het einde van de acute fase een informatie- en "
            "adviescentrum openen, met een balie en een telefoonnummer."
        ),
        process="aftercare",
        measure="self",
        question=(
            "Zijn een locatie, een telefoonnummer en bemensing voor een IAC vastgelegd en "
            "in de afgelopen twee jaar beoefend?"
        ),
        waterlijn=Decimal(100),
        bandbreedte=Decimal(50),
        valid_from=dt.date(2024, 1, 15),
        source="Evaluatie gasstoring Velsen-Noord 2015",
        sort_order=900,
    )


def _municipalities(region: Region) -> list[Municipality]:
    return list(Municipality.objects.current().filter(region=region).order_by("name"))


def _inhabitants(region: Region, today: dt.date) -> None:
    for municipality in _municipalities(region):
        count = INHABITANTS.get(municipality.name)
        if count is None:
            continue
        for year, factor in ((today.year - 1, Decimal("0.995")), (today.year, Decimal(1))):
            qm.Inhabitants.objects.get_or_create(
                municipality=municipality,
                year=year,
                defaults={"count": int(count * factor)},
            )


def _agreements(region: Region, actor: User, today: dt.date) -> None:
    if qm.MunicipalAgreement.objects.filter(region=region).exists():
        return
    cpg = Function.objects.get(code="CPG")
    ovd = Function.objects.get(code="OVD-BZ")
    total = sum(INHABITANTS.values())
    ovd_pool = Pool.objects.filter(region=region, functions=ovd).first()
    for municipality in _municipalities(region):
        share = Decimal(100 * INHABITANTS.get(municipality.name, 0) / total).quantize(
            Decimal("0.1")
        )
        agreement = qm.MunicipalAgreement.objects.create(
            region=region,
            municipality=municipality,
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            cpg_hard_on_call=True,
            budget_share=share,
            text=(
                f"{municipality.name} levert mensen voor de gemeentelijke CPG-pool en draagt "
                "naar inwonertal bij aan de regionale kosten van bevolkingszorg."
            ),
            signed_on=dt.date(2023, 12, 12),
            created_by=actor,
        )
        pool = Pool.objects.filter(region=region, name=f"CPG {municipality.name}").first()
        qm.AgreementLine.objects.create(agreement=agreement, function=cpg, pool=pool, people=3)
        if municipality.name in {"Haarlem", "Haarlemmermeer", "Velsen"}:
            qm.AgreementLine.objects.create(
                agreement=agreement, function=ovd, pool=ovd_pool, people=1
            )


def _costs(region: Region, actor: User) -> None:
    qm.CostModel.objects.get_or_create(
        region=region,
        defaults={
            "hard_hour_rate": Decimal("4.25"),
            "soft_hour_rate": Decimal("0.75"),
            "fte": Decimal("4.60"),
            "fte_cost": Decimal("98000.00"),
            "updated_by": actor,
        },
    )
    for code, label, price in COURSE_PRICES:
        qm.CoursePrice.objects.get_or_create(
            region=region, code=code, defaults={"label": label, "price": price}
        )
    if not qm.CostScenario.objects.filter(region=region).exists():
        scenario = qm.CostScenario.objects.create(
            region=region,
            name="Tweede OvD-BZ op harde piket",
            description=(
                "Wat kost het als Kennemerland op elk uur twee OvD's bevolkingszorg op harde "
                "piket heeft in plaats van één, en één extra communicatieadviseur CoPI per "
                "district?"
            ),
            created_by=actor,
        )
        qm.ScenarioChange.objects.create(
            scenario=scenario, function=Function.objects.get(code="OVD-BZ"), extra_hard=1
        )
        qm.ScenarioChange.objects.create(
            scenario=scenario, function=Function.objects.get(code="ADV-CC-COPI"), extra_hard=1
        )


def _flexible_incident(
    region: Region, actor: User, today: dt.date, log: Callable[[str], None]
) -> Incident | None:
    """A real incident last quarter that scaled flexibly: a team op maat for social unrest
    around the reception of asylum seekers in Heemskerk, with its alerts and arrivals."""
    title = "Onrust rond opvanglocatie asielzoekers Heemskerk"
    found = Incident.objects.filter(region=region, title=title).first()
    if found is not None:
        return found
    period = quarter_of(today).previous()[0]
    zone = local_zone()
    start = dt.datetime.combine(period.first_day + dt.timedelta(days=51), dt.time(19, 40), zone)
    heemskerk = Municipality.objects.get(region=region, name="Heemskerk")
    incident = Incident.objects.create(
        region=region,
        title=title,
        kind=IncidentType.PUBLIC_ORDER,
        started_at=start,
        location_text="Maerten van Heemskercklaan, Heemskerk",
        municipality=heemskerk,
        description="Demonstratie bij de nieuwe opvanglocatie; zorgen van omwonenden.",
        created_by=actor,
        created_at=start,
        acute_ended_at=start + dt.timedelta(hours=30),
        acute_ended_by=actor,
        closed_at=start + dt.timedelta(days=9),
        closed_by=actor,
        close_note="Rust teruggekeerd; bewonersavond gehouden.",
    )
    incident.municipalities.set([heemskerk])
    step = ScalingStep.objects.create(
        incident=incident,
        at=start + dt.timedelta(minutes=25),
        mode=ScalingMode.FLEXIBLE,
        custom_teams=["Team op maat openbare orde en bevolkingszorg"],
        reason="Geen GRIP: maatschappelijke onrust vraagt om burgemeester, politie en BZ samen.",
        decided_by="Burgemeester van Heemskerk",
        recorded_at=start + dt.timedelta(minutes=26),
        recorded_by=actor,
    )
    minutes = {"OVD-BZ": [22], "CPG": [41]}
    for code, arrivals in minutes.items():
        function = Function.objects.get(code=code)
        call = FunctionCall.objects.create(
            incident=incident,
            function=function,
            municipality=heemskerk,
            escalation_minutes=5,
            arrival_norm_minutes=30,
            status=CallStatus.FILLED,
            reason="Team op maat",
            scaling_step=step,
            opened_at=step.at,
            opened_by=actor,
            filled_at=step.at + dt.timedelta(minutes=3),
        )
        people = Person.objects.filter(region=region, functions=function, active=True)
        if code == "CPG":
            people = people.filter(municipality=heemskerk)
        for person, late in zip(people.order_by("pk")[: len(arrivals)], arrivals, strict=False):
            Alert.objects.create(
                call=call,
                person=person,
                step=Step.HARD,
                alerted_at=step.at,
                answer=Answer.ACCEPTED,
                answered_at=step.at + dt.timedelta(minutes=3),
                eta_minutes=25,
                arrived_at=step.at + dt.timedelta(minutes=late),
            )
    log(f"Kwaliteit: echt incident met flexibele opschaling in {period.label}.")
    return incident


def _assessments(region: Region, actor: User, today: dt.date) -> None:
    from oranje.quality.selectors import effective_norms

    if qm.AssessmentRound.objects.filter(region=region).exists():
        return
    municipalities = _municipalities(region)
    monitor = User.objects.filter(username="kwaliteit.kennemerland").first() or actor
    for year in (today.year - 2, today.year - 1, today.year):
        norms = [n for n in effective_norms(region, dt.date(year, 6, 30)) if n.measure == "self"]
        current = year == today.year
        round_ = qm.AssessmentRound.objects.create(
            region=region,
            year=year,
            deadline=dt.date(year, 12, 15) if current else dt.date(year, 11, 1),
            note="Jaarlijkse zelfevaluatie bevolkingszorg.",
            opened_by=monitor,
        )
        for index, municipality in enumerate(municipalities):
            for number, norm in enumerate(norms):
                answer = [SelfAnswer.YES, SelfAnswer.YES, SelfAnswer.PARTLY, SelfAnswer.NO][
                    (index + number + year) % 4 if index % 3 else 0
                ]
                if current and index >= 5:
                    # The current round is half done: four municipalities have not answered.
                    qm.SelfAssessment.objects.create(
                        round=round_, municipality=municipality, norm=norm
                    )
                    continue
                status = Review.ACCEPTED
                if current and index in (3, 4):
                    status = Review.SUBMITTED if index == 3 else Review.RETURNED
                submitted = dt.datetime.combine(
                    dt.date(year, 10, 1) + dt.timedelta(days=index), dt.time(10), local_zone()
                )
                qm.SelfAssessment.objects.create(
                    round=round_,
                    municipality=municipality,
                    norm=norm,
                    answer=answer,
                    explanation=(
                        "Vastgelegd in het gemeentelijk deelplan; beoefend in de regionale "
                        "oefening."
                        if answer == SelfAnswer.YES
                        else "Plan in herziening; oefening gepland voor het voorjaar."
                    ),
                    status=status,
                    submitted_at=submitted,
                    reviewed_at=submitted + dt.timedelta(days=14)
                    if status in (Review.ACCEPTED, Review.RETURNED)
                    else None,
                    reviewed_by=monitor if status in (Review.ACCEPTED, Review.RETURNED) else None,
                    review_note="Graag het actuele deelplan toevoegen."
                    if status == Review.RETURNED
                    else "",
                )


def _action(region: Region, actor: User, today: dt.date) -> None:
    zandvoort = Municipality.objects.get(region=region, name="Zandvoort")
    if qm.ImprovementAction.objects.filter(region=region, municipality=zandvoort).exists():
        return
    from oranje.quality.selectors import effective_norms

    norm = next((n for n in effective_norms(region, today) if n.code == "ORG-CPG"), None)
    period = quarter_of(today).previous()[0]
    monitor = User.objects.filter(username="kwaliteit.kennemerland").first() or actor
    action = qm.ImprovementAction.objects.create(
        region=region,
        municipality=zandvoort,
        norm=norm,
        year=period.year,
        quarter=period.quarter,
        title="CPG-piket Zandvoort sluitend maken",
        description=(
            "Het CPG-rooster van Zandvoort liet het afgelopen jaar elk kwartaal een week open. "
            "Een derde CPG werven en opleiden; tot die tijd neemt Bloemendaal de open weken "
            "over."
        ),
        owner_name="Gemeentesecretaris Zandvoort",
        deadline=today + dt.timedelta(days=75),
        status=ActionStatus.IN_PROGRESS,
        created_by=monitor,
        created_at=timezone.now() - dt.timedelta(days=20),
    )
    qm.ActionUpdate.objects.create(
        action=action,
        at=action.created_at,
        by=monitor,
        by_name=monitor.get_full_name(),
        status=ActionStatus.OPEN,
        note="Besproken in het overleg van gemeentesecretarissen.",
    )
    qm.ActionUpdate.objects.create(
        action=action,
        at=timezone.now() - dt.timedelta(days=6),
        by=monitor,
        by_name=monitor.get_full_name(),
        status=ActionStatus.IN_PROGRESS,
        note="Vacature CPG uitgezet; Bloemendaal vult week 51 in.",
    )


def _review(incident: Incident | None, actor: User) -> None:
    if incident is None or qm.ScalingReview.objects.filter(incident=incident).exists():
        return
    assert incident.closed_at is not None
    qm.ScalingReview.objects.create(
        incident=incident,
        wise="yes",
        legitimate="partly",
        reasoning=(
            "Verstandig: een team op maat bracht burgemeester, politie en bevolkingszorg snel "
            "samen zonder de zwaarte van GRIP. Deels rechtmatig: de noodbevoegdheden waren niet "
            "nodig, maar het besluit om geen GRIP te kiezen is pas achteraf vastgelegd."
        ),
        board_meeting_on=(incident.closed_at + dt.timedelta(days=40)).date(),
        reviewed_by=actor,
    )


def _board_report(region: Region, actor: User, today: dt.date) -> None:
    period = quarter_of(today).previous()[0]
    qm.BoardReport.objects.get_or_create(
        region=region,
        year=period.year,
        quarter=period.quarter,
        defaults={
            "title": f"Bestuursrapportage bevolkingszorg {period.label}",
            "foreword": (
                "Deze rapportage laat per norm zien waar Kennemerland staat, welke gemeenten "
                "onder de waterlijn zitten en wat eraan wordt gedaan. Alle cijfers komen uit "
                "de roosters, alarmtests, oefeningen en incidenten in Oranje."
            ),
            "created_by": actor,
        },
    )
