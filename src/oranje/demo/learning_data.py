"""The learning room's demo texts: the Velsen-Noord evaluation's findings, earlier evaluations
whose findings recur, the 2015 interregional work session's entries for the living dossier,
the free-text answers of the public survey, and the national network's portfolios."""

from __future__ import annotations

# (minutes into the log the finding points at, or None; process, kind, text, norm code or "",
#  milestone key or "", improvement action (title, owner, days to deadline) or None)
VELSEN_FINDINGS = [
    (
        9,
        "advice",
        "well",
        "De vraag 'moet de overheid hier iets doen?' is binnen tien minuten gesteld en "
        "beantwoord: het duurt dagen, en zonder gas kunnen bewoners niet koken en verwarmen.",
        "",
        "",
        None,
    ),
    (
        14,
        "communication",
        "well",
        "Het eerste publieksbericht stond ruim binnen de norm van 30 minuten op de website en "
        "sociale media, met oorzaak, gebied en het advies elektrisch te verwarmen.",
        "",
        "communication.first_message",
        None,
    ),
    (
        22,
        "shelter",
        "well",
        "Bewoners werd gevraagd eerst zelf een oplossing te zoeken bij familie of buren; "
        "een opvanglocatie bleek niet nodig.",
        "",
        "",
        None,
    ),
    (
        47,
        "shelter",
        "improve",
        "Het duurde 47 minuten voordat de adressen van verminderd zelfredzamen bekend waren: "
        "er was vooraf geen afspraak met wijkteam en thuiszorg over het aanleveren.",
        "",
        "",
        (
            "Afspraak met wijkteams en thuiszorg over het aanleveren van adressen van verminderd zelfredzamen",
            "Regionaal coördinator bevolkingszorg",
            120,
        ),
    ),
    (
        64,
        "communication",
        "improve",
        "Bewoners zonder internet hoorden laat wat ze moesten doen; het informatienummer kreeg "
        "in het eerste uur 140 vragen over koken en verwarmen.",
        "",
        "",
        (
            "Bewonersbrief binnen twee uur huis-aan-huis bij langdurige uitval van gas of stroom",
            "Teamleider crisiscommunicatie",
            90,
        ),
    ),
    (
        96,
        "advice",
        "well",
        "Het besluit over het informatiepunt in De Stek was helder onderbouwd en meteen "
        "gecommuniceerd.",
        "",
        "",
        None,
    ),
]

#: Findings of earlier evaluations (other incidents and exercises, also in other regions), so
#: that the patterns page shows what recurs: (process, kind, text).
EARLIER_FINDINGS = {
    "haarlem": [
        (
            "shelter",
            "improve",
            "Adressen van verminderd zelfredzamen waren pas na een uur bekend; geen vaste afspraak met de thuiszorg.",
        ),
        (
            "communication",
            "improve",
            "Eerste publieksbericht te laat: pas na 50 minuten, de woordvoerder wachtte op de brandweer.",
        ),
        (
            "victims",
            "well",
            "De registratie van de bewoners in de opvang liep vanaf het eerste uur goed.",
        ),
        (
            "organisation",
            "improve",
            "Zachte piket in de vakantie: twee CPG's kwamen niet, vervanging moest worden gezocht.",
        ),
    ],
    "heemskerk": [
        (
            "communication",
            "improve",
            "Eerste publieksbericht te laat: pas na 45 minuten online; omwonenden hoorden het eerst via sociale media.",
        ),
        (
            "advice",
            "well",
            "De omgevingsanalyse gaf het crisisteam een goed beeld van de onrust in de wijk.",
        ),
        (
            "organisation",
            "improve",
            "Zachte piket in de vakantie: de CPG kwam niet op de oproep af.",
        ),
    ],
    "other": [
        (
            "shelter",
            "improve",
            "Lijst van verminderd zelfredzame bewoners niet beschikbaar; thuiszorg leverde adressen pas na ruim een uur.",
        ),
        (
            "communication",
            "improve",
            "Eerste publieksbericht te laat, pas na 48 minuten, door afstemming met de partners.",
        ),
        (
            "organisation",
            "improve",
            "Zachte piket in de vakantie: te weinig mensen kwamen op de oproep af.",
        ),
        (
            "readiness",
            "well",
            "De onaangekondigde oproep met een opdracht van een uur liet zien wie kon improviseren.",
        ),
    ],
}

