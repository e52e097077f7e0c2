"""The words of the demo's crisis communication: the Velsen-Noord gas outage's messages,
signals and Q&A, and the Haarlem fire's smoke warning (demo/communication.py builds them)."""

from __future__ import annotations

#: (minutes after the start, headline, text, what to do, text for social media); the first is
#: the first public message, each next one an update of the one before.
VELSEN_MESSAGES = [
    (
        22,
        "Gasstoring in Velsen-Noord",
        "In Velsen-Noord is sinds vanochtend geen gas. Er zit water in het gasnet. Het gaat om "
        "ongeveer 1.300 huizen rond de Wijkerstraatweg. Liander werkt aan het herstel. Dat "
        "duurt waarschijnlijk enkele dagen. Er is geen gevaar voor uw gezondheid.",
        "Zet uw cv-ketel en kookplaat uit. Zorg voor een warme plek bij familie of vrienden als "
        "dat kan.",
        "Geen gas in Velsen-Noord (±1.300 huizen). Liander werkt aan herstel, dat duurt enkele "
        "dagen. Meer info: velsen.nl",
    ),
    (
        50,
        "Gasstoring Velsen-Noord: informatiepunt open",
        "In buurthuis De Stek aan de Heirweg is een informatiepunt open. U kunt daar terecht met "
        "vragen, voor een warme kop koffie en om uw telefoon op te laden. Het herstel van het "
        "gasnet duurt waarschijnlijk drie tot vijf dagen.",
        "Heeft u vragen? Kom naar De Stek of bel 14 0255.",
        "Informatiepunt open in De Stek (Heirweg). Vragen? Bel 14 0255.",
    ),
    (
        80,
        "Gasstoring Velsen-Noord: kookplaten en kachels",
        "De gemeente en Liander delen vanaf vanmiddag elektrische kookplaten en kachels uit. "
        "Ouderen en mensen die zorg nodig hebben krijgen voorrang. Wij bellen of bezoeken hen.",
        "Haal een kookplaat of kachel op bij De Stek. Neem uw legitimatie mee.",
        "Elektrische kookplaten en kachels ophalen bij De Stek. Neem uw ID mee.",
    ),
    (
        110,
        "Geen koolmonoxide door de gasstoring",
        "Er gaan berichten rond dat er koolmonoxidegevaar is in Velsen-Noord. Dat klopt niet: de "
        "gasstoring zelf geeft geen koolmonoxide. Wel gevaarlijk is verwarmen met een barbecue, "
        "terrasverwarmer of gaskachel op een fles in huis. Daarbij kan koolmonoxide ontstaan.",
        "Verwarm nooit met een barbecue, terrasverwarmer of gasfles binnen. Gebruik de "
        "elektrische kachel van De Stek.",
        "Klopt niet: de gasstoring geeft geen koolmonoxide. Verwarm wel nooit met barbecue of "
        "gasfles binnen.",
    ),
    (
        140,
        "Gasstoring Velsen-Noord: eerste straten weer aangesloten",
        "Liander heeft het water uit het gasnet van de eerste straten gepompt. Monteurs komen "
        "langs om de gasmeter weer open te zetten. Zij komen bij u aan de deur en hebben een "
        "pasje van Liander.",
        "Laat alleen monteurs met een pasje van Liander binnen. Zet de gasmeter niet zelf open.",
        "Eerste straten in Velsen-Noord weer aangesloten. Laat alleen monteurs met een "
        "Liander-pasje binnen.",
    ),
    (
        170,
        "Gasstoring Velsen-Noord: stand van zaken",
        "Ongeveer 300 van de 1.300 huizen hebben weer gas. Liander verwacht dat alle huizen "
        "binnen drie dagen weer gas hebben. Het informatiepunt in De Stek blijft open van 8.00 "
        "tot 22.00 uur.",
        "Kijk op velsen.nl welke straten weer gas hebben.",
        "300 van de 1.300 huizen hebben weer gas. Alle huizen binnen 3 dagen. Info: velsen.nl",
    ),
]

#: The NL-Alert draft (a warning, CAP with status Exercise), published at this minute.
VELSEN_WARNING = (
    95,
    "Verwarm niet met open vuur binnen",
    "Door de gasstoring in Velsen-Noord verwarmen mensen hun huis op andere manieren. "
    "Verwarmen met een barbecue, terrasverwarmer of gaskachel op een fles in huis is "
    "levensgevaarlijk: er ontstaat koolmonoxide. Dat gas ruikt u niet.",
    "Gebruik binnen geen barbecue, terrasverwarmer of gasfles. Heeft u hoofdpijn, bent u "
    "misselijk of suf? Ga naar buiten en bel 112.",
    "Koolmonoxide bij verwarmen binnen",
)

#: Topics of the signals: (topic, goal, sentiment weights neg/neu/pos, share, example texts).
VELSEN_TOPICS = [
    (
        "wanneer weer gas",
        "inform",
        (4, 5, 1),
        30,
        [
            "Wanneer hebben we weer gas?",
            "Hoe lang gaat dit nog duren?",
            "Al de hele dag koud, wanneer is het opgelost?",
        ],
    ),
    (
        "informatiepunt",
        "inform",
        (1, 6, 3),
        12,
        ["Waar is het informatiepunt?", "Tot hoe laat is De Stek open?"],
    ),
    (
        "kookplaat en kachel",
        "limit_harm",
        (2, 6, 2),
        18,
        ["Waar kan ik een kookplaat halen?", "Krijgen ouderen een kachel thuisgebracht?"],
    ),
    (
        "koolmonoxide",
        "limit_harm",
        (7, 3, 0),
        14,
        [
            "Is er koolmonoxidegevaar in Velsen-Noord?",
            "Ik hoor dat er koolmonoxide uit het gasnet komt, klopt dat?",
            "Buurvrouw zegt dat je niet binnen mag slapen door koolmonoxide",
        ],
    ),
    (
        "schade en vergoeding",
        "meaning",
        (5, 4, 1),
        10,
        ["Wie betaalt mijn bedorven eten?", "Krijgen we een vergoeding van Liander?"],
    ),
    (
        "monteurs aan de deur",
        "limit_harm",
        (3, 6, 1),
        8,
        ["Er staat iemand aan de deur die zegt van Liander te zijn, klopt dat?"],
    ),
    (
        "waardering",
        "meaning",
        (0, 3, 7),
        8,
        ["Fijn dat het informatiepunt zo snel open was", "Goed geregeld in De Stek, dank!"],
    ),
]

