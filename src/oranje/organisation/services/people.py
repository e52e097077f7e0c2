"""Functionaries (people): creating, editing, renewing their calendar link."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.core.validation import normalise_phone
from oranje.organisation import errors
from oranje.organisation.access import can_manage_person, is_own
from oranje.organisation.constants import OnCallKind, PersonKind
from oranje.organisation.models import Function, Person, PersonKindChange, new_calendar_token

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
    kind: str = PersonKind.KEY,
) -> Person:
    """Add a functionary to the region's crisis organisation: a key-function holder (on a
    qualification path and on call) or a civil servant who may be called without a path."""
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
    person = Person(region=region, kind=kind, **data)
    person.full_clean()
    person.save()
    person.functions.set(list(functions))
    after = snapshot(person, PERSON_FIELDS) | {
        "functions": [f.code for f in functions],
        "kind": person.kind,
    }
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


KIND_REASON_MAX = 255


@transaction.atomic
def person_change_kind(*, actor: User, person: Person, to_kind: str, reason: str) -> Person:
    """Move a person from key-function holder to civil servant without a path, or back: an
    explicit step with a reason, kept as history (`PersonKindChange`) and audited.

    A civil servant cannot be on hard on-call, so someone still rostered on hard on-call
    (now or later) cannot become one until those shifts are handed over or removed."""
    core_access.require(can_manage_person(actor, person))
    person = Person.objects.select_for_update().get(pk=person.pk)
    reason = (reason or "").strip()
    problems: dict[str, list[str]] = {}
    if to_kind not in PersonKind.values:
        problems["to_kind"] = [str(errors.KIND_CHANGE_ELSEWHERE)]
    elif to_kind == person.kind:
        problems["to_kind"] = [
            str(
                errors.KIND_UNCHANGED
                % {"person": person.full_name, "kind": PersonKind(to_kind).label}
            )
        ]
    if not reason or len(reason) > KIND_REASON_MAX:
        problems["reason"] = [str(errors.KIND_REASON_REQUIRED)]
    if not problems and to_kind == PersonKind.CIVIL:
        ahead = person.shifts.filter(kind=OnCallKind.HARD, ends_at__gt=timezone.now()).order_by(
            "starts_at"
        )
        first = ahead.first()
        if first is not None:
            problems["to_kind"] = [
                str(
                    errors.KIND_HARD_SHIFTS_AHEAD
                    % {
                        "person": person.full_name,
                        "start": date_format(timezone.localtime(first.starts_at), "j-n-Y H:i"),
                        "count": ahead.count(),
                    }
                )
            ]
    if problems:
        raise ValidationError(problems)
    from_kind = person.kind
    person.kind = to_kind
    person.save(update_fields=["kind"])
    PersonKindChange.objects.create(
        person=person, from_kind=from_kind, to_kind=to_kind, by=actor, reason=reason
    )
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_KIND_CHANGE,
        obj=person,
        region=person.region,
        changes={"kind": [from_kind, to_kind]},
        note=reason,
    )
    return person
