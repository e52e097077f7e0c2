"""The care room's demo data, plain and seeded: Kennemerland's shelter locations, what the
guests of the care-home fire need, the supplies asked for, and the list of 60 vulnerable
residents in and around Velsen-Noord (of whom the gas outage's area holds 18).

Names, addresses and phone numbers are made up; streets and places are real enough to read
as Kennemerland. Dates are days from the day the demo is built.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from oranje.demo.names import GIVEN_NAMES, SURNAMES
from oranje.demo.registry_data import OLD_MEN, OLD_WOMEN


@dataclass(frozen=True)
class Place:
    """A pre-agreed shelter location of a municipality."""

    municipality: str
    code: str
    name: str
    kind: str
    street: str
    number: int
    postcode: str
    city: str
    lat: str
    lon: str
    day: int
    night: int
    facilities: frozenset[str]
    owner: str
    contacts: tuple[tuple[str, str, str], ...]
    #: days from today the agreement runs (None: open-ended)
    agreement_days: int | None = 730
    #: days from today the location is unavailable (None: available)
    unavailable_days: int | None = None
    note: str = ""


ALL = frozenset({"kitchen", "showers", "wheelchair", "medical_room", "power_backup"})
HALL = frozenset({"showers", "wheelchair", "power_backup"})
CENTRE = frozenset({"kitchen", "wheelchair"})

PLACES = [
    Place("Haarlem", "HLM-SH-SCHALKWIJK", "Sporthal Schalkwijk", "sports_hall", "Europaweg",
          40, "2036AX", "Haarlem", "52.360500", "4.659500", 150, 120, HALL | {"pets", "kitchen"},
          "SRO Sport Haarlem",
          (("Karin Bos", "beheerder sporthal", "0612004471"),
           ("Erwin de Ruiter", "sleutelhouder", "0638812090"))),
    Place("Haarlem", "HLM-WC-RINGVAART", "Wijkcentrum De Ringvaart", "community_centre",
          "Floris van Adrichemlaan", 120, "2035VD", "Haarlem", "52.366000", "4.662000", 40, 30,
          CENTRE, "Stichting Wijkwerk Schalkwijk",
          (("Hanneke Dijkstra", "coördinator wijkcentrum", "0624471803"),),
          agreement_days=24, note="Geen huisdieren; één verdieping zonder lift."),
    Place("Haarlem", "HLM-SC-NOORD", "Sportcentrum Haarlem-Noord", "sports_hall",
          "Planetenlaan", 4, "2024EN", "Haarlem", "52.397200", "4.645100", 200, 150, HALL,
          "SRO Sport Haarlem", (("Mustafa Yilmaz", "beheerder", "0645530219"),),
          unavailable_days=31, note="Vloer wordt vervangen."),
    Place("Haarlem", "HLM-HOTEL-ZUID", "Hotel Haarlem Zuid", "hotel", "Toekanweg", 2,
          "2035LC", "Haarlem", "52.354100", "4.659200", 60, 60, ALL - {"medical_room"},
          "Hotel Haarlem Zuid B.V.",
          (("Ingrid Vermeulen", "receptie (24 uur)", "0611209934"),
           ("Tom Hendriks", "bedrijfsleider", "0687712046"))),
    Place("Velsen", "VLS-BH-DESTEK", "Buurthuis De Stek", "community_centre",
          "Wijkerstraatweg", 162, "1951EK", "Velsen-Noord", "52.472900", "4.643100", 80, 0,
          CENTRE | {"power_backup"}, "Gemeente Velsen",
          (("Ans Kramer", "beheerder buurthuis", "0623360718"),),
          note="Informatiepunt bij de gasstoring; geen slaapplaatsen."),
    Place("Velsen", "VLS-SH-ZUIDERKRUIS", "Sporthal Zuiderkruis", "sports_hall",
          "Planetenweg", 25, "1973PB", "IJmuiden", "52.456800", "4.617400", 180, 140, HALL,
          "Sportbedrijf Velsen", (("Rob Verhoeven", "hal-beheerder", "0652281947"),),
          agreement_days=52),
    Place("Velsen", "VLS-HOTEL-IJMOND", "Hotel IJmond", "hotel", "Stationsweg", 3,
          "1951BA", "Velsen-Noord", "52.477800", "4.652600", 30, 30, ALL - {"medical_room"},
          "IJmond Hospitality", (("Linda Koster", "receptie", "0634420871"),)),
    Place("Beverwijk", "BVW-SH-DEKUENEN", "Sporthal De Kuenen", "sports_hall", "Kuenenlaan",
          9, "1942JH", "Beverwijk", "52.483900", "4.659700", 160, 120, HALL,
          "Sportbedrijf Beverwijk", (("Freek van Leeuwen", "beheerder", "0615590042"),)),
    Place("Beverwijk", "BVW-KERK-AGATHA", "Wijkcentrum St.-Agatha", "church",
          "Breestraat", 48, "1941EH", "Beverwijk", "52.487300", "4.657000", 70, 20,
          frozenset({"kitchen"}), "Parochie St.-Agatha",
          (("Bernadette Smit", "koster", "0621178830"),)),
    Place("Heemskerk", "HMK-SH-VLIEGVELD", "Sporthal Vliegveld", "sports_hall",
          "Vliegveldlaan", 2, "1961LK", "Heemskerk", "52.511300", "4.669900", 140, 100, HALL,
          "Gemeente Heemskerk", (("Jeroen Schouten", "sleutelhouder", "0649963025"),)),
    Place("Heemskerk", "HMK-DP-DECIRKEL", "Dorpshuis De Cirkel", "community_centre",
          "Maerelaan", 21, "1963GE", "Heemskerk", "52.506200", "4.675300", 90, 40, CENTRE,
          "Stichting De Cirkel", (("Wendy Prins", "beheerder", "0677015586"),)),
    Place("Zandvoort", "ZVT-SH-PELLIKAAN", "Sporthal Pellikaan", "sports_hall",
          "Duintjesveldweg", 3, "2041JA", "Zandvoort", "52.369400", "4.539900", 120, 90, HALL,
          "Gemeente Zandvoort", (("Nicole Peeters", "beheerder", "0630281469"),)),
    Place("Zandvoort", "ZVT-GH-CENTRUM", "Gemeenschapshuis Zandvoort", "community_centre",
          "Louis Davidsstraat", 17, "2042LM", "Zandvoort", "52.372600", "4.531800", 60, 0,
          CENTRE, "Gemeente Zandvoort", (("Youssef El Idrissi", "beheerder", "0661472290"),),
          agreement_days=12),
    Place("Heemstede", "HST-SC-GROENENDAAL", "Sportcentrum Groenendaal", "sports_hall",
          "Sportparklaan", 14, "2103VR", "Heemstede", "52.350500", "4.615900", 130, 100,
          HALL | {"pets"}, "Sportfondsen Heemstede",
          (("Marco Willems", "bedrijfsleider", "0614490358"),)),
]  # fmt: skip

#: The fire's two shelters: (location code, minutes decided, minutes ready, day, night).
HAARLEM_SHELTERS = [
    ("HLM-SH-SCHALKWIJK", 12, 30, 150, 120),
    ("HLM-WC-RINGVAART", 12, 33, 40, 30),
]
#: The houses across the street, evacuated for the smoke: (given, year, sex) per household,
#: with the needs of the first one; they arrive last.
STREET, POSTCODE = "Spaarnehoflaan", "2035KD"
NEIGHBOURS: list[tuple[str, str, list[tuple[str, int]], dict[str, Any]]] = [
    ("", "Kaya", [("Murat", 1979), ("Elif", 1982), ("Emre", 2010), ("Defne", 2014)],
     {"language": "Turks", "interpreter": True, "diet": "halal"}),
    ("", "Mulder", [("Arjen", 1975), ("Petra", 1977), ("Lotte", 2005), ("Thijs", 2008)], {}),
    ("", "El Amrani", [("Youssef", 1984), ("Fatima", 1987), ("Noor", 2012), ("Sem", 2016)],
     {"diet": "halal"}),
    ("", "Nguyen", [("Linh", 1988), ("Minh", 1986), ("Bao", 2019)], {}),
    ("van", "Vliet", [("Koen", 1990), ("Sanne", 1991)], {"pets": "hond (labrador)"}),
    ("", "Bakker", [("Wim", 1950), ("Riek", 1952)],
     {"diet": "diabetisch", "medication": "insuline"}),
    ("", "Smit", [("Ruud", 1958), ("Marloes", 1960)], {}),
    ("de", "Wit", [("Gerda", 1941)], {"mobility_aid": "rollator", "medication": "bloedverdunners"}),
    ("", "Jansen", [("Tineke", 1967)], {"medication": "inhalator"}),
]  # fmt: skip
NEIGHBOURS_AT = 205

#: The flats' households that lost their home and need temporary housing: (resident key of
#: the first member, placed where, or "" when still looking).
HOUSING = [
    ("f7-0", "Vakantiewoning Parkrand, Bloemendaal (via Pré Wonen)"),
    ("f12-0", ""),
]
#: Households moved to the sports hall (a wheelchair needs the lift; the dog may not stay).
TRANSFERS = [(95, "wheelchair"), (118, "pets")]

#: The supplies list of the care-home fire: (minutes, shelter index, kind, quantity,
#: description, status, handler).
NEEDS = [
    (40, 0, "beds", 80, "Veldbedden voor de nacht", "done", "Rode Kruis Kennemerland"),
    (42, 0, "blankets", 150, "Dekens en kussens", "done", "Rode Kruis Kennemerland"),
    (55, None, "meals", 140, "Warme maaltijd 18.00 uur, 12 dieetmaaltijden", "in_progress",
     "Cateraar Spaarnestad"),
    (70, 1, "interpreter", 1, "Tolk Turks voor een gezin", "open", ""),
    (80, 0, "medication", None, "Medicatieoverzichten bewoners De Spaarnehof ophalen",
     "in_progress", "Apotheek Schalkwijk"),
    (92, 0, "transport", 2, "Rolstoeltaxi naar de sporthal", "done", "Connexxion Zorgvervoer"),
    (130, 0, "care", 4, "Verzorgenden voor de nacht (De Spaarnehof)", "open", ""),
    (150, 1, "other", 30, "Telefoonladers en verloopstekkers", "open", ""),
    (160, None, "beds", 20, "Extra veldbedden als de Ringvaart 's nachts open blijft",
     "cancelled", ""),
]  # fmt: skip

DIETS = ["diabetisch", "zoutarm", "glutenvrij", "halal", "vegetarisch", "gemalen voeding"]
MEDICATION = ["bloeddrukverlagers", "insuline", "bloedverdunners", "inhalator", "pijnstilling"]
AIDS = ["rollator", "rolstoel", "wandelstok"]
CARE_ORGANISATION = "Zorgcentrum De Spaarnehof (wijkverpleging Zorgbalans)"


@dataclass
class Vulnerable:
    ref: str
    name: str
    street: str
    number: int
    postcode: str
    city: str
    lat: float
    lon: float
    needs: set[str] = field(default_factory=set)
    note: str = ""
    phone: str = ""
    contact: str = ""


#: Streets by place: (street, postcode, city, box: (lat min, lat max, lon min, lon max)).
INSIDE_STREETS = [
    ("Wijkerstraatweg", "1951EC", "Velsen-Noord"),
    ("Stationsweg", "1951BB", "Velsen-Noord"),
    ("Doelmanstraat", "1951CH", "Velsen-Noord"),
    ("Heirweg", "1951GT", "Velsen-Noord"),
    ("Pontweg", "1951JE", "Velsen-Noord"),
    ("Hagelingerweg", "1951AV", "Velsen-Noord"),
]
OUTSIDE_STREETS = [
    ("Beverwijkerstraatweg", "1941BA", "Beverwijk", (52.482, 52.492, 4.640, 4.668)),
    ("Zeestraat", "1942AS", "Beverwijk", (52.482, 52.492, 4.640, 4.668)),
    ("Kennemerlaan", "1972EG", "IJmuiden", (52.452, 52.462, 4.600, 4.625)),
    ("Lange Nieuwstraat", "1972GA", "IJmuiden", (52.452, 52.462, 4.600, 4.625)),
    ("Rijksweg", "1981LD", "Velsen-Zuid", (52.455, 52.462, 4.640, 4.660)),
    ("Grote Hout- of Koningsweg", "1951LA", "Velsen-Noord", (52.481, 52.486, 4.615, 4.635)),
]
ORGANISATIONS = [
    ("Zorgbalans wijkverpleging", "Team Velsen-Noord", "0235113300"),
    ("Viva! Zorggroep", "Thuiszorg IJmond", "0251292900"),
    ("Wijkteam Velsen", "Wijkteam Noord", "0255567200"),
]
NEED_NOTES = {
    "devices": ["zuurstofconcentrator", "thuisbeademing", "elektrisch hoog-laagbed"],
    "dementia": ["woont alleen, dementie", "dementie, mantelzorger overdag"],
    "mobility": ["rolstoel, woont op 2 hoog", "scootmobiel, slecht ter been"],
    "language": ["spreekt alleen Pools", "spreekt alleen Arabisch"],
}
SUPPLIER = "Zorgbalans en wijkteam Velsen (gezamenlijke lijst)"
#: The supplier's own column names (the list import guesses the mapping from them).
DELIVERY_HEADERS = (
    "Kenmerk", "Naam", "Straat", "Huisnummer", "Postcode", "Woonplaats", "Breedtegraad",
    "Lengtegraad", "Mobiliteit", "Zuurstof", "Dementie", "Taal", "Zorgbehoefte",
    "Organisatie", "Contactpersoon", "Telefoon",
)  # fmt: skip
NEED_COLUMNS = ("mobility", "devices", "dementia", "language")
INSIDE, OUTSIDE = 18, 42


def inside(polygon: list[list[float]], lat: float, lon: float) -> bool:
    """Ray casting: whether (lat, lon) lies within the polygon of [lat, lon] points."""
    result = False
    j = len(polygon) - 1
    for i, (lat_i, lon_i) in enumerate(polygon):
        lat_j, lon_j = polygon[j]
        if (lon_i > lon) != (lon_j > lon) and lat < (lat_j - lat_i) * (lon - lon_i) / (
            lon_j - lon_i
        ) + lat_i:
            result = not result
        j = i
    return result


def vulnerable_residents(area: list[list[float]], seed: int = 1951) -> list[Vulnerable]:
    """60 people: 18 inside the incident's area (by their coordinates), 42 outside it."""
    rng = random.Random(seed)
    lats = [p[0] for p in area]
    lons = [p[1] for p in area]
    people: list[Vulnerable] = []

    def name() -> str:
        given = rng.choice(sorted(OLD_MEN) + sorted(OLD_WOMEN) + list(GIVEN_NAMES[:12]))
        prefix, surname = rng.choice(SURNAMES)
        return " ".join(p for p in (given, prefix, surname) if p)

    def person(n: int, street: str, postcode: str, city: str, lat: float, lon: float) -> None:
        kinds = rng.sample(sorted(NEED_NOTES), k=1 if rng.random() < 0.75 else 2)
        org, contact, phone = ORGANISATIONS[n % len(ORGANISATIONS)]
        people.append(
            Vulnerable(
                ref=f"ZB-{70311 + n * 13}",
                name=name(),
                street=street,
                number=rng.randint(1, 240),
                postcode=postcode,
                city=city,
                lat=round(lat, 6),
                lon=round(lon, 6),
                needs=set(kinds),
                note="; ".join(rng.choice(NEED_NOTES[k]) for k in kinds),
                phone=f"06{rng.randint(10_000_000, 69_999_999)}",
                contact=f"{org}, {contact} ({phone})",
            )
        )

    while len(people) < INSIDE:
        lat = rng.uniform(min(lats), max(lats))
        lon = rng.uniform(min(lons), max(lons))
        if inside(area, lat, lon):
            street, postcode, city = INSIDE_STREETS[len(people) % len(INSIDE_STREETS)]
            person(len(people), street, postcode, city, lat, lon)
    while len(people) < INSIDE + OUTSIDE:
        street, postcode, city, box = OUTSIDE_STREETS[len(people) % len(OUTSIDE_STREETS)]
        lat, lon = rng.uniform(box[0], box[1]), rng.uniform(box[2], box[3])
        if not inside(area, lat, lon):
            person(len(people), street, postcode, city, lat, lon)
    return people


#: The worklist of the 18 inside: how far the round along the doors got, in order of the
#: list (state, minutes after the start, note).
WORKLIST = (
    [("fine", 70 + 6 * n, "Zelf elektrische kachel; dochter komt dagelijks.") for n in range(5)]
    + [("contacted", 95 + 5 * n, "Gebeld, niet thuis; morgen langs.") for n in range(3)]
    + [
        ("needs_help", 110, "Zuurstofconcentrator: stroom is er, maar het huis koelt af."),
        ("needs_help", 125, "Kookplaat nodig; kan zelf niet naar het informatiepunt."),
        ("evacuated", 140, "Met de rolstoeltaxi naar Hotel IJmond."),
    ]
)
