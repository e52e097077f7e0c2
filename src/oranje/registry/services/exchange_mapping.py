"""PFIF 1.4 records as Oranje's data: a person record as person details (names split the
Dutch way, partial birth dates, Dutch postcodes; what Oranje has no field for goes to the
note), and what status a received note gives (see services/exchange_import.py)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from oranje.matching.normalize import fold, prefixes
from oranje.registry import pfif
from oranje.registry.constants import (
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    Sex,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.models import PfifNote
from oranje.registry.services.persons import PersonData, StatusData
from oranje.registry.validation import parse_birth, parse_postcode

#: Oranje's status -> PFIF's note status (unknown has none; deceased is never exported).
EXPORT_STATUS = {
    Status.UNHARMED: "believed_alive",
    Status.INJURED: "believed_alive",
    Status.HOSPITALISED: "believed_alive",
    Status.MISSING: "believed_missing",
    Status.DECEASED: "believed_dead",
}
#: The first line of an exported status note: what another Oranje reads back exactly.
MARK_PREFIX = "oranje:"
_MARK = re.compile(rf"^{MARK_PREFIX}status=([a-z_]+)(?:;where=([a-z_]+))?$")
IMPORT_SEX = {"male": Sex.MALE, "female": Sex.FEMALE, "other": Sex.OTHER}
ALIVE = {Status.UNHARMED, Status.INJURED, Status.HOSPITALISED}
AGE_MAX = 130


# Names and details ----------------------------------------------------------------------


def _split_family(family: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'): a Dutch prefix (tussenvoegsel) split off."""
    words = family.split()
    folded = [fold(w) for w in words]
    for candidate in prefixes():
        n = len(candidate)
        if len(words) > n and tuple(folded[:n]) == candidate:
            prefix = " ".join(words[:n])
            if len(prefix) <= PREFIX_MAX:
                return prefix, " ".join(words[n:])
    return "", family.strip()


def _split_full(full: str) -> tuple[str, str, str]:
    """'Johannes de Vries' -> ('Johannes', 'de', 'Vries'); the first name if several."""
    words = full.splitlines()[0].split() if full.strip() else []
    if len(words) < 2:
        return "", "", " ".join(words)
    folded = [fold(w) for w in words]
    for start in range(1, len(words) - 1):
        for candidate in prefixes():
            n = len(candidate)
            if start + n < len(words) and tuple(folded[start : start + n]) == candidate:
                prefix = " ".join(words[start : start + n])
                if len(prefix) <= PREFIX_MAX:
                    return " ".join(words[:start]), prefix, " ".join(words[start + n :])
    return " ".join(words[:-1]), "", words[-1]


def _age(text: str) -> int | None:
    if not text:
        return None
    low, _sep, high = text.partition("-")
    return (int(low) + int(high or low)) // 2


def person_data(values: dict[str, str], label: str, problems: list[pfif.Problem]) -> PersonData:
    """A PFIF person record as Oranje's person details; faults go to `problems`."""
    given, family = values.get("given_name", ""), values.get("family_name", "")
    if given or family:
        prefix, surname = _split_family(family)
    else:
        given, prefix, surname = _split_full(values.get("full_name", ""))
    for name, value in (("given_name", given), ("family_name", surname)):
        if len(value) > NAME_MAX:
            problems.append(
                pfif.Problem(label, name, _("longer than %(max)s characters.") % {"max": NAME_MAX})
            )
    if not (given or surname):
        problems.append(pfif.Problem(label, "full_name", _("no name to register.")))
    year = month = day = None
    try:
        birth = parse_birth(values.get("date_of_birth", ""), field="date_of_birth")
        year, month, day = birth.year, birth.month, birth.day
    except ValidationError as exc:
        problems.append(pfif.Problem(label, "date_of_birth", " ".join(exc.messages)))
    age = _age(values.get("age", ""))
    if age is not None and age > AGE_MAX:
        problems.append(
            pfif.Problem(label, "age", _("older than %(max)s years.") % {"max": AGE_MAX})
        )
        age = None
    extras = []
    country = values.get("home_country", "")
    postcode = ""
    raw_postcode = values.get("home_postal_code", "")
    if raw_postcode and country in ("", "NL"):
        try:
            postcode = parse_postcode(raw_postcode)
        except ValidationError:
            extras.append(f"PFIF home_postal_code: {raw_postcode}")
    elif raw_postcode:
        extras.append(f"PFIF home_postal_code: {raw_postcode}")
    for name in ("home_street", "home_city"):
        if len(values.get(name, "")) > NAME_MAX:
            problems.append(
                pfif.Problem(label, name, _("longer than %(max)s characters.") % {"max": NAME_MAX})
            )
    if country and country != "NL":
        extras.append(f"PFIF home_country: {country}")
    for name in (
        "alternate_names",
        "description",
        "home_neighborhood",
        "home_state",
        "photo_url",
        "profile_urls",
    ):
        if values.get(name):
            extras.append(f"PFIF {name}: {' / '.join(values[name].splitlines())}")
    return PersonData(
        given_names=given[:NAME_MAX],
        prefix=prefix,
        surname=surname[:NAME_MAX],
        birth_year=year,
        birth_month=month,
        birth_day=day,
        age_estimate=age,
        sex=IMPORT_SEX.get(values.get("sex", ""), Sex.UNKNOWN),
        postcode=postcode,
        street=values.get("home_street", "")[:NAME_MAX],
        city=values.get("home_city", "")[:NAME_MAX],
        note="\n".join(extras)[:TEXT_MAX],
    )


# What a note says -----------------------------------------------------------------------


def _marked(note: PfifNote) -> StatusData | None:
    """The exact status another Oranje wrote on the note's first line, if it is one and it
    agrees with the note's PFIF status."""
    first = note.text.split("\n", 1)[0].strip()
    match = _MARK.match(first)
    if match is None or match.group(1) not in Status.values:
        return None
    status = Status(match.group(1))
    where = match.group(2) or Whereabouts.UNKNOWN
    if where not in Whereabouts.values or EXPORT_STATUS.get(status, "") != note.status:
        return None
    place = note.last_known_location if where != Whereabouts.UNKNOWN else ""
    if place and place == str(Whereabouts(where).label):
        place = ""
    data = StatusData(
        status=status, whereabouts=where, place=place, source=Source.PFIF, source_at=note.source_at
    )
    try:
        data.check()
    except ValidationError:
        return None
    return data


def status_of(note: PfifNote, *, merged: bool, then: str | None) -> StatusData | None:
    """What status entry a received note becomes (None: it stays a note). `then` is the
    person's status at the note's source time (None: no report before it); a merged person
    takes no new status (it goes to the kept person)."""
    if merged:
        return None
    marked = _marked(note)
    if marked is not None:
        return marked
    where = Whereabouts.ELSEWHERE if note.last_known_location else Whereabouts.UNKNOWN
    place = note.last_known_location
    if note.status == "believed_missing":
        status = Status.MISSING
    elif note.status == "believed_dead":
        status = Status.DECEASED
    elif note.status in ("believed_alive", "is_note_author"):
        if then in ALIVE:
            return None
        status = Status.UNKNOWN
    else:
        return None
    return StatusData(
        status=status, whereabouts=where, place=place, source=Source.PFIF, source_at=note.source_at
    )