#: The Q&A for the information line: (question, answer, on the public page).
VELSEN_QA = [
    (
        "Wanneer heb ik weer gas?",
        "Liander verwacht dat alle huizen binnen drie dagen weer gas hebben. Op velsen.nl staat welke straten al gas hebben.",
        True,
    ),
    (
        "Waarom is er geen gas?",
        "Er is water in het gasnet gekomen. Liander pompt het water weg en sluit daarna de huizen straat voor straat weer aan.",
        True,
    ),
    (
        "Is er gevaar voor mijn gezondheid?",
        "Nee, de storing zelf is niet gevaarlijk. Verwarm wel nooit met een barbecue, terrasverwarmer of gasfles binnen: daarbij ontstaat koolmonoxide.",
        True,
    ),
    (
        "Komt er koolmonoxide uit het gasnet?",
        "Nee. Dat gerucht klopt niet. Koolmonoxide ontstaat alleen als u binnen verwarmt met open vuur of een gasfles.",
        True,
    ),
    (
        "Waar is het informatiepunt?",
        "In buurthuis De Stek aan de Heirweg, elke dag van 8.00 tot 22.00 uur.",
        True,
    ),
    (
        "Waar haal ik een kookplaat of kachel?",
        "Bij De Stek. Neem uw legitimatie mee. Eén kookplaat en één kachel per adres.",
        True,
    ),
    (
        "Ik kan de deur niet uit. Wat nu?",
        "Bel 14 0255. Wij brengen een kookplaat en kachel bij u thuis.",
        True,
    ),
    (
        "Moet ik mijn gasmeter zelf openzetten?",
        "Nee. Een monteur van Liander zet de meter open. Hij komt langs en heeft een pasje van Liander.",
        True,
    ),
    (
        "Hoe herken ik een echte monteur?",
        "Een monteur van Liander draagt kleding van Liander en laat een pasje zien. Twijfelt u? Bel Liander op 088 542 6444.",
        True,
    ),
    (
        "Wie betaalt mijn schade?",
        "Liander heeft een regeling voor schade door de storing. Vraag ernaar bij het informatiepunt.",
        True,
    ),
    (
        "Kan ik ergens douchen?",
        "In sporthal Zeewijk kunt u tussen 7.00 en 21.00 uur douchen.",
        True,
    ),
    (
        "Kan ik ergens slapen?",
        "Kunt u niet bij familie of vrienden terecht? Meld u bij De Stek; de gemeente zoekt met u naar een oplossing.",
        False,
    ),
    (
        "Geldt dit ook voor bedrijven?",
        "Ja. Bedrijven in het gebied kunnen met vragen terecht bij het Ondernemersloket van Velsen.",
        False,
    ),
    (
        "Hoe blijf ik op de hoogte?",
        "Volg velsen.nl en de berichten van de gemeente op sociale media. Het informatiepunt hangt de laatste stand op.",
        False,
    ),
    (
        "Wat als mijn cv-ketel na herstel niet aangaat?",
        "Bel uw installateur of Liander. Zet de ketel niet zelf open als u twijfelt.",
        False,
    ),
]

#: The Haarlem fire's smoke warning, its update and its cancellation (minutes after start).
HAARLEM_WARNING = (
    20,
    "Rook bij brand in Haarlem: houd ramen en deuren dicht",
    "Bij de brand in zorgcentrum De Spaarnehof in Haarlem komt veel rook vrij. De rook trekt "
    "naar het noordoosten.",
    "Ga naar binnen. Houd ramen en deuren dicht. Zet de ventilatie uit.",
)
HAARLEM_UPDATE = (
    90,
    "Rook bij brand in Haarlem: ramen blijven dicht",
    "De brand is onder controle, maar er komt nog rook vrij. De rook trekt nu naar het oosten. "
    "Het gebied is groter geworden.",
    "Blijf binnen. Houd ramen en deuren dicht. Zet de ventilatie uit.",
)
HAARLEM_CANCEL = (
    180,
    "Rook bij brand in Haarlem: ramen mogen weer open",
    "De brand is uit. Er komt geen rook meer vrij. U mag ramen en deuren weer openen en de "
    "ventilatie aanzetten.",
    "",
)
#: The smoke plume north-east of the fire (lat, lon), a closed ring.
HAARLEM_AREA = [
    [52.3635, 4.6640],
    [52.3720, 4.6700],
    [52.3760, 4.6850],
    [52.3680, 4.6880],
    [52.3620, 4.6740],
    [52.3635, 4.6640],
]
HAARLEM_AREA_UPDATE = [
    [52.3635, 4.6640],
    [52.3740, 4.6720],
    [52.3760, 4.6950],
    [52.3650, 4.6990],
    [52.3600, 4.6760],
    [52.3635, 4.6640],
]
