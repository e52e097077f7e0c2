"""The learning room in the demo world (issue 16): the national network (the 25 regions'
coordinating secretaries, chair and deputy, portfolio holders, the coordinators' meeting) with
this year's meetings and advisory questions; the 2015 interregional work session's good
questions, practices and proposals in the living dossier; the Velsen-Noord evaluation with its
findings linked to the log, the times and improvement actions, beside earlier evaluations whose
findings recur (the patterns); and the public survey of Velsen-Noord with about 1,500 answers.

Built through the room's services; only dates are set back where the story needs them.
Idempotent: a second run adds nothing that exists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from oranje.core.models import Region, User
from oranje.demo import learning_data as data
from oranje.demo import learning_dossier
from oranje.demo.names import GIVEN_NAMES, SURNAMES
from oranje.incidents.models import Decision, Incident, LogEntry
from oranje.learning import models as lm
from oranje.learning.constants import AdviceKind, AdviceStatus, Body, MeetingStatus, NetworkRole
from oranje.learning.selectors_evaluations import incident_milestones
from oranje.learning.selectors_surveys import question_results
from oranje.learning.services import evaluations, network, surveys
from oranje.learning.services.evaluations_actions import finding_action_create
from oranje.learning.services.patterns import patterns_compute
from oranje.learning.services.responses import response_submit
from oranje.learning.services.surveys_invitations import addresses_import, letters_make
from oranje.readiness.constants import ExerciseStatus, ExerciseType
from oranje.readiness.models import Exercise

Log = Callable[[str], None]

EMAIL_DOMAIN = "netwerk.demo.oranje.nl"


def national_user() -> User:
    return User.objects.get(username="kwaliteit.landelijk")


def build(
    region: Region,
    coordinator: User,
    velsen: Incident | None,
    fire: Incident | None,
    today: dt.date,
    log: Log,
) -> None:
    national = national_user()
    monitor = User.objects.get(username="kwaliteit.kennemerland")
    with transaction.atomic():
        _network(national, today, log)
    with transaction.atomic():
        learning_dossier.work_session(national, log)
    with transaction.atomic():
        _earlier_evaluations(region, monitor, national, fire, today, log)
        if velsen is not None:
            _velsen_evaluation(velsen, monitor, today, log)
    if velsen is not None:
        with transaction.atomic():
            _survey(velsen, monitor, today, log)
    groups = patterns_compute()
    log(f"Leren: terugkerende bevindingen gegroepeerd ({groups} patronen).")


# --- the network ----------------------------------------------------------------------------


def _name(rng: random.Random) -> str:
    prefix, surname = rng.choice(SURNAMES)
    return " ".join(part for part in (rng.choice(GIVEN_NAMES), prefix, surname) if part)


def _network(actor: User, today: dt.date, log: Log) -> None:
    if lm.NetworkMember.objects.filter(email__endswith=EMAIL_DOMAIN).exists():
        log("Netwerk bestaat al.")
        return
    rng = random.Random(25)
    secretaries: dict[str, lm.NetworkMember] = {}
    since = dt.date(today.year - 3, 1, 1)
    for region in Region.objects.order_by("code"):
        town = region.municipalities.order_by("cbs_code").first()
        organisation = f"Gemeente {town.name}" if town is not None else ""
        name = _name(rng)
        secretaries[region.code] = network.member_save(
            actor=actor,
            name=name,
            role=NetworkRole.SECRETARY,
            region=region,
            organisation=organisation,
            bodies=[Body.NETWORK],
            email=f"cgs.{region.code.lower()}@{EMAIL_DOMAIN}",
            since=since,
        )
        network.member_save(
            actor=actor,
            name=_name(rng),
            role=NetworkRole.COORDINATOR,
            region=region,
            organisation=f"Veiligheidsregio {region.name}",
            bodies=[Body.COORDINATORS],
            email=f"coordinator.{region.code.lower()}@{EMAIL_DOMAIN}",
            since=since,
        )
    chair, deputy = secretaries["VR12"], secretaries["VR16"]
    for member, role in ((chair, NetworkRole.CHAIR), (deputy, NetworkRole.DEPUTY)):
        network.member_save(
            actor=actor,
            name=member.name,
            role=role,
            region=member.region,
            organisation=member.organisation,
            bodies=[Body.NETWORK, Body.PORTFOLIO],
            email=member.email,
            since=dt.date(today.year - 1, 1, 1),
        )
    holders = ["VR13", "VR05", "VR17", "VR21", "VR09"]
    for code, portfolio in zip(holders, data.PORTFOLIOS, strict=True):
        member = secretaries[code]
        network.member_save(
            actor=actor,
            name=member.name,
            role=NetworkRole.PORTFOLIO,
            region=member.region,
            organisation=member.organisation,
            portfolio=portfolio,
            bodies=[Body.PORTFOLIO],
            email=member.email,
            since=since,
        )
    network.member_save(
        actor=actor,
        name="Netwerkbureau bevolkingszorg",
        role=NetworkRole.SUPPORT,
        organisation="Instituut Fysieke Veiligheid",
        bodies=[Body.NETWORK, Body.PORTFOLIO, Body.COORDINATORS],
        email=f"netwerkbureau@{EMAIL_DOMAIN}",
        since=since,
    )
    meetings = _meetings(actor, today)
    _advice(actor, today, meetings)
    log(
        "Netwerk: 25 coördinerend gemeentesecretarissen, voorzitter en vice, "
        "portefeuillehouders, het coördinatorenoverleg, de vergaderingen van dit jaar."
    )


# (body, month, day, theme, agenda)
MEETINGS = [
    (Body.PORTFOLIO, 2, 5, "Jaarplan netwerk", "1. Opening\n2. Jaarplan\n3. Rondvraag"),
    (
        Body.COORDINATORS,
        3,
        12,
        "Van harde naar zachte piket",
        "1. Opening\n2. Opkomstcijfers zachte piket\n3. Werksessie voorbereiden",
    ),
    (
        Body.NETWORK,
        4,
        16,
        "Voorjaarsbijeenkomst: kwaliteit en waterlijn",
        "1. Opening\n2. Landelijk beeld waterlijn\n3. Adviesvraag kwalificatie-eisen\n4. Rondvraag",
    ),
    (
        Body.PORTFOLIO,
        5,
        14,
        "Vakbekwaamheid sleutelfuncties",
        "1. Kwalificatie-eisen\n2. Certificering",
    ),
    (Body.PORTFOLIO, 9, 10, "Advies kwalificatie-eisen", "1. Concept-advies\n2. Vaststellen"),
    (
        Body.COORDINATORS,
        10,
        8,
        "De publieksenquête na een incident",
        "1. Ervaringen met publieksenquêtes\n2. Standaardvragen\n3. Advies aan het netwerk",
    ),
    (
        Body.NETWORK,
        11,
        12,
        "Najaarsbijeenkomst: leren van incidenten",
        "1. Opening\n2. Patronen in evaluaties\n3. Levend dossier\n4. Jaarplan volgend jaar",
    ),
    (Body.PORTFOLIO, 12, 10, "Jaarafsluiting", "1. Terugblik\n2. Jaarplan volgend jaar"),
]


def _meetings(actor: User, today: dt.date) -> dict[str, lm.Meeting]:
    found = {}
    for body, month, day, theme, agenda in MEETINGS:
        held_on = dt.date(today.year, month, day)
        held = held_on <= today
        meeting = network.meeting_save(
            actor=actor,
            body=body,
            held_on=held_on,
            status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
            place="Utrecht" if body == Body.NETWORK else "Online",
            theme=theme,
            agenda=agenda,
            minutes=(
                f"Verslag van '{theme}'. Aanwezig: de leden van het gremium. "
                "Besproken volgens de agenda; besluiten hieronder."
                if held
                else ""
            ),
        )
        if held:
            network.meeting_decision_add(
                actor=actor,
                meeting=meeting,
                text=f"Vervolg op '{theme}' in de volgende vergadering.",
                owner="Netwerkbureau bevolkingszorg",
            )
        found[theme] = meeting
    return found


def _advice(actor: User, today: dt.date, meetings: dict[str, lm.Meeting]) -> None:
    # Dates relative to today (a demo built in January must not ask questions in March): one
    # answered, one open, one past its deadline.
    days = dt.timedelta
    advised = meetings.get("Advies kwalificatie-eisen")
    holder = lm.NetworkMember.objects.filter(role=NetworkRole.PORTFOLIO).order_by("pk").first()
    chair = lm.NetworkMember.objects.filter(role=NetworkRole.CHAIR).first()
    network.advice_save(
        actor=actor,
        kind=AdviceKind.ASKED,
        title="Uniforme kwalificatie-eisen voor sleutelfuncties bevolkingszorg",
        question=(
            "Het Veiligheidsberaad vraagt het netwerk te adviseren over landelijk uniforme "
            "kwalificatie-eisen en certificering voor de sleutelfuncties van bevolkingszorg."
        ),
        asked_on=today - days(261),
        owner=holder,
        deadline=today - days(67),
        answer=(
            "Het netwerk adviseert landelijke profielen voor OvD-BZ, AC-BZ en CPG, met een "
            "proeve van bekwaamheid bij een geaccrediteerd instituut en jaarlijkse "
            "vakbekwaamheid via oefeningen."
        ),
        answered_on=today - days(87),
        meeting=advised if advised is not None and advised.held_on <= today else None,
        status=AdviceStatus.ANSWERED,
    )
    network.advice_save(
        actor=actor,
        kind=AdviceKind.ASKED,
        title="Regio-overstijgende pools bij langdurige crises",
        question=(
            "Hoe kunnen regio's elkaar bij een langdurige crisis met mensen uit hun pools "
            "helpen, en wat is daarvoor landelijk nodig?"
        ),
        asked_on=today - days(66),
        owner=chair,
        deadline=today + days(56),
    )
    network.advice_save(
        actor=actor,
        kind=AdviceKind.UNASKED,
        title="Publieksenquête als vast onderdeel van de evaluatie",
        question=(
            "Het netwerk adviseert ongevraagd om na elk incident met getroffen inwoners een "
            "publieksenquête te houden, zodat het effect op inwoners wordt gemeten."
        ),
        asked_on=today - days(188),
        owner=holder,
        deadline=today - days(6),
    )


# --- evaluations ----------------------------------------------------------------------------


def _earlier(
    actor: User,
    region: Region,
    title: str,
    findings: list[tuple[str, str, str]],
    held_on: dt.date,
    *,
    incident: Incident | None = None,
    exercise: Exercise | None = None,
) -> None:
    evaluation = evaluations.evaluation_create(
        actor=actor,
        region=region,
        incident=incident,
        exercise=exercise,
        title=title,
        methods=["debrief", "documents"],
        held_on=held_on,
    )
    for process, kind, text in findings:
        evaluations.finding_create(
            actor=actor, evaluation=evaluation, process=process, kind=kind, text=text
        )
    evaluations.evaluation_finalise(actor=actor, evaluation=evaluation)


def _earlier_evaluations(
    region: Region,
    monitor: User,
    national: User,
    fire: Incident | None,
    today: dt.date,
    log: Log,
) -> None:
    if lm.Evaluation.objects.exclude(incident__title__startswith="Gasstoring").exists():
        return
    heemskerk = Incident.objects.filter(
        region=region, title="Onrust rond opvanglocatie asielzoekers Heemskerk"
    ).first()
    if heemskerk is not None:
        _earlier(
            monitor,
            region,
            "Evaluatie onrust opvanglocatie Heemskerk",
            data.EARLIER_FINDINGS["heemskerk"],
            today - dt.timedelta(days=40),
            incident=heemskerk,
        )
    if fire is not None:
        _earlier(
            monitor,
            region,
            "Evaluatie oefening brand De Spaarnehof",
            data.EARLIER_FINDINGS["haarlem"],
            today - dt.timedelta(days=3),
            incident=fire,
        )
    other = Region.objects.get(code="VR16")
    exercise = Exercise.objects.create(
        region=other,
        title="Oefening langdurige uitval drinkwater Gouda",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=120), dt.time(9))
        ),
        status=ExerciseStatus.COMPLETED,
        created_by=national,
    )
    _earlier(
        national,
        other,
        "Evaluatie oefening uitval drinkwater Gouda",
        data.EARLIER_FINDINGS["other"],
        today - dt.timedelta(days=110),
        exercise=exercise,
    )
    log("Leren: eerdere evaluaties in Kennemerland en Hollands Midden.")


def _velsen_evaluation(velsen: Incident, actor: User, today: dt.date, log: Log) -> None:
    if lm.Evaluation.objects.filter(incident=velsen).exists():
        log("Evaluatie Velsen-Noord bestaat al.")
        return
    evaluation = evaluations.evaluation_create(
        actor=actor,
        region=velsen.region,
        incident=velsen,
        title="Evaluatie gasstoring Velsen-Noord",
        methods=["conversations", "debrief", "documents", "survey"],
        held_on=today,
        summary=(
            "Wat ging goed: de vraag of de overheid iets moest doen werd vroeg gesteld, het "
            "eerste bericht was snel, bewoners regelden veel zelf. Wat kan beter: de adressen "
            "van verminderd zelfredzamen en het bereiken van bewoners zonder internet."
        ),
    )
    for name, role, organisation in [
        (
            "Marieke de Graaf",
            "Regionaal coördinator bevolkingszorg",
            "Veiligheidsregio Kennemerland",
        ),
        ("Sanne Visser", "OvD Bevolkingszorg", "Gemeente Velsen"),
        ("Wijkteam Velsen-Noord", "Wijkteam", "Gemeente Velsen"),
        ("Liander", "Netbeheerder", "Liander"),
    ]:
        evaluations.participant_add(
            actor=actor, evaluation=evaluation, name=name, role=role, organisation=organisation
        )
    start = velsen.started_at
    lines = {
        round((e.at - start).total_seconds() / 60): e
        for e in LogEntry.objects.filter(incident=velsen, kind="note")
    }
    decision = Decision.objects.filter(incident=velsen).order_by("decided_at").first()
    measured = {m.key for m in incident_milestones(velsen)}
    for minute, process, kind, text, _norm, milestone, action in data.VELSEN_FINDINGS:
        finding = evaluations.finding_create(
            actor=actor, evaluation=evaluation, process=process, kind=kind, text=text
        )
        line = lines.get(minute) if minute is not None else None
        if line is not None:
            evaluations.evidence_add(actor=actor, finding=finding, kind="log", log_entry=line)
        if minute == 96 and decision is not None:
            evaluations.evidence_add(
                actor=actor, finding=finding, kind="decision", decision=decision
            )
        if milestone in measured:
            evaluations.evidence_add(actor=actor, finding=finding, kind="time", milestone=milestone)
        if action is not None:
            title, owner, days = action
            finding_action_create(
                actor=actor,
                finding=finding,
                title=title,
                owner_name=owner,
                deadline=today + dt.timedelta(days=days),
            )
    log("Leren: evaluatie Velsen-Noord met bevindingen, logboekregels, tijden en verbeteracties.")


# --- the public survey of Velsen-Noord ---------------------------------------------------------

STREETS = [
    "Wijkerstraatweg",
    "Stratingplantsoen",
    "Doelmanstraat",
    "Grahamstraat",
    "Bosweg",
    "Pontweg",
    "Zeeweg",
    "Noordeinde",
    "Velserduinweg",
    "Rijksweg",
    "Ladderbeekstraat",
    "Van Riemsdijkstraat",
    "Scheldestraat",
]
HOUSEHOLDS = 1300
CODE_RESPONSES = 1000
OPEN_RESPONSES = 500


def _addresses() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["straat", "huisnummer", "postcode", "plaats"])
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    for n in range(HOUSEHOLDS):
        street = STREETS[n % len(STREETS)]
        number = 1 + n // len(STREETS)
        block = n // 25
        postcode = (
            f"1951 {letters[block // len(letters) % len(letters)]}{letters[block % len(letters)]}"
        )
        writer.writerow([street, number, postcode, "Velsen-Noord"])
    return out.getvalue().encode("utf-8")


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def _answers(rng: random.Random, *, open_link: bool) -> dict[str, object]:
    informed = _weighted(rng, [("in_time", 58), ("late", 29), ("no", 13)])
    internet = informed == "in_time"
    sources = ["website", "social"] if internet and rng.random() < 0.7 else []
    for value, chance in (
        ("nl_alert", 0.15),
        ("radio_tv", 0.25),
        ("people", 0.45),
        ("responders", 0.2),
        ("letter", 0.3),
    ):
        if rng.random() < chance:
            sources.append(value)
    answers: dict[str, object] = {
        "informed_in_time": informed,
        "sources": sources or ["people"],
        "knew_what_to_do": _weighted(rng, [("yes", 64), ("partly", 26), ("no", 10)]),
        "felt_helped": str(_weighted(rng, [("1", 4), ("2", 9), ("3", 24), ("4", 41), ("5", 22)])),
        "self_reliance": _weighted(rng, [("alone", 52), ("neighbours", 39), ("needed_help", 9)]),
        "shelter": "yes" if rng.random() < 0.05 else "no",
        "trust": str(_weighted(rng, [("1", 5), ("2", 10), ("3", 28), ("4", 40), ("5", 17)])),
    }
    if rng.random() < 0.3:
        answers["comments"] = rng.choice(data.SURVEY_COMMENTS)
    if open_link and rng.random() < 0.8:
        answers["postcode"] = _weighted(rng, [("1951", 80), ("1941", 12), ("1971", 8)])
    return answers


def _survey(velsen: Incident, actor: User, today: dt.date, log: Log) -> None:
    if lm.Survey.objects.filter(incident=velsen).exists():
        log("Publieksenquête Velsen-Noord bestaat al.")
        return
    survey = surveys.survey_create(
        actor=actor,
        region=velsen.region,
        incident=velsen,
        title="Hoe heeft u de gasstoring in Velsen-Noord beleefd?",
        intro=(
            "Een paar vragen over de gasstoring: kreeg u op tijd informatie, wist u wat u moest "
            "doen en voelde u zich geholpen? Het invullen duurt vijf minuten. Uw antwoorden "
            "zijn anoniem."
        ),
        open_link=True,
        opens_on=today,
        closes_on=today + dt.timedelta(days=28),
    )
    report = addresses_import(
        actor=actor, survey=survey, stream=io.BytesIO(_addresses()), filename="adressen.csv"
    )
    assert not report.errors, report.errors
    pairs, _count = letters_make(actor=actor, survey=survey)
    surveys.survey_set_status(actor=actor, survey=survey, status="open")
    survey.refresh_from_db()
    rng = random.Random(1951)
    chosen = rng.sample(pairs, CODE_RESPONSES)
    for _invitation, code in chosen:
        response_submit(
            survey=survey,
            answers=_answers(rng, open_link=False),
            code=code,
            client_key=uuid.UUID(int=rng.getrandbits(128)).hex,
        )
    for _n in range(OPEN_RESPONSES):
        response_submit(
            survey=survey,
            answers=_answers(rng, open_link=True),
            client_key=uuid.UUID(int=rng.getrandbits(128)).hex,
        )
    _survey_evidence(survey, actor)
    log(
        f"Publieksenquête Velsen-Noord: {HOUSEHOLDS} brieven, "
        f"{CODE_RESPONSES + OPEN_RESPONSES} antwoorden."
    )


def _survey_evidence(survey: lm.Survey, actor: User) -> None:
    """The survey's answer on "information in time" as evidence for the finding about
    residents without internet."""
    finding = lm.Finding.objects.filter(
        evaluation__incident=survey.incident, text__startswith="Bewoners zonder internet"
    ).first()
    if finding is None:
        return
    for result in question_results(survey, survey.responses.all()):
        if result.question.code == "informed_in_time":
            evaluations.evidence_add(
                actor=actor,
                finding=finding,
                kind="survey",
                survey_question=result.question,
                summary=result.summary,
            )
