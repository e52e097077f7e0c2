"""The demo's damage and aftercare data (issue 14): made-up reports, households and tasks
around the two exercises. No real persons; streets are real, numbers and names invented."""

from __future__ import annotations

import random
from dataclasses import dataclass

from oranje.demo.names import GIVEN_NAMES, SURNAMES

SEED = 1414

#: Streets beside the care home in Haarlem-Schalkwijk: (street, postcode, first number, last
#: number, latitude, longitude of its middle).
HAARLEM_STREETS = [
    ("Spaarnehoflaan", "2035KC", 2, 78, 52.36350, 4.66400),
    ("Floris van Adrichemlaan", "2035AA", 1, 120, 52.36290, 4.66150),
    ("Boerhaavelaan", "2035RA", 1, 90, 52.36420, 4.66580),
    ("Briandplein", "2035XA", 1, 40, 52.36480, 4.66250),
    ("Europaweg", "2035AB", 100, 180, 52.36210, 4.66700),
    ("Amerikaweg", "2035AC", 1, 60, 52.36560, 4.66820),
]

#: What residents report after the fire, by kind: (kind, description, unsafe, share of
#: reports).
DAMAGE_TEXTS = [
    (
        "home",
        "Roetschade aan de gevel en gesprongen ruiten aan de kant van het zorgcentrum.",
        False,
    ),
    ("home", "Waterschade in de hal en het trappenhuis door het bluswater.", False),
    ("home", "Balkon aangetast door de hitte; de brandweer zegt dat we er niet in mogen.", True),
    ("home", "Kozijnen verschroeid, rook in alle kamers; de woning is niet bewoonbaar.", True),
    ("contents", "Meubels en kleding ruiken naar rook, de gordijnen zijn zwart.", False),
    ("contents", "Laptop en televisie kapot door waterschade van boven.", False),
    ("contents", "Koelkast en vriezer ontdooid doordat de stroom er lang af was.", False),
    ("vehicle", "Auto op de parkeerplaats aan de achterkant beschadigd door vallend glas.", False),
    ("vehicle", "Scooter gesmolten in de fietsenberging.", False),
    (
        "business",
        "Kapsalon op de begane grond een week dicht; roetschade aan de inventaris.",
        False,
    ),
    ("business", "Voorraad van de apotheekuitgifte onbruikbaar door rook.", False),
    ("public", "Bushokje aan de Europaweg vernield door de brandweerwagens.", False),
    ("public", "Bomen langs de laan verschroeid; takken hangen boven het fietspad.", True),
]

REPORT_COUNT = 120
#: Of the 120: how many came in through the public form; the rest by phone or at the desk.
FORM_SHARE = 0.6
IAC_CASES = 45
VELSEN_HOUSEHOLDS = 1300


@dataclass(frozen=True)
class Report:
    name: str
    phone: str
    email: str
    street: str
    postcode: str
    house: str
    lat: float
    lon: float
    kind: str
    description: str
    unsafe: bool
    insured: str
    consent: bool
    channel: str
    minutes: int  # after the start of the incident


def _surname(rng: random.Random) -> str:
    prefix, surname = rng.choice(SURNAMES)
    return f"{prefix} {surname}".strip()


def _name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN_NAMES)} {_surname(rng)}"


def _phone(rng: random.Random) -> str:
    return f"06{rng.choice('12345')}{rng.randrange(1_000_000, 9_999_999)}"


def _mail(name: str, rng: random.Random) -> str:
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return f"{local}{rng.randrange(10, 99)}@voorbeeld.nl"


def reports(minutes_span: int) -> list[Report]:
    """The 120 damage reports of the Haarlem fire, spread over `minutes_span` minutes; the
    same list every run. A few addresses report twice (a resident and the landlord)."""
    rng = random.Random(SEED)
    out: list[Report] = []
    for i in range(REPORT_COUNT):
        street, postcode, first, last, lat, lon = rng.choice(HAARLEM_STREETS)
        if i % 17 == 5 and out:  # a second report on an address already reported
            prev = out[rng.randrange(len(out))]
            street, postcode, house, lat, lon = (
                prev.street,
                prev.postcode,
                prev.house,
                prev.lat,
                prev.lon,
            )
        else:
            number = rng.randrange(first, last + 1)
            house = f"{number}{rng.choice(['', '', '', 'A', 'B'])}"
            lat += rng.uniform(-0.0008, 0.0008)
            lon += rng.uniform(-0.0012, 0.0012)
        kind, text, unsafe = rng.choice(DAMAGE_TEXTS)
        name = _name(rng)
        form = rng.random() < FORM_SHARE
        out.append(
            Report(
                name=name,
                phone=_phone(rng),
                email=_mail(name, rng) if form or rng.random() < 0.4 else "",
                street=street,
                postcode=postcode,
                house=house,
                lat=round(lat, 6),
                lon=round(lon, 6),
                kind=kind,
                description=text,
                unsafe=unsafe,
                insured=rng.choice(["yes", "yes", "yes", "no", "unknown"]),
                consent=rng.random() < 0.8,
                channel="form" if form else rng.choice(["phone", "phone", "desk"]),
                minutes=int(minutes_span * (i + 1) / (REPORT_COUNT + 1)),
            )
        )
    return out


