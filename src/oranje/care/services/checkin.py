"""Checking households in and out of shelters, and transferring them.

No overbooking: every check-in and transfer locks the shelter's row (`select_for_update`;
on SQLite the write transaction is IMMEDIATE, so writers queue) and counts against
`Shelter.present` inside that lock; a database constraint backs it. A full shelter answers
`ShelterFull`, naming the nearest open shelter of the incident with room.

Every check-in writes the registry: each guest becomes a registry person (status unharmed,
whereabouts this shelter; the registry's duplicate check runs after commit) and every
check-out or transfer adds a status entry. A check-in sent twice with the same `client_key`
(the tablet's retry after a lost answer) is written once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.care.access import can_desk
from oranje.care.constants import HOUSEHOLD_MAX, CheckOutReason
from oranje.care.models import Guest, Household, Shelter, Stay
from oranje.care.services.codes import new_code
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.registry.constants import Source, Status, Whereabouts
from oranje.registry.models import Person
from oranje.registry.services import persons as registry_persons
from oranje.registry.services.persons import (
    PersonData,
    StatusData,
    person_register,
    person_status_change,
)
from oranje.registry.tasks import enqueue_matching


@dataclass(frozen=True)
class GuestData:
    """One person of a household, already parsed (forms, serializers)."""

    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    phone: str = ""
    medication: str = ""
    diet: str = ""
    mobility_aid: str = ""
    language: str = ""
    interpreter: bool = False
    pets: str = ""
    care_organisation: str = ""
    share_whereabouts: bool | None = None

    def check(self, number: int) -> None:
        if not (self.given_names or self.surname):
            raise ValidationError(
                _("person %(n)s: give at least a given name or a surname.") % {"n": number}
            )

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class HouseholdData:
    name: str = ""
    phone: str = ""
    street: str = ""
    house_number: int | None = None
    house_addition: str = ""
    postcode: str = ""
    city: str = ""

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class ShelterFull(ValidationError):
    """The shelter has no room for the household; `alternative` is the nearest open shelter
    of the incident that has (None when there is none)."""

    def __init__(self, shelter: Shelter, people: int, alternative: Shelter | None) -> None:
        free = max(shelter.capacity_day - shelter.present, 0)
        if alternative is not None:
            message = _(
                "%(shelter)s is full: %(free)s places free, %(people)s needed. "
                "Nearest open shelter with room: %(other)s (%(other_free)s places free)."
            ) % {
                "shelter": shelter.location.name,
                "free": free,
                "people": people,
                "other": alternative.location.name,
                "other_free": alternative.free_day,
            }
        else:
            message = _(
                "%(shelter)s is full: %(free)s places free, %(people)s needed. "
                "No other open shelter of this incident has room."
            ) % {"shelter": shelter.location.name, "free": free, "people": people}
        super().__init__(message, code="full")
        self.shelter = shelter
        self.alternative = alternative


def _require_desk(actor: User | None, shelter: Shelter) -> None:
    if actor is not None and not can_desk(actor, shelter.incident.region_id):
        raise ValidationError(_("You have no shelter role in this region."), code="forbidden")


def _require_open(shelter: Shelter) -> None:
    if shelter.closed_at is not None:
        raise ValidationError(_("shelter: %(name)s is closed.") % {"name": shelter.location.name})
    if shelter.incident.closed_at is not None:
        raise ValidationError(_("shelter: the incident is closed."))


def _distance_km(a: Shelter, b: Shelter) -> float:
    la, lb = a.location, b.location
    if la.latitude is None or la.longitude is None or lb.latitude is None or lb.longitude is None:
        return math.inf
    lat1, lon1, lat2, lon2 = (
        math.radians(float(v)) for v in (la.latitude, la.longitude, lb.latitude, lb.longitude)
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def nearest_with_room(shelter: Shelter, people: int) -> Shelter | None:
    """The incident's nearest other open shelter with room for `people` (by straight-line
    distance between the locations; shelters without coordinates come last, the roomiest
    first)."""
    others = [
        s
        for s in Shelter.objects.filter(incident_id=shelter.incident_id, closed_at__isnull=True)
        .exclude(pk=shelter.pk)
        .select_related("location")
        if s.capacity_day - s.present >= people
    ]
    if not others:
        return None
    return min(others, key=lambda s: (_distance_km(shelter, s), -s.free_day, s.pk))


def _lock(shelter: Shelter) -> Shelter:
    return (
        Shelter.objects.select_for_update()
        .select_related("location", "incident", "incident__region")
        .get(pk=shelter.pk)
    )


def _in_shelter(shelter: Shelter) -> StatusData:
    return StatusData(
        status=Status.UNHARMED,
        whereabouts=Whereabouts.SHELTER,
        place=shelter.location.name,
        source=Source.SHELTER,
    )


def household_check_in(
    *,
    shelter: Shelter,
    actor: User | None,
    household: HouseholdData,
    guests: list[GuestData],
    client_key: str = "",
    defer_matching: bool = False,
    match_in_worker: bool = False,
) -> Household:
    """Check a household in. Answers the household written the first time for a repeated
    `client_key` (marked `replayed`); raises `ShelterFull` when there is no room.

    The registry's duplicate check and the re-matching of relatives' inquiries run after the
    commit, in the request (the default); with `match_in_worker` as one background task for
    the household (`registry.tasks.match_batch`: the desk does not wait for it, and the
    worker's upkeep `registry.unmatched` catches a task that was lost); with
    `defer_matching` they are left to the caller (a batch matches its persons at once:
    `registry.services.batch_matching.match_imported`)."""
    _require_desk(actor, shelter)
    if not guests:
        raise ValidationError(_("persons: a household has at least one person."))
    if len(guests) > HOUSEHOLD_MAX:
        raise ValidationError(
            _("persons: at most %(max)s persons on one household card.") % {"max": HOUSEHOLD_MAX}
        )
    for number, guest in enumerate(guests, start=1):
        guest.check(number)
    if client_key:
        done = Household.objects.filter(incident_id=shelter.incident_id, client_key=client_key)
        if (found := done.first()) is not None:
            found.replayed = True  # type: ignore[attr-defined]
            return found
    try:
        home = _check_in(
            shelter, actor, household, guests, client_key, defer_matching or match_in_worker
        )
    except IntegrityError:
        found = Household.objects.filter(
            incident_id=shelter.incident_id, client_key=client_key
        ).first()
        if client_key and found is not None:
            found.replayed = True  # type: ignore[attr-defined]
            return found
        raise
    if match_in_worker and not defer_matching:
        ids = [p for p in home.guests.values_list("person_id", flat=True) if p is not None]
        incident_id = shelter.incident_id
        registry_persons.after_commit(lambda: enqueue_matching(incident_id, ids))
    return home


def _check_in(
    shelter: Shelter,
    actor: User | None,
    household: HouseholdData,
    guests: list[GuestData],
    client_key: str,
    defer_matching: bool = False,
) -> Household:
    people = len(guests)
    with transaction.atomic():
        # The registry first, the shelter's row lock last: desks wait for each other only
        # for the few writes that count (a refusal rolls the registry writes back).
        _require_open(shelter)
        now = timezone.now()
        code = new_code()
        persons = []
        for number, data in enumerate(guests):
            person = person_register(
                incident=shelter.incident,
                actor=actor,
                data=_person_data(data, household),
                status=_in_shelter(shelter),
                client_key=f"care:{code}:{number}",
                checked=True,
                defer_matching=defer_matching,
            )
            if data.share_whereabouts is not None:
                Person.objects.filter(pk=person.pk).update(
                    share_whereabouts=data.share_whereabouts, consent_recorded_at=now
                )
            persons.append(person)
        locked = _lock(shelter)
        _require_open(locked)
        if locked.present + people > locked.capacity_day:
            raise ShelterFull(locked, people, nearest_with_room(locked, people))
        name = household.name or " ".join(p for p in (guests[0].prefix, guests[0].surname) if p)
        values = {**household.values(), "name": name or guests[0].given_names}
        home = Household.objects.create(
            incident=locked.incident,
            code=code,
            shelter=locked,
            client_key=client_key,
            created_at=now,
            created_by=actor,
            **values,
        )
        Stay.objects.create(
            household=home, shelter=locked, people=people, checked_in_at=now, checked_in_by=actor
        )
        Shelter.objects.filter(pk=locked.pk).update(present=F("present") + people)
        Guest.objects.bulk_create(
            Guest(household=home, present=True, person=person, **data.values())
            for data, person in zip(guests, persons, strict=True)
        )
        audit_record(
            actor=actor,
            action=AuditAction.HOUSEHOLD_CHECK_IN,
            obj=home,
            region=locked.incident.region,
            changes={"shelter": locked.pk, "people": people},
        )
    home.replayed = False  # type: ignore[attr-defined]
    return home


def _person_data(guest: GuestData, home: HouseholdData) -> PersonData:
    return PersonData(
        given_names=guest.given_names,
        prefix=guest.prefix,
        surname=guest.surname,
        birth_year=guest.birth_year,
        birth_month=guest.birth_month,
        birth_day=guest.birth_day,
        phone=guest.phone or home.phone,
        postcode=home.postcode,
        house_number=home.house_number,
        house_addition=home.house_addition,
        street=home.street,
        city=home.city,
        language=guest.language,
    )


def _status_after(reason: str, note: str) -> StatusData:
    where = {
        CheckOutReason.HOME: Whereabouts.HOME,
        CheckOutReason.HOSPITAL: Whereabouts.HOSPITAL,
    }.get(CheckOutReason(reason), Whereabouts.ELSEWHERE)
    label = str(CheckOutReason(reason).label)
    return StatusData(
        status=Status.UNHARMED if reason != CheckOutReason.HOSPITAL else Status.UNKNOWN,
        whereabouts=where,
        place=(f"{label}: {note}" if note else label)[:200],
        source=Source.SHELTER,
    )


def household_check_out(
    *,
    household: Household,
    actor: User | None,
    reason: str,
    note: str = "",
    guest_ids: list[int] | None = None,
) -> int:
    """Check a household (or, with `guest_ids`, some of its people) out of its shelter.
    Returns how many people left."""
    if reason not in CheckOutReason.values or reason == CheckOutReason.TRANSFER:
        raise ValidationError(_("left for: choose where the household goes."))
    current = _current_shelter(household)
    if current is None:
        raise ValidationError(_("code: this household is not checked in at a shelter."))
    shelter = Shelter.objects.select_related("incident", "location").get(pk=current)
    _require_desk(actor, shelter)
    with transaction.atomic():
        locked = _lock(shelter)
        home = Household.objects.select_for_update().get(pk=household.pk)
        if home.shelter_id != locked.pk:
            raise ValidationError(_("code: this household is not checked in at this shelter."))
        present = list(home.guests.filter(present=True))
        leaving = present
        if guest_ids is not None:
            leaving = [g for g in present if g.pk in set(guest_ids)]
            if len(leaving) != len(set(guest_ids)):
                raise ValidationError(_("persons: one of them is not checked in here."))
        if not leaving:
            raise ValidationError(_("persons: nobody of this household is checked in here."))
        now = timezone.now()
        Guest.objects.filter(pk__in=[g.pk for g in leaving]).update(present=False)
        Shelter.objects.filter(pk=locked.pk).update(present=F("present") - len(leaving))
        if len(leaving) == len(present):
            home.shelter = None
            home.save(update_fields=["shelter"])
            Stay.objects.filter(household=home, shelter=locked, checked_out_at__isnull=True).update(
                checked_out_at=now, checked_out_by=actor, out_reason=reason, out_note=note[:200]
            )
        status = _status_after(reason, note)
        for guest in leaving:
            _registry_status(guest, actor, status)
        audit_record(
            actor=actor,
            action=AuditAction.HOUSEHOLD_CHECK_OUT,
            obj=home,
            region=locked.incident.region,
            changes={"shelter": locked.pk, "people": len(leaving), "reason": reason},
        )
    household.shelter = home.shelter
    return len(leaving)


def household_transfer(*, household: Household, to: Shelter, actor: User | None) -> Household:
    """Move a checked-in household to another open shelter of the same incident."""
    household.shelter_id = _current_shelter(household)
    if household.shelter_id is None:
        raise ValidationError(_("code: this household is not checked in at a shelter."))
    if to.incident_id != household.incident_id:
        raise ValidationError(_("shelter: the other shelter belongs to another incident."))
    if to.pk == household.shelter_id:
        raise ValidationError(_("shelter: the household is already in this shelter."))
    _require_desk(actor, to)
    with transaction.atomic():
        # Both rows locked, always in the same order: two transfers the other way round never
        # wait for each other.
        first, second = sorted([household.shelter_id, to.pk])
        locks = {s.pk: s for s in (_lock(Shelter(pk=first)), _lock(Shelter(pk=second)))}
        source, target = locks[household.shelter_id], locks[to.pk]
        _require_open(target)
        home = Household.objects.select_for_update().get(pk=household.pk)
        if home.shelter_id != source.pk:
            raise ValidationError(_("code: this household is not checked in at that shelter."))
        present = list(home.guests.filter(present=True))
        people = len(present)
        if target.present + people > target.capacity_day:
            raise ShelterFull(target, people, nearest_with_room(target, people))
        now = timezone.now()
        Stay.objects.filter(household=home, shelter=source, checked_out_at__isnull=True).update(
            checked_out_at=now,
            checked_out_by=actor,
            out_reason=CheckOutReason.TRANSFER,
            out_note=target.location.name[:200],
        )
        Stay.objects.create(
            household=home, shelter=target, people=people, checked_in_at=now, checked_in_by=actor
        )
        Shelter.objects.filter(pk=source.pk).update(present=F("present") - people)
        Shelter.objects.filter(pk=target.pk).update(present=F("present") + people)
        home.shelter = target
        home.save(update_fields=["shelter"])
        for guest in present:
            _registry_status(guest, actor, _in_shelter(target))
        household.shelter = target
        audit_record(
            actor=actor,
            action=AuditAction.HOUSEHOLD_TRANSFER,
            obj=home,
            region=target.incident.region,
            changes={"from": source.pk, "to": target.pk, "people": people},
        )
    return home


def _current_shelter(household: Household) -> int | None:
    """Where the household is now (the caller's copy may be older than another desk's
    check-out)."""
    return Household.objects.filter(pk=household.pk).values_list("shelter_id", flat=True).first()


def _registry_status(guest: Guest, actor: User | None, status: StatusData) -> None:
    if guest.person_id is None:
        return
    person = Person.objects.select_related("incident").get(pk=guest.person_id)
    # A merged registration: the status goes to the person it was merged into.
    while person.merged_into_id is not None:
        person = Person.objects.select_related("incident").get(pk=person.merged_into_id)
    if person.anonymised_at is not None:
        return
    person_status_change(person=person, actor=actor, status=status, checked=True)
