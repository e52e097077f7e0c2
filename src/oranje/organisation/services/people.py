"""Functionaries (people): creating, editing, renewing their calendar link."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.core.validation import normalise_phone
from oranje.organisation import errors
from oranje.organisation.access import can_manage_person, is_own
from oranje.organisation.models import Function, Person, new_calendar_token

PERSON_FIELDS = ["given_name", "prefix", "surname", "email", "phone", "phone_alt", "municipality"]


def _clean_person_fields(region: Region, data: dict, *, exclude_pk: int | None = None) -> dict:
    problems: dict[str, list[str]] = {}
    clean = dict(data)
    for key in ("given_name", "surname"):
        clean[key] = (clean.get(key) or "").strip()
    clean["prefix"] = (clean.get("prefix") or "").strip()
    clean["email"] = (clean.get("email") or "").strip().lower()
    try:
        clean["phone"] = normalise_phone(clean.get("phone") or "")
    except ValidationError as exc:
        problems["phone"] = exc.messages
    if clean.get("phone_alt"):
        try:
            clean["phone_alt"] = normalise_phone(clean["phone_alt"])
        except ValidationError as exc:
            problems["phone_alt"] = exc.messages
    municipality = clean.get("municipality")
    if municipality is not None and municipality.region_id != region.pk:
        problems["municipality"] = [
            str(errors.OUTSIDE_REGION % {"name": municipality, "region": region.name})
        ]
    others = Person.objects.filter(email=clean["email"])
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = others.exists()
    if clean["email"] and taken:
        problems["email"] = [str(errors.EMAIL_TAKEN % {"email": clean["email"]})]
    if problems:
        raise ValidationError(problems)
    return clean


@transaction.atomic
def person_create(
    *,
    actor: User,
    region: Region,
    given_name: str,
    surname: str,
    email: str,
    phone: str,
    prefix: str = "",
    phone_alt: str = "",
    municipality: Municipality | None = None,
    functions: Iterable[Function] = (),
) -> Person:
    """Add a functionary to the region's crisis organisation."""
    if municipality is not None:
        core_access.require(core_access.can_manage_municipality(actor, municipality))
    else:
        core_access.require(core_access.can_manage_region(actor, region.pk))
    data = _clean_person_fields(
        region,
        {
            "given_name": given_name,
            "prefix": prefix,
            "surname": surname,
            "email": email,
            "phone": phone,
            "phone_alt": phone_alt,
            "municipality": municipality,
        },
    )
    person = Person(region=region, **data)
    person.full_clean()
    person.save()
    person.functions.set(list(functions))
    after = snapshot(person, PERSON_FIELDS) | {"functions": [f.code for f in functions]}
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_CREATE,
        obj=person,
        region=region,
        changes=diff({}, after),
    )
    return person


@transaction.atomic
def person_update(
    *, actor: User, person: Person, functions: Iterable[Function] | None = None, **fields: object
) -> Person:
    """Change a functionary's details and, when given, their functions."""
    core_access.require(can_manage_person(actor, person))
    before = snapshot(person, PERSON_FIELDS) | {
        "functions": sorted(person.functions.values_list("code", flat=True))
    }
    current = {name: getattr(person, name) for name in PERSON_FIELDS}
    current.update({k: v for k, v in fields.items() if k in PERSON_FIELDS})
    data = _clean_person_fields(person.region, current, exclude_pk=person.pk)
    new_municipality = data.get("municipality")
    if new_municipality is not None and new_municipality != person.municipality:
        core_access.require(core_access.can_manage_municipality(actor, new_municipality))
    for name, value in data.items():
        setattr(person, name, value)
    if "active" in fields:
        person.active = bool(fields["active"])
    person.full_clean()
    person.save()
    if functions is not None:
        person.functions.set(list(functions))
    after = snapshot(person, PERSON_FIELDS) | {
        "functions": sorted(person.functions.values_list("code", flat=True))
    }
    changes = diff(before, after)
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_UPDATE,
            obj=person,
            region=person.region,
            changes=changes,
        )
    return person


@transaction.atomic
def person_renew_calendar_token(*, actor: User, person: Person) -> Person:
    """Revoke the person's calendar feed address and issue a new one."""
    core_access.require(is_own(actor, person) or can_manage_person(actor, person))
    person.calendar_token = new_calendar_token()
    person.save(update_fields=["calendar_token"])
    audit_record(
        actor=actor, action=AuditAction.PERSON_CALENDAR_RENEW, obj=person, region=person.region
    )
    return person
