"""A seeded Dutch synthetic set for the matching engine.

Households share an address: a couple (the woman often registered under a double name,
"Jansen-de Vries"), their children, sometimes twins, sometimes a son named after his father.
About four in five people are registered, in haste: typos, day and month swapped, a digit off,
no address. Relatives then ask about people, with the names they use (Hans for Johannes),
partial or no birth dates, prefixes in any spelling, often no address — and some ask about a
family member who was never registered (a sibling of someone who was).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import string
from dataclasses import replace

from oranje.demo.names import SURNAMES as DEMO_SURNAMES
from oranje.matching.engine import Record
from oranje.matching.normalize import given_name_groups

# The demo's surnames, and a few more with prefixes and rarer names.
SURNAMES = [
    *DEMO_SURNAMES,
    ("", "Oosterhuis"),
    ("in 't", "Veld"),
    ("ter", "Horst"),
    ("van 't", "Hof"),
    ("", "Wijnands"),
    ("", "Claassen"),
    ("", "Schipper"),
    ("", "Timmermans"),
]
MALE = [
    "Johannes Petrus",
    "Cornelis",
    "Hendrikus",
    "Jacobus",
    "Wilhelmus",
    "Petrus Johannes",
    "Gerardus",
    "Adrianus",
    "Antonius",
    "Theodorus",
    "Nicolaas",
    "Martinus",
    "Mohammed",
    "Youssef",
    "Ahmed",
    "Daan",
    "Sem",
    "Lucas",
    "Levi",
    "Finn",
    "Noah",
    "Bram",
    "Thijs",
    "Ruben",
    "Jesse",
    "Lars",
    "Stijn",
    "Mustafa",
]
FEMALE = [
    "Johanna Maria",
    "Wilhelmina",
    "Cornelia",
    "Maria",
    "Anna",
    "Catharina",
    "Elisabeth",
    "Hendrika",
    "Geertruida",
    "Jacoba",
    "Margaretha",
    "Fatima",
    "Khadija",
    "Emma",
    "Julia",
    "Sophie",
    "Tess",
    "Anna",
    "Lotte",
    "Sanne",
    "Eva",
    "Noor",
    "Lisa",
    "Fleur",
    "Zoë",
    "Sara",
    "Saar",
]
STREETS = [
    "Dorpsstraat",
    "Kerkstraat",
    "Rijksstraatweg",
    "Wijkeroogstraat",
    "Lange Nieuwstraat",
    "Zeeweg",
    "Heemskerkerweg",
    "Velserduinweg",
    "Stationsweg",
    "Marktplein",
    "Julianalaan",
    "Kennemerlaan",
]
CITIES = [
    "Velsen-Noord",
    "IJmuiden",
    "Beverwijk",
    "Haarlem",
    "Heemskerk",
    "Santpoort-Noord",
    "Zandvoort",
]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.choice("sdti")
    if kind == "s":
        return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]
    if kind == "d":
        return text[:i] + text[i + 1 :]
    if kind == "t":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice(string.ascii_lowercase) + text[i:]


def _nickname(rng: random.Random, given: str) -> str:
    first = given.split()[0].lower()
    options = sorted(
        {n for n, groups in given_name_groups().items() if first in groups and n != first}
    )
    return rng.choice(options).capitalize() if options else given.split()[0]


def _date(rng: random.Random, lo: int, hi: int) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


_ONSETS = [
    "b",
    "br",
    "d",
    "dr",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "kl",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "sch",
    "sl",
    "sm",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
    "ho",
    "ve",
    "wi",
]
_NUCLEI = ["a", "aa", "e", "ee", "i", "ie", "o", "oo", "u", "ui", "ij", "ou", "eu", "oe"]
_CODAS = ["", "k", "l", "n", "r", "s", "t", "ng", "rt", "ld", "nk", "st", "rk", "m"]
_ENDINGS = [
    "",
    "",
    "er",
    "ing",
    "ink",
    "man",
    "sma",
    "stra",
    "huis",
    "veld",
    "berg",
    "dijk",
    "hof",
    "kamp",
    "meijer",
    "link",
    "s",
    "sen",
    "de",
    "ma",
]


def _name_pool(rng: random.Random, size: int) -> list[str]:
    names: set[str] = set()
    while len(names) < size:
        syllables = "".join(
            rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
            for _ in range(rng.choice([1, 1, 2]))
        )
        names.add((syllables + rng.choice(_ENDINGS)).capitalize())
    return sorted(names)


def _zipf_chooser(rng: random.Random, items: list, exponent: float):  # type: ignore[no-untyped-def]
    """Draw items with weight 1/rank^exponent: a few very common names, a long tail."""
    shuffled = items[:]
    rng.shuffle(shuffled)
    cumulative = list(
        itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(len(shuffled)))
    )

    def choose():  # type: ignore[no-untyped-def]
        return shuffled[bisect.bisect(cumulative, rng.random() * cumulative[-1])]

    return choose


def generate(
    households: int, seed: int = 2026, *, diverse: bool = False
) -> tuple[list[Record], list[Record], dict[str, str | None]]:
    """(registry, inquiries, truth: inquiry id → person id or None for someone absent).

    `diverse`: names drawn Zipf-like from large pools (100,000 surnames, 4,000 given names), as
    in the real population. Without it the small pools above make name coincidences frequent:
    the harder test of precision.
    """
    rng = random.Random(seed)
    if diverse:
        pick_surname = _zipf_chooser(
            rng, SURNAMES * 20 + [("", s) for s in _name_pool(rng, 100_000)], 0.9
        )
        given_pool = _name_pool(rng, 4_000)
        pick_male = _zipf_chooser(rng, MALE * 5 + given_pool[:2000], 1.0)
        pick_female = _zipf_chooser(rng, FEMALE * 5 + given_pool[2000:], 1.0)
    else:

        def pick_surname():  # type: ignore[no-untyped-def]
            return rng.choice(SURNAMES)

        def pick_male():  # type: ignore[no-untyped-def]
            return rng.choice(MALE)

        def pick_female():  # type: ignore[no-untyped-def]
            return rng.choice(FEMALE)

    people: list[tuple[Record, int]] = []  # (true record, household)
    for h in range(households):
        prefix, surname = pick_surname()
        mother_prefix, mother_surname = pick_surname()
        postcode = f"{rng.randint(1000, 9999)} {rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}"
        address = {
            "street": rng.choice(STREETS),
            "house_number": f"{rng.randint(1, 250)}{rng.choice(['', '', '', 'a', '-2', ' bis'])}",
            "postcode": postcode,
            "city": rng.choice(CITIES),
        }
        father_given = pick_male()
        father_born = _date(rng, 1940, 1990)
        mother_born = _date(rng, father_born.year - 5, min(father_born.year + 5, 1995))
        phone = f"06{rng.randint(10000000, 59999999)}"
        members = [
            Record(
                f"p{h}-f",
                father_given,
                prefix,
                surname,
                father_born.isoformat(),
                "M",
                phone=phone,
                **address,
            ),
        ]
        mother_surname_used = rng.choice(
            [
                (mother_prefix, mother_surname),
                ("", f"{surname}-{mother_prefix + ' ' if mother_prefix else ''}{mother_surname}"),
            ]
        )
        members.append(
            Record(
                f"p{h}-m",
                pick_female(),
                mother_surname_used[0],
                mother_surname_used[1],
                mother_born.isoformat(),
                "V",
                **address,
            )
        )
        children = rng.choice([0, 1, 2, 2, 3, 4])
        twin_day = _date(rng, max(father_born.year + 20, 1965), 2024)
        for c in range(children):
            born = (
                twin_day
                if (c == 1 and rng.random() < 0.15)
                else _date(rng, max(father_born.year + 20, 1965), 2024)
            )
            male = rng.random() < 0.5
            given = (
                father_given
                if (male and c == 0 and rng.random() < 0.15)
                else (pick_male() if male else pick_female())
            )
            members.append(
                Record(
                    f"p{h}-c{c}",
                    given,
                    prefix,
                    surname,
                    born.isoformat(),
                    "M" if male else "V",
                    **address,
                )
            )
        people.extend((m, h) for m in members)

    registry: list[Record] = []
    registered: set[str] = set()
    for person, _h in people:
        if rng.random() < 0.8:
            registered.add(person.id)
            registry.append(_in_haste(rng, person))
    inquiries: list[Record] = []
    truth: dict[str, str | None] = {}
    by_household: dict[int, list[Record]] = {}
    for person, h in people:
        by_household.setdefault(h, []).append(person)
    n = 0
    for person, h in people:
        registered_family = any(m.id in registered for m in by_household[h] if m.id != person.id)
        if (person.id in registered and rng.random() < 0.5) or (
            person.id not in registered and registered_family and rng.random() < 0.7
        ):
            pass
        else:
            continue
        n += 1
        inquiry_id = f"q{n}"
        inquiries.append(_from_relative(rng, replace(person, id=inquiry_id)))
        truth[inquiry_id] = person.id if person.id in registered else None
    return registry, inquiries, truth


def _in_haste(rng: random.Random, person: Record) -> Record:
    changes: dict[str, str] = {}
    if rng.random() < 0.12:
        changes["surname"] = _typo(rng, person.surname)
    if rng.random() < 0.08:
        changes["given_names"] = _typo(rng, person.given_names)
    born = dt.date.fromisoformat(person.birth_date)
    roll = rng.random()
    if roll < 0.04 and born.day <= 12:
        changes["birth_date"] = f"{born.year:04d}-{born.day:02d}-{born.month:02d}"
    elif roll < 0.08:
        digits = list(born.strftime("%Y%m%d"))
        i = rng.choice([2, 3, 7])
        digits[i] = str((int(digits[i]) + 1) % 10)
        text = "".join(digits)
        changes["birth_date"] = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if rng.random() < 0.15:
        changes.update(street="", house_number="", postcode="")
    if rng.random() < 0.5:
        changes["phone"] = ""
    if rng.random() < 0.2:
        changes["given_names"] = changes.get("given_names", person.given_names).split()[0]
    return replace(person, **changes)


def _from_relative(rng: random.Random, person: Record) -> Record:
    changes: dict[str, str] = {"phone": ""}
    if rng.random() < 0.4:
        changes["given_names"] = _nickname(rng, person.given_names)
    elif rng.random() < 0.5:
        changes["given_names"] = person.given_names.split()[0]
    roll = rng.random()
    if roll < 0.25:
        changes["birth_date"] = person.birth_date[:4]
    elif roll < 0.35:
        changes["birth_date"] = ""
    if "-" in person.surname and rng.random() < 0.6:
        half = rng.choice(person.surname.split("-"))
        changes["surname"] = half
    if person.prefix and rng.random() < 0.5:
        style = rng.choice(["comma", "vd", "glued", "caps"])
        if style == "comma":
            changes.update(prefix="", surname=f"{person.surname}, {person.prefix}")
        elif style == "vd" and person.prefix.startswith("van d"):
            changes.update(prefix="", surname=f"vd {person.surname}")
        elif style == "glued":
            changes.update(
                prefix="", surname=(person.prefix + person.surname).replace(" ", "").capitalize()
            )
        else:
            changes.update(prefix=person.prefix.title())
    if rng.random() < 0.55:
        changes.update(street="", house_number="", postcode="")
    elif rng.random() < 0.5:
        changes["postcode"] = person.postcode.replace(" ", "").lower()
    if rng.random() < 0.3:
        changes["sex"] = ""
    if rng.random() < 0.04:
        changes["given_names"], changes["surname"], changes["prefix"] = (
            person.surname,
            person.given_names.split()[0],
            "",
        )
    return replace(person, **changes)


def double_registrations(
    registry: list[Record], count: int, seed: int = 99
) -> tuple[list[Record], set[tuple[str, str]]]:
    """`count` people registered a second time, again in haste (at another reception
    centre, say): the new records and the (first, second) id pairs."""
    rng = random.Random(seed)
    again = []
    pairs = set()
    for person in rng.sample(registry, len(registry)):
        if len(again) == count:
            break
        try:
            second = replace(_in_haste(rng, person), id=f"{person.id}-2")
        except ValueError:  # the first registration already has an impossible date
            continue
        again.append(second)
        pairs.add((person.id, second.id))
    return again, pairs
