"""Records as registered or asked about, their prepared (normalised) form, and candidates."""

from __future__ import annotations

from dataclasses import dataclass, field

from oranje.matching.normalize import (
    BirthDate,
    Given,
    Surname,
    fold,
    house_number,
    parse_birth_date,
    phone,
    postcode,
    sex,
    split_given,
    split_surname,
    street,
)


@dataclass(frozen=True)
class Record:
    """One person as registered or as asked about. Only `id` is required."""

    id: str
    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_date: str = ""
    sex: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    #: An identity number where the source has one (the BSN in Dutch registries). Not part of
    #: the match-eval CSV format; available to callers of the library.
    id_number: str = ""


@dataclass(frozen=True, slots=True)
class Prepared:
    id: str
    given: Given
    surname: Surname
    swapped_given: Given  # the surname read as a given name (for swapped fields)
    swapped_surname: Surname
    birth: BirthDate
    sex: str
    street: str
    house: tuple[str, str]
    postcode: str
    city: str
    phone: str
    id_number: str
    raw_names: tuple[str, str, str]  # given names, prefix, surname as written

    def as_query(self) -> Prepared:
        """This record read as an inquiry: with the swapped reading of its names."""
        if self.swapped_given is not _NO_GIVEN:
            return self
        given, prefix, surname = self.raw_names
        return Prepared(  # not dataclasses.replace: this runs once per record in a batch
            self.id,
            self.given,
            self.surname,
            split_given(f"{prefix} {surname}".strip()),
            split_surname("", given),
            self.birth,
            self.sex,
            self.street,
            self.house,
            self.postcode,
            self.city,
            self.phone,
            self.id_number,
            self.raw_names,
        )


_NO_GIVEN = split_given("")
_NO_SURNAME = split_surname("", "")


def prepare(record: Record, *, query: bool = True) -> Prepared:
    """Normalise a record. Only inquiries need the swapped reading of their names."""
    return Prepared(
        id=record.id,
        given=split_given(record.given_names),
        surname=split_surname(record.prefix, record.surname),
        swapped_given=split_given(f"{record.prefix} {record.surname}".strip())
        if query
        else _NO_GIVEN,
        swapped_surname=split_surname("", record.given_names) if query else _NO_SURNAME,
        birth=parse_birth_date(record.birth_date),
        sex=sex(record.sex),
        street=street(record.street),
        house=house_number(record.house_number),
        postcode=postcode(record.postcode),
        city=fold(record.city),
        phone=phone(record.phone),
        id_number="".join(ch for ch in record.id_number if ch.isalnum()),
        raw_names=(record.given_names, record.prefix, record.surname),
    )


@dataclass
class Candidate:
    person_id: str
    score: float
    decision: str  # "match" or "possible"
    reasons: list[str] = field(default_factory=list)
