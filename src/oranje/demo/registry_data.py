"""Who is in the registry exercise, and what their relatives ask: plain data, seeded.

A fire in care home De Spaarnehof in Haarlem (62 residents) and the flats beside it (78
residents): 140 affected persons. The police list brings 2 deceased, the
hospital list of Spaarne Gasthuis 23 patients, the two shelter desks the other 115 — and 5 of
those again at the other desk, with the small differences of a registration in haste.

Relatives ask as relatives do (DOMAIN.md §7): by nickname (Hans for Johannes, Kees for
Cornelis, Bep for Elisabeth), with the wrong prefix (van de for van der), by the married
name of a woman registered under her own, with day and month swapped, with a typo, with an
age instead of a date of birth. Some ask about neighbours who were never registered.

Times are minutes after the start of the fire; the builder turns them into moments.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from oranje.demo.names import GIVEN_NAMES, SURNAMES

SEED = 2035
CITY = "Haarlem"
CARE_HOME = "Zorgcentrum De Spaarnehof"
CARE_STREET, CARE_NUMBER, CARE_POSTCODE = "Spaarnehoflaan", 1, "2035 KB"
FLATS_STREET, FLATS_POSTCODE = "Spaarnehoflaan", "2035 KC"
DESKS = {
    "desk_a": "Opvang Sporthal Schalkwijk",
    "desk_b": "Opvang Wijkcentrum De Ringvaart",
}
HOSPITAL = "Spaarne Gasthuis Haarlem Zuid"
CARE_RESIDENTS = 62
FLAT_RESIDENTS = 78
HOSPITAL_ROWS = 23
DECEASED = 2
DOUBLE_REGISTRATIONS = 5
INQUIRIES = 400
NEVER_REGISTERED = 25
#: When the lists arrive (minutes after the start).
HOSPITAL_LIST_AT = 125
POLICE_LIST_AT = 170
#: The exercise runs for four hours when it is built.
NOW = 240

#: Formal given names of the older residents and the names their families use (every
#: nickname here is in the matching engine's given-name groups).
OLD_MEN = {
    "Johannes": ["Hans", "Jan", "Johan"],
    "Cornelis": ["Kees", "Cor"],
    "Hendrikus": ["Henk", "Hennie"],
    "Petrus": ["Piet"],
    "Jacobus": ["Koos", "Jaap"],
    "Wilhelmus": ["Wim", "Willem"],
    "Gerardus": ["Gerard", "Gerrit"],
    "Adrianus": ["Arie", "Aad"],
    "Antonius": ["Toon", "Ton"],
    "Theodorus": ["Theo"],
    "Nicolaas": ["Klaas", "Nico"],
}
OLD_WOMEN = {
    "Elisabeth": ["Bep", "Els", "Lies"],
    "Wilhelmina": ["Mien", "Willy"],
    "Cornelia": ["Corrie", "Nel"],
    "Johanna": ["Jo", "Annie", "Jannie"],
    "Maria": ["Mies", "Ria"],
    "Catharina": ["Tineke", "Trees"],
    "Hendrika": ["Riek", "Henny"],
    "Geertruida": ["Truus", "Trudy"],
    "Jacoba": ["Coby"],
    "Margaretha": ["Greet", "Grietje"],
    "Adriana": ["Sjaan", "Adrie"],
}
YOUNG_MEN = ["Daan", "Sem", "Lucas", "Bram", "Thijs", "Youssef", "Mohamed", "Jeroen", "Niels"]
YOUNG_WOMEN = ["Emma", "Julia", "Sophie", "Noor", "Fatima", "Lotte", "Sanne", "Eva", "Zeynep"]
#: Given names of the demo that read as male; the rest of GIVEN_NAMES are used for women.
_MALE_DEMO = {
    "Bas",
    "Daan",
    "Frank",
    "Hans",
    "Jeroen",
    "Lars",
    "Niels",
    "Pieter",
    "Quinten",
    "Sander",
    "Vincent",
    "Youssef",
    "Bram",
    "Dirk",
    "Gijs",
    "Ivo",
    "Koen",
    "Mohamed",
    "Okke",
    "Rik",
    "Thijs",
    "Erik",
    "Jan",
    "Roel",
    "Arjen",
}
#: What a caller is to the person sought, by the caller's sex.
RELATIONS = {
    True: ["zoon", "kleinzoon", "schoonzoon", "neef", "broer", "buurman"],
    False: ["dochter", "kleindochter", "schoondochter", "nicht", "zus", "buurvrouw"],
}
#: van der <-> van de <-> van den: what a caller gets wrong.
_PREFIX_SLIPS = {
    "van der": "van de",
    "van den": "van der",
    "van de": "van der",
    "de": "van de",
    "van": "van der",
}


@dataclass
class Resident:
    key: str
    given: str
    prefix: str
    surname: str
    sex: str
    born: dt.date
    number: int
    addition: str
    postcode: str
    care_home: bool
    phone: str = ""
    name_use: str = "E"
    partner_prefix: str = ""
    partner_surname: str = ""
    #: desk_a, desk_b, hospital or police
    source: str = "desk_a"
    status: str = "unharmed"
    whereabouts: str = "shelter"
    place: str = ""
    at: int = 0
    consent: bool = True
    #: For a double registration: the key of the first one.
    double_of: str = ""
    #: Later news about this person (minutes, status, whereabouts, place, note).
    later: list[tuple[int, str, str, str, str]] = field(default_factory=list)

    @property
    def street(self) -> str:
        return CARE_STREET if self.care_home else FLATS_STREET

    def age(self) -> int:
        today = dt.date(2026, 6, 1)
        return (
            today.year
            - self.born.year
            - ((today.month, today.day) < (self.born.month, self.born.day))
        )


@dataclass
class Asked:
    """One relative's inquiry: what they said, who they are, when they called."""

    about: str | None  # a resident's key, None for someone never registered
    given: str
    prefix: str
    surname: str
    birth: tuple[int | None, int | None, int | None]
    age: int | None
    sex: str
    postcode: str
    number: int | None
    caller: str
    caller_phone: str
    relation: str
    at: int
    errors: list[str]
    reduced_self_reliance: bool = False
    is_child: bool = False
    medical_need: bool = False


