"""Figure (issue 16): grouping recurring findings over 10,000 findings < 5 s, on SQLite and
PostgreSQL.

The world: 1,600 incidents (a tenth of them exercises) and 400 readiness exercises spread
over the 25 regions, each with an evaluation of five findings: 10,000 findings in all. A
finding is one of ~60 observations Dutch evaluations make again and again ("het eerste
publieksbericht kwam te laat", "de opvanglocatie was pas na drie uur open", ...), written
each time in other words: a phrasing of the observation (two to four per observation), with
synonyms swapped in, a place, a time or a detail added, and now and then a clause before or
after it; one in five findings is a remark of its own (seen once). A third of the findings
of observations tied to a norm name the norm of the national set.

Timed: `patterns_compute()` as the worker runs it — reading every finding, grouping, and
rewriting `Pattern` and `Finding.pattern` in one transaction — the first time (every
pattern new, every finding moved; the target) and again (stable keys, hardly anything
moved); the grouping alone (`learning.patterns.group_findings`) is printed beside it, with
the patterns found. `python -m bench.learning_patterns`.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.common import report, setup_django
from bench.targets import check, check_that, exit_status

TARGET_S = 5.0
FINDINGS = 10_000
PER_EVALUATION = 5
EXERCISES = 400
SEED = 16

#: (process, kind, norm code or "", phrasings). {a}, {b} … are filled from SYNONYMS.
OBSERVATIONS: list[tuple[str, str, str, list[str]]] = [
    (
        "communication",
        "improve",
        "COM-30",
        [
            "Het eerste publieksbericht kwam pas na {minuten} minuten.",
            "Eerste {bericht} aan de bevolking {laat}, na {minuten} minuten.",
            "Publieksbericht {laat}: eerste bericht na {minuten} minuten verstuurd.",
        ],
    ),
    (
        "communication",
        "improve",
        "",
        [
            "Sociale media werden de eerste uren niet gemonitord.",
            "Omgevingsanalyse op sociale media ontbrak de eerste uren.",
            "Niemand volgde sociale media in de eerste uren van het incident.",
        ],
    ),
    (
        "communication",
        "improve",
        "",
        [
            "Er is geen NL-Alert verstuurd voor de rookwolk.",
            "NL-Alert voor de rookwolk werd niet verstuurd.",
            "Bewoners kregen geen NL-Alert over de rookwolk.",
        ],
    ),
    (
        "communication",
        "well",
        "",
        [
            "De woordvoerder was snel ter plaatse en gaf een heldere persconferentie.",
            "Heldere persconferentie door de woordvoerder, snel ter plaatse.",
        ],
    ),
    (
        "communication",
        "improve",
        "",
        [
            "Informatie op de website was verouderd en sprak berichten op de radio tegen.",
            "Website en radio gaven tegenstrijdige informatie aan bewoners.",
        ],
    ),
    (
        "communication",
        "well",
        "",
        [
            "Bewonersbijeenkomst in het dorpshuis werd goed bezocht en gewaardeerd.",
            "De bewonersbijeenkomst werd druk bezocht en bewoners waardeerden de uitleg.",
        ],
    ),
    (
        "shelter",
        "improve",
        "OPV-3U",
        [
            "De {opvang} was pas na {uren} uur open.",
            "Opening van de {opvang} duurde {uren} uur, langer dan de norm.",
            "{opvang} open na {uren} uur; norm niet gehaald.",
        ],
    ),
    (
        "shelter",
        "improve",
        "",
        [
            "Er waren te weinig veldbedden en dekens in de opvang.",
            "Tekort aan veldbedden en dekens in de opvanglocatie.",
            "Veldbedden en dekens waren op in de eerste nacht.",
        ],
    ),
    (
        "shelter",
        "improve",
        "",
        [
            "Huisdieren mochten niet mee naar de opvang; bewoners weigerden te vertrekken.",
            "Opvang voor huisdieren ontbrak, waardoor bewoners thuis bleven.",
        ],
    ),
    (
        "shelter",
        "well",
        "",
        [
            "Vrijwilligers van het Rode Kruis waren snel ter plaatse in de opvang.",
            "Het Rode Kruis leverde snel vrijwilligers voor de opvanglocatie.",
        ],
    ),
    (
        "shelter",
        "improve",
        "",
        [
            "De opvanglocatie was slecht bereikbaar voor mensen in een rolstoel.",
            "Opvanglocatie niet toegankelijk voor rolstoelgebruikers.",
        ],
    ),
    (
        "shelter",
        "well",
        "",
        [
            "Maaltijden in de opvang waren goed geregeld met de cateraar.",
            "De cateraar regelde de maaltijden in de opvang goed.",
        ],
    ),
    (
        "surroundings",
        "improve",
        "",
        [
            "Verminderd zelfredzamen in het getroffen gebied waren niet in beeld.",
            "Er was geen overzicht van verminderd zelfredzamen in het gebied.",
            "Lijst van verminderd zelfredzamen ontbrak bij de ontruiming.",
        ],
    ),
    (
        "surroundings",
        "improve",
        "",
        [
            "Buurtbewoners boden hulp aan maar niemand coördineerde de spontane vrijwilligers.",
            "Spontane vrijwilligers uit de buurt werden niet gecoördineerd.",
        ],
    ),
    (
        "surroundings",
        "well",
        "",
        [
            "Wijkagenten en de gemeente gingen samen langs de deuren in de straat.",
            "Samen met de wijkagent ging de gemeente deur aan deur langs bewoners.",
        ],
    ),
    (
        "victims",
        "improve",
        "",
        [
            "Registratie van slachtoffers liep vertraging op door dubbele invoer.",
            "Dubbele invoer vertraagde de registratie van slachtoffers.",
        ],
    ),
    (
        "victims",
        "improve",
        "",
        [
            "Het verwanteninformatienummer was pas laat bereikbaar.",
            "Verwanten konden het informatienummer de eerste uren niet bereiken.",
        ],
    ),
    (
        "relatives",
        "improve",
        "",
        [
            "Verwanten werden niet teruggebeld na hun melding.",
            "Melders van vermiste verwanten werden niet teruggebeld.",
        ],
    ),
    (
        "relatives",
        "well",
        "",
        [
            "Het matchen van vermisten en geregistreerden ging vlot.",
            "Vermisten en geregistreerde personen werden vlot gematcht.",
        ],
    ),
    (
        "damage",
        "improve",
        "",
        [
            "Schademeldingen kwamen via drie kanalen binnen en werden dubbel geteld.",
            "Schade werd via meerdere kanalen gemeld en dubbel geteld.",
        ],
    ),
    (
        "damage",
        "well",
        "",
        [
            "Het schadeformulier op de website werkte goed en werd veel gebruikt.",
            "Bewoners gebruikten het schadeformulier op de website veel en zonder problemen.",
        ],
    ),
    (
        "aftercare",
        "improve",
        "",
        [
            "Het informatie- en adviescentrum ging te laat open.",
            "Opening van het IAC was te laat voor de getroffenen.",
            "IAC pas na een week open, getroffen bewoners wisten niet waar ze terecht konden.",
        ],
    ),
    (
        "aftercare",
        "improve",
        "",
        [
            "Overdracht naar de nafase was niet vastgelegd in een overdrachtsplan.",
            "Er was geen overdrachtsplan voor de nafase.",
        ],
    ),
    (
        "aftercare",
        "well",
        "",
        [
            "Een bedankbrief na de inzet werd door medewerkers gewaardeerd.",
            "Medewerkers waardeerden de bedankbrief na de inzet.",
        ],
    ),
    (
        "advice",
        "improve",
        "",
        [
            "De burgemeester kreeg geen advies over de opvang van de bewoners.",
            "Advies over opvang van bewoners bereikte de burgemeester niet.",
        ],
    ),
    (
        "advice",
        "improve",
        "",
        [
            "Het beleidsteam kreeg tegenstrijdige informatie over het aantal geëvacueerden.",
            "Aantal geëvacueerden in het beleidsteam was onduidelijk en tegenstrijdig.",
        ],
    ),
    (
        "advice",
        "well",
        "",
        [
            "Het OvD-BZ adviseerde de CoPI helder over bevolkingszorg.",
            "Helder advies van de OvD-BZ in de CoPI over bevolkingszorg.",
        ],
    ),
    (
        "organisation",
        "improve",
        "ORG-CPG",
        [
            "De {functie} op piket was niet bereikbaar.",
            "{functie} op piket kon niet worden bereikt; de achtervang kwam na een uur.",
            "Piketfunctionaris {functie} niet bereikbaar bij alarmering.",
        ],
    ),
    (
        "organisation",
        "improve",
        "",
        [
            "Alarmering via de app werkte niet op oudere telefoons.",
            "De alarmeringsapp werkte niet op oude telefoons van piketfunctionarissen.",
        ],
    ),
    (
        "organisation",
        "improve",
        "",
        [
            "Aflossing van het team was niet geregeld voor de nacht.",
            "Geen aflossing geregeld voor de nachtdienst van het team.",
            "Nachtelijke aflossing van het team ontbrak.",
        ],
    ),
    (
        "organisation",
        "well",
        "",
        [
            "De gemeentelijke crisisorganisatie was binnen het uur operationeel.",
            "Binnen een uur was de gemeentelijke crisisorganisatie operationeel.",
        ],
    ),
    (
        "organisation",
        "improve",
        "",
        [
            "Het logboek werd niet bijgehouden door de actiecentra.",
            "Actiecentra hielden het logboek niet bij.",
        ],
    ),
    (
        "readiness",
        "improve",
        "OEF-CPG",
        [
            "Medewerkers hadden de {functie}-opleiding nog niet afgerond.",
            "Niet alle medewerkers waren opgeleid voor de functie {functie}.",
            "Opleiding {functie} niet afgerond door een deel van de pool.",
        ],
    ),
    (
        "readiness",
        "improve",
        "",
        [
            "Het crisisplan was verouderd; telefoonnummers klopten niet.",
            "Telefoonnummers in het verouderde crisisplan klopten niet.",
        ],
    ),
    (
        "readiness",
        "well",
        "",
        [
            "Onaangekondigde alarmering met een opdracht van een uur werkte goed als oefening.",
            "De onaangekondigde oefenalarmering met een opdracht van een uur was leerzaam.",
        ],
    ),
    (
        "readiness",
        "improve",
        "",
        [
            "De checklist begon niet met de twee belangrijkste vragen.",
            "Belangrijkste twee vragen stonden niet bovenaan de checklist.",
        ],
    ),
]

SYNONYMS = {
    "bericht": ["bericht", "publieksbericht", "informatiebericht"],
    "laat": ["kwam laat", "was te laat", "kwam te laat"],
    "opvang": ["opvanglocatie", "opvang", "sporthal", "noodopvang"],
    "functie": ["CPG", "OvD-BZ", "AC-BZ", "CO-OPV", "TL-OPV"],
}
PLACES = [
    "Velsen-Noord",
    "Haarlem",
    "Zaandam",
    "Utrecht",
    "Moerdijk",
    "Almere",
    "Zwolle",
    "Enschede",
    "Leeuwarden",
    "Maastricht",
    "Rotterdam-Zuid",
    "Alkmaar",
    "Den Helder",
    "Venlo",
    "Emmen",
]
BEFORE = [
    "Tijdens de gasstoring: ",
    "Bij de brand: ",
    "In de nacht: ",
    "Bij de ontruiming: ",
    "Opvallend: ",
    "Volgens de debriefing: ",
    "",
]
AFTER = [
    " Dit is eerder gezien.",
    " Punt voor het verbeterplan.",
    " Bespreken in het regionaal overleg.",
    " Ook genoemd door de partners.",
    "",
]
OWN = [
    "Parkeerplaatsen bij het gemeentehuis waren bezet door pers.",
    "Koffie in het actiecentrum raakte op.",
    "Printer in het beleidsteam weigerde dienst.",
    "Een tolk Arabisch was nodig voor een gezin in de opvang.",
    "Vergaderruimte was te klein voor het ROT.",
    "Sleutel van de sporthal lag bij de beheerder op vakantie.",
    "Radio-ontvangst in de kelder van het stadhuis was slecht.",
    "Aggregaat van de opvanglocatie sloeg niet aan.",
    "Vrijwilligers droegen geen herkenbare hesjes.",
    "Kaartmateriaal van de wijk was verouderd.",
]
DETAILS = [
    "de {n}e dag",
    "wijk {w}",
    "met {n} bewoners",
    "rond {u}.00 uur",
    "in {p}",
    "volgens de {r}",
]
ROLES = ["OvD-BZ", "CPG", "TL-OPV", "burgemeester", "teamleider", "partners"]


def finding_text(rng: random.Random, observation: int | None) -> tuple[str, str, str, str]:
    """(process, kind, norm code, text) of one synthetic finding."""
    if observation is None:
        process, kind, _norm, _p = rng.choice(OBSERVATIONS)
        place = rng.choice(PLACES)
        text = f"{rng.choice(OWN)[:-1]} in {place} ({rng.randint(1, 9999)})."
        return process, kind, "", text
    process, kind, norm, phrasings = OBSERVATIONS[observation]
    text = rng.choice(phrasings).format(
        minuten=rng.choice([40, 45, 50, 55, 60, 75, 90]),
        uren=rng.choice([2, 3, 4, 5]),
        **{k: rng.choice(v) for k, v in SYNONYMS.items()},
    )
    if rng.random() < 0.5:
        detail = rng.choice(DETAILS).format(
            n=rng.randint(2, 9),
            w=rng.choice("ABCDEFGH"),
            u=rng.randint(0, 23),
            p=rng.choice(PLACES),
            r=rng.choice(ROLES),
        )
        text = f"{text[:-1]} ({detail})."
    text = f"{rng.choice(BEFORE)}{text}{rng.choice(AFTER)}"
    return process, kind, norm if rng.random() < 0.35 else "", text


def build(rng: random.Random) -> int:
    """Incidents, exercises, evaluations and findings; written once (a later run finds them)."""
    from django.db import transaction
    from django.utils import timezone

    from oranje.core.models import Municipality, Region
    from oranje.incidents.models import Incident
    from oranje.learning.models import Evaluation, Finding
    from oranje.quality.models import Norm
    from oranje.readiness.models import Exercise

    have = Finding.objects.count()
    if have >= FINDINGS:
        return have
    regions = list(Region.objects.order_by("code"))
    places = {
        r.pk: list(Municipality.objects.filter(region=r).values_list("pk", flat=True))
        for r in regions
    }
    norms = {
        n.code: n
        for n in Norm.objects.filter(norm_set__region__isnull=True).order_by("norm_set__version")
    }
    now = timezone.now()
    evaluations = FINDINGS // PER_EVALUATION
    with transaction.atomic():
        incidents, drills = [], []
        for n in range(evaluations - EXERCISES):
            region = regions[n % len(regions)]
            incidents.append(
                Incident(
                    region=region,
                    title=f"{rng.choice(['Gasstoring', 'Brand', 'Overstroming', 'Stroomstoring', 'Explosie'])} {rng.choice(PLACES)} {n}",
                    kind="utility_outage",
                    started_at=now - dt.timedelta(days=rng.randint(30, 3650)),
                    municipality_id=rng.choice(places[region.pk]),
                    is_exercise=rng.random() < 0.1,
                )
            )
        Incident.objects.bulk_create(incidents, batch_size=500)
        for n in range(EXERCISES):
            region = regions[n % len(regions)]
            drills.append(
                Exercise(
                    region=region,
                    title=f"Oefening {rng.choice(PLACES)} {n}",
                    exercise_type="tabletop",
                    starts_at=now - dt.timedelta(days=rng.randint(30, 3650)),
                )
            )
        Exercise.objects.bulk_create(drills, batch_size=500)
        incidents = list(Incident.objects.order_by("pk"))[-(evaluations - EXERCISES) :]
        drills = list(Exercise.objects.order_by("pk"))[-EXERCISES:]
        rows = [
            Evaluation(region_id=i.region_id, incident=i, title=f"Evaluatie {i.title}")
            for i in incidents
        ] + [
            Evaluation(region_id=d.region_id, exercise=d, title=f"Evaluatie {d.title}")
            for d in drills
        ]
        Evaluation.objects.bulk_create(rows, batch_size=500)
        findings = []
        for ev in Evaluation.objects.order_by("pk"):
            for position in range(PER_EVALUATION):
                observation = None if rng.random() < 0.2 else rng.randrange(len(OBSERVATIONS))
                process, kind, norm, text = finding_text(rng, observation)
                findings.append(
                    Finding(
                        evaluation=ev,
                        process=process,
                        kind=kind,
                        text=text,
                        norm=norms.get(norm),
                        position=position,
                    )
                )
        Finding.objects.bulk_create(findings, batch_size=1000)
    return Finding.objects.count()


def main() -> int:
    setup_django("learning_patterns")
    from django.db import connection

    from oranje.learning.models import Finding, Pattern
    from oranje.learning.patterns import group_findings
    from oranje.learning.services.patterns import _items, patterns_compute

    rng = random.Random(SEED)
    began = time.perf_counter()
    count = build(rng)
    print(
        f"learning patterns on {connection.vendor}: {count:,} findings of "
        f"{count // PER_EVALUATION:,} evaluations in 25 regions, set up in "
        f"{time.perf_counter() - began:.0f} s",
        flush=True,
    )
    check_that("findings", f"{count:,}", count >= FINDINGS, f">= {FINDINGS:,}")
    # the first grouping: every pattern new, every finding moved
    Finding.objects.update(pattern=None)
    Pattern.objects.all().delete()
    began = time.perf_counter()
    patterns = patterns_compute()
    first = time.perf_counter() - began
    check(
        f"group {count:,} findings, first time (read, group, write)",
        first,
        TARGET_S,
        unit="s",
        shown=f"{first:.2f} s",
    )
    began = time.perf_counter()
    again = patterns_compute()
    second = time.perf_counter() - began
    check(
        f"group {count:,} findings again (stable keys)",
        second,
        TARGET_S,
        unit="s",
        shown=f"{second:.2f} s",
    )
    items, _current = _items()
    began = time.perf_counter()
    groups = group_findings(items)
    alone = time.perf_counter() - began
    report("the grouping alone (no database)", f"{alone:.2f} s")
    recurring = [g for g in groups if g.incident_count > 1]
    once = [g for g in groups if g.incident_count <= 1]
    biggest = max(groups, key=lambda g: g.finding_count)
    report(
        "patterns found",
        f"{patterns:,} ({len(recurring):,} recurring, {len(once):,} seen once); "
        f"largest {biggest.finding_count} findings in {biggest.region_count} regions",
    )
    check_that("the same patterns again", f"{again:,}", again == patterns, f"{patterns:,}")
    return exit_status()


if __name__ == "__main__":
    raise SystemExit(main())
