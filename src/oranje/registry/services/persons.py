"""Registering affected persons and recording what becomes of them.

A registration is matched at once against the incident's registry: likely double
registrations become `PossibleDuplicate`s for a person to decide (never merged automatically),
and the open inquiries are re-matched so a relative waiting for this person moves up the queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.validation import is_mobile
from oranje.incidents.models import Incident
from oranje.registry import matching
from oranje.registry.access import can_register
from oranje.registry.constants import (
    NameUse,
    Sex,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.models import Person, PossibleDuplicate, StatusEntry

NO_UPDATE_ADDRESS = _lazy(
    "updates: to receive updates the person needs an e-mail address or a mobile number."
)
#: Source times may lie a little in the future (clocks differ), not more.
CLOCK_SLACK = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class PersonData:
    """A person's details, already parsed (registry.validation, the forms and serializers)."""

    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    name_use: str = NameUse.OWN
    partner_prefix: str = ""
    partner_surname: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    age_estimate: int | None = None
    sex: str = Sex.UNKNOWN
    postcode: str = ""
    house_number: int | None = None
    house_addition: str = ""
    street: str = ""
    city: str = ""
    phone: str = ""
    #: Where updates go (the communication room's mailings) when `updates_consent` is yes.
    email: str = ""
    updates_consent: bool | None = None
    bsn: str = ""
    nationality: str = ""
    language: str = ""
    note: str = ""

    def check(self) -> None:
        if not (self.given_names or self.surname):
            raise ValidationError(_("name: give at least a given name or a surname."))
        if self.updates_consent and not (self.email or is_mobile(self.phone)):
            raise ValidationError({"updates_consent": [NO_UPDATE_ADDRESS]})

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class StatusData:
    status: str = Status.UNKNOWN
    whereabouts: str = Whereabouts.UNKNOWN
    place: str = ""
    source: str = Source.FIELD
    source_at: dt.datetime | None = None
    note: str = ""

    def check(self) -> None:
        if self.status not in Status.values:
            raise ValidationError(_("status: unknown value."))
        if self.whereabouts not in Whereabouts.values:
            raise ValidationError(_("where: unknown value."))
        if self.source not in Source.values:
            raise ValidationError(_("source: unknown value."))
        if self.source_at is not None and self.source_at > timezone.now() + CLOCK_SLACK:
            raise ValidationError(_("source time: lies in the future."))
        if self.status == Status.HOSPITALISED and self.whereabouts not in (
            Whereabouts.HOSPITAL,
            Whereabouts.UNKNOWN,
        ):
            raise ValidationError(_("where: a hospitalised person is in hospital."))


def _name(actor: User | None) -> str:
    if actor is None:
        return "systeem"
    return actor.get_full_name() or actor.get_username()


def _require(actor: User | None, incident: Incident) -> None:
    if actor is not None and not can_register(actor, incident.region_id):
        raise ValidationError(_("You have no registry role in this region."), code="forbidden")


def _append_status(
    person: Person, *, actor: User | None, status: StatusData, batch_id: int | None = None
) -> StatusEntry:
    now = timezone.now()
    entry = StatusEntry.objects.create(
        person=person,
        status=status.status,
        whereabouts=status.whereabouts,
        place=status.place,
        source=status.source,
        source_at=status.source_at or now,
        note=status.note,
        recorded_at=now,
        recorded_by=actor,
        recorded_by_name=_name(actor),
        batch_id=batch_id,
    )
    newest = person.history.order_by("-source_at", "-pk").first()
    assert newest is not None
    # The cache follows the newest report by source time: a late-arriving older list never
    # overwrites a newer state.
    Person.objects.filter(pk=person.pk).update(
        current_status=newest.status,
        current_whereabouts=newest.whereabouts,
        current_place=newest.place,
        status_at=newest.source_at,
        updated_at=now,
    )
    person.current_status = newest.status
    person.current_whereabouts = newest.whereabouts
    person.current_place = newest.place
    person.status_at = newest.source_at
    person.updated_at = now
    return entry


def find_duplicates(person: Person) -> list[PossibleDuplicate]:
    """Record the likely double registrations of `person` (both ways round, once per pair)."""
    found = []
    for candidate in matching.duplicates_of(person.pk, person.incident_id):
        other = int(candidate.person_id)
        low, high = sorted((person.pk, other))
        pair, _created = PossibleDuplicate.objects.get_or_create(
            person_id=low,
            other_id=high,
            defaults={
                "incident_id": person.incident_id,
                "score": candidate.score,
                "decision": candidate.decision,
                "reasons": candidate.reasons,
            },
        )
        found.append(pair)
    return found