def _date(rng: random.Random, first: int, last: int) -> dt.date:
    return dt.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def _phone(rng: random.Random) -> str:
    return f"06{rng.randint(10_000_000, 69_999_999)}"


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 2)
    if rng.random() < 0.5:  # two letters swapped
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i + 1 :]  # one letter dropped


def residents(rng: random.Random) -> list[Resident]:
    """The 140 people of the care home and the flats, each with where they were registered."""
    people: list[Resident] = []
    for n in range(CARE_RESIDENTS):
        male = rng.random() < 0.35
        formal = rng.choice(sorted(OLD_MEN if male else OLD_WOMEN))
        second = rng.choice(sorted(OLD_MEN if male else OLD_WOMEN))
        given = formal if rng.random() < 0.5 or second == formal else f"{formal} {second}"
        prefix, surname = rng.choice(SURNAMES)
        person = Resident(
            key=f"z{n}",
            given=given,
            prefix=prefix,
            surname=surname,
            sex="M" if male else "V",
            born=_date(rng, 1926, 1950),
            number=CARE_NUMBER,
            addition=f"K{n + 1:02d}",
            postcode=CARE_POSTCODE,
            care_home=True,
        )
        if not male and rng.random() < 0.6:  # a widow, known by her late husband's name
            person.partner_prefix, person.partner_surname = rng.choice(SURNAMES)
            person.name_use = rng.choice(["V", "P"])
        people.append(person)
    number = 3
    flat_people: list[Resident] = []
    h = 0
    while len(flat_people) < FLAT_RESIDENTS:
        prefix, surname = rng.choice(SURNAMES)
        adults_born = _date(rng, 1945, 1998)
        size = 1 if h < 6 else rng.choice([2, 2, 3, 4] if adults_born.year > 1975 else [2])
        size = min(size, FLAT_RESIDENTS - len(flat_people))
        phone = _phone(rng)
        for m in range(size):
            if m == 0:
                male = rng.random() < 0.5
                born = adults_born
            elif m == 1:
                male = flat_people[-1].sex != "M"
                born = _date(rng, adults_born.year - 4, min(adults_born.year + 4, 2000))
            else:
                male = rng.random() < 0.5
                born = _date(rng, adults_born.year + 24, min(adults_born.year + 42, 2025))
            if born.year >= 1975:
                given = rng.choice(YOUNG_MEN if male else YOUNG_WOMEN)
            elif rng.random() < 0.5:
                given = rng.choice(sorted(OLD_MEN if male else OLD_WOMEN))
            else:
                given = rng.choice([g for g in GIVEN_NAMES if (g in _MALE_DEMO) == male])
            person = Resident(
                key=f"f{h}-{m}",
                given=given,
                prefix=prefix,
                surname=surname,
                sex="M" if male else "V",
                born=born,
                number=number,
                addition="",
                postcode=FLATS_POSTCODE,
                care_home=False,
                phone=phone if m < 2 else "",
            )
            if m == 1 and not male:  # the wife keeps her own name, uses his with it
                person.prefix, person.surname = rng.choice(SURNAMES)
                person.partner_prefix, person.partner_surname = prefix, surname
                person.name_use = rng.choice(["V", "N", "P"])
            flat_people.append(person)
        number += 2
        h += 1
    people.extend(flat_people)
    _assign_sources(rng, people)
    return people