#: The IAC's questions in Haarlem, by theme.
IAC_QUESTIONS = {
    "housing": [
        "Waar kunnen we wonen tot de flat weer bewoonbaar is?",
        "Mogen we spullen uit de woning halen, en wanneer?",
    ],
    "finance": [
        "Wie betaalt de schade als de brand in het zorgcentrum begon?",
        "Hoe vraag ik een voorschot aan voor kleding en boodschappen?",
    ],
    "psychosocial": [
        "Mijn moeder slaapt slecht sinds de brand; waar kan ze terecht?",
        "De kinderen zijn bang om terug te gaan.",
    ],
    "information": [
        "Wanneer hoor ik wat de oorzaak van de brand was?",
        "Komt er een bewonersavond?",
    ],
    "commemoration": ["Komt er een moment om de twee overleden bewoners te herdenken?"],
    "surroundings": ["Is de grond rond de flat nog verontreinigd door het bluswater?"],
}

TASKS_HAARLEM = [
    ("housing", "Vervangende woonruimte voor de 19 huishoudens uit de flat", 3),
    ("housing", "Terugkeerplan flat met de woningcorporatie", 21),
    ("finance", "Voorschotregeling voor huishoudens zonder verzekering", 7),
    ("finance", "Overzicht van de schade voor de verzekeraars", 14),
    ("psychosocial", "Nazorg door GGD en Slachtofferhulp voor bewoners en personeel", 10),
    ("information", "Wekelijkse nieuwsbrief aan de getroffen huishoudens", 7),
    ("information", "Bewonersavond in buurthuis De Ringvaart", 5),
    ("commemoration", "Herdenkingsbijeenkomst voor de twee overleden bewoners", 28),
    ("surroundings", "Asbestonderzoek en opruimen van het terrein", 14),
]

TASKS_VELSEN = [
    ("information", "Dagelijks bericht over het herstel van het gasnet", 1),
    ("information", "Informatiepunt in het buurthuis open houden tot iedereen gas heeft", 7),
    ("finance", "Vergoeding door de netbeheerder voor kookplaatjes en kacheltjes", 14),
    ("psychosocial", "Ouderen zonder verwarming dagelijks bellen of bezoeken", 5),
    ("surroundings", "Monteurs van huis tot huis: afspraken en sleutels", 4),
]

TRANSITION = {
    "summary": (
        "Op de eerste avond brak brand uit in Zorgcentrum De Spaarnehof en sloeg over naar de "
        "flat ernaast. 140 bewoners zijn geëvacueerd, 23 naar het ziekenhuis gebracht; twee "
        "bewoners zijn overleden. Opvang in twee sporthallen; 19 huishoudens uit de flat kunnen "
        "voorlopig niet terug."
    ),
    "open_points": (
        "Huisvesting van de 19 huishoudens na de eerste week; verzekering van huishoudens "
        "zonder inboedelverzekering; terugkeer van de zorgcentrumbewoners naar andere locaties "
        "van de zorgorganisatie."
    ),
    "arrangements": (
        "Het IAC zit in buurthuis De Ringvaart (ma–vr 9–17 uur) en is bereikbaar op "
        "14 023. Huisbezoeken voor wie slecht ter been is. Wekelijks een nieuwsbrief."
    ),
    "risks": "Onrust over de oorzaak; media-aandacht rond de herdenking.",
}


def iac_households(n: int, seed: int) -> list[dict[str, object]]:
    """Households for the IAC: name, contact, address, mobility, consent, themes."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for _ in range(n):
        street, postcode, first, last, _lat, _lon = rng.choice(HAARLEM_STREETS)
        surname = _surname(rng)
        has_mail = rng.random() < 0.65
        out.append(
            {
                "household_name": f"Fam. {surname}",
                "phone": _phone(rng),
                "email": _mail(f"{rng.choice(GIVEN_NAMES)} {surname}", rng) if has_mail else "",
                "street": street,
                "postcode": postcode,
                "house": str(rng.randrange(first, last + 1)),
                "city": "Haarlem",
                "limited_mobility": rng.random() < 0.2,
                "newsletter_consent": rng.random() < 0.85,
                "themes": rng.sample(list(IAC_QUESTIONS), k=rng.choice([1, 1, 2, 3])),
            }
        )
    return out