WORK_SESSION = {
    "title": "Interregionale werksessie bevolkingszorg 2015",
    "place": "Haarlem, Veiligheidsregio Kennemerland",
    "description": (
        "Coördinatoren en adviseurs bevolkingszorg uit vijf regio's wisselden goede vragen, "
        "goede praktijken en goede voorstellen uit over pools, piket, vakbekwaamheid en de "
        "zorg voor verminderd zelfredzamen."
    ),
    "regions": ["VR12", "VR16", "VR13", "VR14", "VR11"],
}

# (theme, kind, status, region code, title, text, comments [(region code, text)])
WORK_SESSION_ENTRIES = [
    (
        "administrators",
        "question",
        "practice",
        "VR12",
        "De twee vragen bovenaan elke checklist",
        "Zet bovenaan elke checklist twee vragen: 1. Moet de overheid hier iets doen? "
        "2. Wie zijn in dit incident de verminderd zelfredzamen? De eerste voorkomt dat de "
        "overheid overneemt wat mensen zelf kunnen; de tweede richt de zorg op wie het nodig heeft.",
        [
            (
                "VR16",
                "Bij ons staan ze nu bovenaan de checklist van de OvD-BZ. Werkt goed in het CoPI.",
            )
        ],
    ),
    (
        "on_call",
        "practice",
        "tried",
        "VR16",
        "Van harde naar zachte piket",
        "Houd alleen de eerste lijn (OvD-BZ, CPG) op harde piket en zet de rest van de "
        "functies op zachte piket. De ervaring is dat mensen bijna altijd komen; let op de "
        "vakantieperiodes en tel na elke oproep hoeveel mensen kwamen.",
        [("VR12", "Wij meten eerst een jaar opkomst per functie voordat we overstappen.")],
    ),
    (
        "on_call",
        "practice",
        "practice",
        "VR12",
        "Een bedankje na een inzet",
        "Stuur iedereen die kwam binnen een week een persoonlijk bedankje van de burgemeester "
        "of de gemeentesecretaris. Het kost weinig en houdt mensen betrokken bij de pool.",
        [],
    ),
    (
        "competence",
        "practice",
        "tried",
        "VR13",
        "Onaangekondigde oproepen met een opdracht van een uur",
        "Roep iemand op piket onaangekondigd op met een opdracht: 'u heeft een uur om voor de "
        "bevolkingszorg X te regelen'. Zo oefen je improviseren en meet je de opkomst.",
        [("VR14", "Hebben we twee keer gedaan; de nabespreking was het waardevolst.")],
    ),
    (
        "pools",
        "proposal",
        "proposal",
        "VR16",
        "Drie hoofdpools",
        "Deel iedereen in drie pools in: veldfunctionarissen, backofficecoördinatoren, en "
        "leiders en strategisch adviseurs. Wie in een pool zit, kan op elke functie van die "
        "pool worden ingezet. Crisiscommunicatie en informatiemanagement blijven specialismen "
        "met een eigen opleiding.",
        [("VR11", "Interessant; hoe regel je de vakbekwaamheid per functie binnen één pool?")],
    ),
    (
        "competence",
        "practice",
        "practice",
        "VR14",
        "Korte oefeningen met feedback tussendoor",
        "Liever vier korte oefeningen van een uur met feedbackmomenten dan één lange dag. "
        "Deelnemers onthouden meer en de drempel om mee te doen is lager.",
        [],
    ),
    (
        "administrators",
        "question",
        "tried",
        "VR11",
        "Vraag aan bestuurders: wat zou ik zelf doen?",
        "Stel bestuurders in het beleidsteam de vraag: 'Wat zou ik zelf doen in deze situatie, "
        "en welke hulp zou ik willen?' Het helpt om vanuit de inwoner te denken.",
        [],
    ),
    (
        "self_reliance",
        "practice",
        "practice",
        "VR12",
        "Eerst zelf regelen, de overheid faciliteert",
        "Vraag bewoners bij langdurige uitval van gas of stroom eerst zelf een oplossing te "
        "zoeken bij familie of buren; de gemeente faciliteert met kookplaten, kachels en een "
        "informatiepunt. Opvang is dan vaak niet nodig.",
        [
            (
                "VR12",
                "Zo ook in de oefening Gasstoring Velsen-Noord: bewoners zochten eerst zelf een "
                "oplossing, de gemeente regelde kookplaten, kachels en een informatiepunt; "
                "opvang was niet nodig.",
            )
        ],
    ),
    (
        "self_reliance",
        "proposal",
        "proposal",
        "VR13",
        "Vooraf afspraken over adressen van verminderd zelfredzamen",
        "Maak vooraf afspraken met wijkteams en thuiszorg over het snel aanleveren van adressen "
        "van verminderd zelfredzamen bij een incident, inclusief de privacygrondslag.",
        [],
    ),
    (
        "evaluation",
        "practice",
        "tried",
        "VR12",
        "Publieksenquête na een incident",
        "Vraag na een incident de getroffen bewoners hoe zij de hulp hebben ervaren: kregen ze "
        "op tijd informatie, wisten ze wat te doen, voelden ze zich geholpen. Meet het effect, "
        "niet alleen het proces.",
        [],
    ),
    (
        "communication",
        "question",
        "proposal",
        "VR11",
        "Wie bereiken we niet online?",
        "Vraag bij elk publieksbericht: wie bereiken we hiermee niet? Denk aan ouderen zonder "
        "internet en mensen die de taal niet spreken, en regel een brief of een ronde langs de deur.",
        [],
    ),
    (
        "shelter",
        "practice",
        "practice",
        "VR14",
        "Informatiepunt in de wijk in plaats van opvang",
        "Bij langdurige uitval van voorzieningen werkt een informatiepunt in een buurthuis vaak "
        "beter dan een opvanglocatie: mensen blijven thuis en weten waar ze terecht kunnen.",
        [],
    ),
]