def household_of(person: Resident) -> str:
    """The household a resident belongs to: a care-home room, or a flat's family."""
    return person.key if person.care_home else person.key.split("-")[0]


def _assign_sources(rng: random.Random, people: list[Resident]) -> None:
    care = [p for p in people if p.care_home]
    flats = [p for p in people if not p.care_home]
    for person in care[:DECEASED]:
        person.source, person.status, person.whereabouts = "police", "deceased", "elsewhere"
        person.place, person.at, person.consent = "", POLICE_LIST_AT, False
    patients = care[DECEASED : DECEASED + 17] + flats[::13][: HOSPITAL_ROWS - 17]
    for person in patients:
        person.source, person.status, person.whereabouts = "hospital", "hospitalised", "hospital"
        person.place, person.at = HOSPITAL, HOSPITAL_LIST_AT
    arrived: dict[str, int] = {}
    for n, person in enumerate(p for p in people if p.source == "desk_a"):
        if person in patients or person.source == "police":
            continue
        # A household comes to the desk together: its first member's turn for all of them.
        first = arrived.setdefault(household_of(person), n)
        person.source = "desk_a" if first % 2 == 0 else "desk_b"
        person.place = DESKS[person.source]
        person.at = 35 + (first * 113) % 120
        person.status = "injured" if rng.random() < 0.1 else "unharmed"
        person.consent = rng.random() < 0.9
    sheltered = [p for p in people if p.source.startswith("desk")]
    for person in sheltered[3::19][:6]:  # picked up by family later
        person.later.append(
            (person.at + 60, "unharmed", "elsewhere", "bij familie", "Opgehaald door familie")
        )


def double_registrations(rng: random.Random, people: list[Resident]) -> list[Resident]:
    """Five people registered again at the other desk, in haste."""
    again = []
    sheltered = [p for p in people if p.source.startswith("desk") and not p.later]
    for n, first in enumerate(sheltered[7::21][:DOUBLE_REGISTRATIONS]):
        other = "desk_b" if first.source == "desk_a" else "desk_a"
        second = Resident(**{**first.__dict__, "later": []})
        second.key, second.double_of, second.source = f"{first.key}-2", first.key, other
        second.place, second.at = DESKS[other], first.at + 15 + n * 4
        variation = n % 5
        if variation == 0:
            second.surname = _typo(rng, first.surname)
        elif variation == 1 and first.born.day <= 12:
            second.born = dt.date(first.born.year, first.born.day, first.born.month)
        elif variation == 2:
            second.given = first.given.split()[0]
            second.addition = ""
        elif variation == 3:
            second.given = _typo(rng, first.given.split()[0])
        else:
            second.phone, second.number, second.postcode = "", 0, ""
        again.append(second)
    return again