def after_commit(fn: Callable[[], object]) -> None:
    """Run `fn` once the transaction commits (tests run it at once). `robust`: a failing
    check is logged, never undoes the write; the worker's upkeep (`unmatched_upkeep`) redoes
    the check for every person whose `matched_at` is older than their last change."""
    transaction.on_commit(fn, robust=True)


def after_person_write(person: Person) -> None:
    """What every write of a person sets off: the duplicate check and re-matching the open
    inquiries. Runs after the commit (the index reads committed rows)."""
    from oranje.registry.services.inquiries import rematch_for_person

    with transaction.atomic():
        find_duplicates(person)
        rematch_for_person(person)
        Person.objects.filter(pk=person.pk).update(matched_at=timezone.now())


def person_register(
    *,
    incident: Incident,
    actor: User | None,
    data: PersonData,
    status: StatusData,
    batch_id: int | None = None,
    defer_matching: bool = False,
    client_key: str = "",
    checked: bool = False,
) -> Person:
    """Register an affected person with their first status report. A registration sent
    again with the same `client_key` (a double submit, a retry) answers with the person
    written the first time, marked `replayed`.

    `checked`: the caller checked the actor's right itself — the care room's check-in, whose
    desk officers hold no registry role but whose every check-in writes the registry."""
    if not checked:
        _require(actor, incident)
    data.check()
    status.check()
    if client_key:
        done = Person.objects.filter(incident=incident, client_key=client_key).first()
        if done is not None:
            done.replayed = True  # type: ignore[attr-defined]
            return done
    try:
        return _register(incident, actor, data, status, batch_id, defer_matching, client_key)
    except IntegrityError:
        done = Person.objects.filter(incident=incident, client_key=client_key).first()
        if client_key and done is not None:
            done.replayed = True  # type: ignore[attr-defined]
            return done
        raise


def _register(
    incident: Incident,
    actor: User | None,
    data: PersonData,
    status: StatusData,
    batch_id: int | None,
    defer_matching: bool,
    client_key: str,
) -> Person:
    with transaction.atomic():
        now = timezone.now()
        person = Person.objects.create(
            incident=incident,
            created_by=actor,
            created_at=now,
            updated_at=now,
            client_key=client_key,
            **data.values(),
        )
        person.replayed = False  # type: ignore[attr-defined]
        _append_status(person, actor=actor, status=status, batch_id=batch_id)
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_REGISTER,
            obj=person,
            region=incident.region,
            changes={"source": status.source, "status": status.status},
        )
        if not defer_matching:
            after_commit(lambda: after_person_write(person))
    return person


def person_change(*, person: Person, actor: User | None, data: PersonData) -> Person:
    """Correct a person's details (names, birth, address…); the old values go to the audit."""
    _require(actor, person.incident)
    data.check()
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        changes = {}
        for name, value in data.values().items():
            old = getattr(locked, name)
            if old != value:
                changes[name] = [old, value]
                setattr(locked, name, value)
        if not changes:
            return locked
        locked.updated_at = timezone.now()
        locked.save()
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_CHANGE,
            obj=locked,
            region=person.incident.region,
            # Which fields, not their values: the audit log is read outside the registry roles.
            changes={"fields": sorted(changes)},
        )
        after_commit(lambda: after_person_write(locked))
    return locked


def person_status_change(
    *,
    person: Person,
    actor: User | None,
    status: StatusData,
    batch_id: int | None = None,
    checked: bool = False,
) -> StatusEntry:
    """Record a new report of how and where the person is (a new history entry).
    `checked`: as for `person_register` (a check-out or transfer at a shelter desk)."""
    if not checked:
        _require(actor, person.incident)
    status.check()
    if person.merged_into_id is not None:
        raise ValidationError(_("This registration was merged; record it on the kept person."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        entry = _append_status(locked, actor=actor, status=status, batch_id=batch_id)
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_STATUS,
            obj=locked,
            region=person.incident.region,
            changes={"status": status.status, "where": status.whereabouts, "source": status.source},
        )
        after_commit(lambda: after_person_write(locked))
    person.current_status = locked.current_status
    person.current_whereabouts = locked.current_whereabouts
    person.current_place = locked.current_place
    person.status_at = locked.status_at
    return entry