SURVEY_COMMENTS = [
    "Goede informatie via de website, maar de brief kwam pas de volgende dag.",
    "Ik wist niet waar ik een kookplaat kon halen.",
    "Fijn dat er een informatiepunt in De Stek was.",
    "Mijn moeder van 84 woont alleen en niemand kwam langs de eerste avond.",
    "Heel goed geregeld, complimenten voor de mensen in het buurthuis.",
    "De informatie op sociale media was sneller dan die van de gemeente.",
    "Het informatienummer was lang in gesprek.",
    "Duidelijk advies om elektrisch te verwarmen, dat hielp.",
    "Ik heb bij mijn zus gelogeerd, dat ging prima.",
    "Meer informatie over de schadevergoeding graag.",
    "De kachels waren snel op.",
    "Buren hebben elkaar goed geholpen.",
    "Ik had graag eerder gehoord hoe lang het zou duren.",
    "De monteurs van Liander waren vriendelijk en legden goed uit wat ze deden.",
    "Geen internet thuis, ik hoorde het pas van de buurvrouw.",
    "Goede opvang voor ouderen in de wijk.",
    "Ik voelde me serieus genomen bij het informatiepunt.",
    "Het was koud en het duurde lang, maar de informatie was eerlijk.",
]

#: The national network's portfolios (portfolio holders among the coordinating secretaries).
PORTFOLIOS = [
    "Vakbekwaamheid en opleiden, trainen, oefenen",
    "Crisiscommunicatie",
    "Publieke zorg: opvang en verzorging",
    "Nafase en herstelzorg",
    "Informatiemanagement en registratie",
]