def _spoken_name(rng: random.Random, person: Resident, errors: list[str]) -> tuple[str, str, str]:
    first = person.given.split()[0]
    nicknames = OLD_MEN.get(first) or OLD_WOMEN.get(first)
    given = person.given if rng.random() < 0.3 else first
    if nicknames and rng.random() < 0.55:
        given = rng.choice(nicknames)
        errors.append("nickname")
    prefix, surname = person.prefix, person.surname
    if person.partner_surname and person.name_use in ("P", "V") and rng.random() < 0.6:
        prefix, surname = person.partner_prefix, person.partner_surname
        errors.append("married name")
    if prefix in _PREFIX_SLIPS and rng.random() < 0.35:
        prefix = _PREFIX_SLIPS[prefix]
        errors.append("prefix")
    if rng.random() < 0.1:
        surname = _typo(rng, surname)
        errors.append("typo")
    return given, prefix, surname


def _ask(rng: random.Random, person: Resident, at: int, about: str | None) -> Asked:
    errors: list[str] = []
    given, prefix, surname = _spoken_name(rng, person, errors)
    born = person.born
    birth: tuple[int | None, int | None, int | None] = (born.year, born.month, born.day)
    age = None
    roll = rng.random()
    if roll < 0.18:
        birth, age = (None, None, None), person.age() + rng.choice([-1, 0, 0, 1])
        errors.append("age instead of birth date")
    elif roll < 0.26 and born.day <= 12 and born.day != born.month:
        birth = (born.year, born.day, born.month)
        errors.append("day and month swapped")
    elif roll < 0.34:
        birth = (born.year, None, None)
    caller_prefix, caller_surname = rng.choice(
        [(person.prefix, person.surname), rng.choice(SURNAMES)]
    )
    caller_given = rng.choice(GIVEN_NAMES)
    caller_male = caller_given in _MALE_DEMO
    caller = " ".join(p for p in (caller_given, caller_prefix, caller_surname) if p)
    knows_address = rng.random() < (0.6 if person.care_home else 0.4)
    child = person.age() < 12
    return Asked(
        about=about,
        given=given,
        prefix=prefix,
        surname=surname,
        birth=birth,
        age=age,
        sex=person.sex if rng.random() < 0.8 else "O",
        postcode=person.postcode if knows_address else "",
        number=(person.number or None) if knows_address else None,
        caller=caller,
        caller_phone=_phone(rng),
        relation=("vader" if caller_male else "moeder")
        if child
        else rng.choice(RELATIONS[caller_male]),
        at=at,
        errors=errors,
        reduced_self_reliance=person.care_home,
        is_child=child,
        medical_need=person.care_home and rng.random() < 0.25,
    )


def inquiries(rng: random.Random, people: list[Resident]) -> list[Asked]:
    """400 inquiries: about every registered person at least once (the care home's residents
    more often), 2 about each deceased, 25 about neighbours nobody registered; by time."""
    living = [p for p in people if p.status != "deceased"]
    asked: list[Asked] = []
    for person in (p for p in people if p.status == "deceased"):
        for _ in range(2):
            asked.append(_ask(rng, person, rng.randint(40, 200), person.key))
    for n in range(NEVER_REGISTERED):
        # Someone from the flats who was not home: family of a registered resident, unknown.
        relative = rng.choice([p for p in living if not p.care_home])
        unknown = Resident(**{**relative.__dict__, "later": []})
        unknown.key = f"u{n}"
        unknown.given = rng.choice(YOUNG_MEN if n % 2 else YOUNG_WOMEN)
        unknown.born = _date(rng, 1960, 2010)
        unknown.sex = "M" if n % 2 else "V"
        asked.append(_ask(rng, unknown, rng.randint(50, NOW - 5), None))
    weights = [3 if p.care_home else 2 for p in living]
    about = list(living)
    while len(asked) + len(about) < INQUIRIES:
        about.append(rng.choices(living, weights)[0])
    for person in about:
        asked.append(_ask(rng, person, rng.randint(45, NOW - 3), person.key))
    asked.sort(key=lambda a: a.at)
    return asked[:INQUIRIES]


def exercise(seed: int = SEED) -> tuple[list[Resident], list[Resident], list[Asked]]:
    """(the 140 residents, the 5 second registrations, the 400 inquiries)."""
    rng = random.Random(seed)
    people = residents(rng)
    again = double_registrations(rng, people)
    return people, again, inquiries(rng, people)
