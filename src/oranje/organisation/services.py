"""Every write of the organisation room.

Each service is keyword-only, runs in one transaction, checks access through the chokepoints,
validates (raising ValidationError with Dutch messages keyed by field) and writes its audit
entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.models import Municipality, Region, User
from oranje.core.validation import local_zone, normalise_phone
from oranje.organisation import errors, qualification
from oranje.organisation.access import can_manage_person, can_manage_pool, is_own
from oranje.organisation.constants import OnCallKind, PoolKind, ShiftSource
from oranje.organisation.models import (
    District,
    Function,
    OnCallShift,
    Person,
    Pool,
    RegionFunction,
    ShiftHandover,
    Unavailability,
    new_calendar_token,
)

MAX_SHIFT_DAYS = 31


class Keep:
    """Marks an optional argument left out: keep the current value (None is a value)."""


KEEP = Keep()
PERSON_FIELDS = ["given_name", "prefix", "surname", "email", "phone", "phone_alt", "municipality"]
SHIFT_FIELDS = [
    "pool",
    "function",
    "person",
    "kind",
    "starts_at",
    "ends_at",
    "note",
    "qualification_override",
]


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


# ---------------------------------------------------------------- people


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
        actor=actor, action="person.create", obj=person, region=region, changes=diff({}, after)
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
            actor=actor, action="person.update", obj=person, region=person.region, changes=changes
        )
    return person


@transaction.atomic
def person_renew_calendar_token(*, actor: User, person: Person) -> Person:
    """Revoke the person's calendar feed address and issue a new one."""
    core_access.require(is_own(actor, person) or can_manage_person(actor, person))
    person.calendar_token = new_calendar_token()
    person.save(update_fields=["calendar_token"])
    audit_record(actor=actor, action="person.calendar_renew", obj=person, region=person.region)
    return person


# ---------------------------------------------------------------- districts and pools


@transaction.atomic
def district_save(
    *,
    actor: User,
    region: Region,
    name: str,
    municipalities: Sequence[Municipality],
    district: District | None = None,
) -> District:
    """Create or change an on-call district; a municipality belongs to one district at most."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    problems: list[str] = []
    for municipality in municipalities:
        if municipality.region_id != region.pk:
            problems.append(
                str(errors.OUTSIDE_REGION % {"name": municipality, "region": region.name})
            )
        other = municipality.districts.filter(region=region).exclude(
            pk__in=[district.pk] if district else []
        )
        if other.exists():
            problems.append(
                str(
                    errors.MUNICIPALITY_IN_OTHER_DISTRICT
                    % {"municipality": municipality, "district": other.first()}
                )
            )
    if problems:
        raise ValidationError({"municipalities": problems})
    before = snapshot(district, ["name"]) if district else {}
    before_munis = sorted(m.name for m in district.municipalities.all()) if district else []
    district = district or District(region=region)
    district.name = name.strip()
    district.full_clean()
    district.save()
    district.municipalities.set(list(municipalities))
    changes = diff(
        before | {"municipalities": before_munis},
        {"name": district.name, "municipalities": sorted(m.name for m in municipalities)},
    )
    action = "district.update" if before else "district.create"
    audit_record(actor=actor, action=action, obj=district, region=region, changes=changes)
    return district


def _validate_pool_area(region: Region, kind: str, municipalities: Sequence[Municipality]) -> None:
    problems: list[str] = []
    for municipality in municipalities:
        if municipality.region_id != region.pk:
            problems.append(
                str(errors.OUTSIDE_REGION % {"name": municipality, "region": region.name})
            )
    if kind == PoolKind.MUNICIPAL and len(municipalities) != 1:
        problems.append(str(errors.MUNICIPAL_POOL_NEEDS_ONE))
    if kind == PoolKind.INTERMUNICIPAL and len(municipalities) < 2:
        problems.append(str(errors.INTERMUNICIPAL_POOL_NEEDS_TWO))
    if kind == PoolKind.REGIONAL and municipalities:
        problems.append(str(errors.REGIONAL_POOL_NO_MUNICIPALITIES))
    if problems:
        raise ValidationError({"municipalities": problems})


@transaction.atomic
def pool_save(
    *,
    actor: User,
    region: Region,
    name: str,
    kind: str,
    municipalities: Sequence[Municipality],
    functions: Sequence[Function],
    members: Sequence[Person] = (),
    coordinator: Person | None = None,
    description: str = "",
    pool: Pool | None = None,
) -> Pool:
    """Create or change a pool: its area, functions and members."""
    if (
        kind == PoolKind.MUNICIPAL
        and len(municipalities) == 1
        and (pool is None or pool.kind == PoolKind.MUNICIPAL)
    ):
        core_access.require(core_access.can_manage_municipality(actor, municipalities[0]))
    else:
        core_access.require(core_access.can_manage_region(actor, region.pk))
    if pool is not None:
        core_access.require(can_manage_pool(actor, pool))
    _validate_pool_area(region, kind, municipalities)
    outsiders = [p for p in members if p.region_id != region.pk]
    if outsiders:
        raise ValidationError(
            {
                "members": [
                    str(errors.OUTSIDE_REGION % {"name": p, "region": region.name})
                    for p in outsiders
                ]
            }
        )
    if not functions:
        raise ValidationError({"functions": [str(errors.FUNCTIONS_REQUIRED)]})

    def state(p: Pool) -> dict:
        return snapshot(p, ["name", "kind", "coordinator", "description"]) | {
            "municipalities": sorted(m.name for m in p.municipalities.all()),
            "functions": sorted(f.code for f in p.functions.all()),
            "members": sorted(m.full_name for m in p.members.all()),
        }

    before = state(pool) if pool else {}
    pool = pool or Pool(region=region)
    pool.name, pool.kind, pool.description = name.strip(), kind, description
    pool.coordinator = coordinator
    pool.full_clean()
    pool.save()
    pool.municipalities.set(list(municipalities))
    pool.functions.set(list(functions))
    pool.members.set(list(members))
    action = "pool.update" if before else "pool.create"
    audit_record(
        actor=actor, action=action, obj=pool, region=region, changes=diff(before, state(pool))
    )
    return pool


@transaction.atomic
def region_function_update(
    *,
    actor: User,
    region: Region,
    function: Function,
    local_name: str,
    coverage_unit: str,
    min_hard_on_call: int,
    min_qualified: int | None = None,
    response_norm_minutes: int | Keep | None = KEEP,
) -> RegionFunction:
    """Set a region's own name for a function, its minimum on hard on-call, and (when given)
    its minimum of qualified people and response norm."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    setting, _created = RegionFunction.objects.get_or_create(region=region, function=function)
    fields = [
        "local_name",
        "coverage_unit",
        "min_hard_on_call",
        "min_qualified",
        "response_norm_minutes",
    ]
    before = snapshot(setting, fields)
    setting.local_name = local_name.strip()
    setting.coverage_unit = coverage_unit
    setting.min_hard_on_call = min_hard_on_call
    if min_qualified is not None:
        setting.min_qualified = min_qualified
    if not isinstance(response_norm_minutes, Keep):
        setting.response_norm_minutes = response_norm_minutes
    setting.full_clean()
    setting.save()
    audit_record(
        actor=actor,
        action="region_function.update",
        obj=setting,
        region=region,
        changes=diff(before, snapshot(setting, fields)),
    )
    return setting


# ---------------------------------------------------------------- shifts


@dataclass(frozen=True)
class Interval:
    starts_at: dt.datetime
    ends_at: dt.datetime
    label: str = ""


def shift_problems(
    *,
    pool: Pool,
    function: Function,
    person: Person,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    pool_function_ids: set[int],
    pool_member_ids: set[int],
    person_function_ids: set[int],
    busy: Iterable[Interval],
    unavailable: Iterable[Interval],
    qualified_until: dt.date | None = qualification.UNRESTRICTED,
    override_reason: str = "",
) -> dict[str, list[str]]:
    """Everything wrong with a proposed shift, by field; empty when it may be rostered.

    Pure: the caller supplies the person's other shifts (`busy`) and unavailability, so that
    a single change and an import of 10,000 rows apply exactly the same rules.
    """
    problems: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        problems.setdefault(field_name, []).append(message)

    names = {"person": person.full_name, "pool": pool.name, "function": function.code}
    if ends_at <= starts_at:
        add("ends_at", str(errors.END_BEFORE_START))
    elif ends_at - starts_at > dt.timedelta(days=MAX_SHIFT_DAYS):
        add("ends_at", str(errors.SHIFT_TOO_LONG % {"days": MAX_SHIFT_DAYS}))
    if kind not in OnCallKind.values:
        add("kind", str(errors.IMPORT_BAD_KIND % {"value": kind}))
    if function.pk not in pool_function_ids:
        add("function", str(errors.FUNCTION_NOT_IN_POOL % names))
    if person.pk not in pool_member_ids:
        add("person", str(errors.NOT_POOL_MEMBER % names))
    if function.pk not in person_function_ids:
        add("person", str(errors.PERSON_LACKS_FUNCTION % names))
    if not person.active:
        add("person", str(errors.PERSON_INACTIVE % names))
    start_day = timezone.localtime(starts_at).date()
    if (
        kind == OnCallKind.HARD
        and not override_reason.strip()
        and (qualified_until is None or qualified_until < start_day)
    ):
        add("person", str(errors.NOT_QUALIFIED % {**names, "date": _when(starts_at)}))
    if problems:
        return problems
    for other in busy:
        if other.starts_at < ends_at and starts_at < other.ends_at:
            add(
                "starts_at",
                str(
                    errors.OVERLAPPING_SHIFT
                    % {
                        **names,
                        "start": _when(other.starts_at),
                        "end": _when(other.ends_at),
                        "function": other.label,
                    }
                ),
            )
            break
    for gone in unavailable:
        if gone.starts_at < ends_at and starts_at < gone.ends_at:
            add(
                "starts_at",
                str(
                    errors.UNAVAILABLE
                    % {
                        **names,
                        "start": _when(gone.starts_at),
                        "end": _when(gone.ends_at),
                        "reason": gone.label,
                    }
                ),
            )
            break
    return problems


def _person_intervals(
    person: Person, starts_at: dt.datetime, ends_at: dt.datetime, exclude_shift: int | None = None
) -> tuple[list[Interval], list[Interval]]:
    window = Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    busy = [
        Interval(s.starts_at, s.ends_at, s.function.code)
        for s in person.shifts.filter(window)
        .exclude(pk__in=[exclude_shift] if exclude_shift else [])
        .select_related("function")
    ]
    unavailable = [
        Interval(u.starts_at, u.ends_at, str(u.get_reason_display()))
        for u in person.unavailabilities.filter(window)
    ]
    return busy, unavailable


def _lock_person(person: Person) -> Person:
    # Serialise roster changes per person so two coordinators cannot both book the same
    # person for overlapping shifts (SQLite serialises all writers already).
    return Person.objects.select_for_update().get(pk=person.pk)


def _validate_shift(
    *,
    pool: Pool,
    function: Function,
    person: Person,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    exclude_shift: int | None = None,
    override_reason: str = "",
) -> dt.date | None:
    """Raise ValidationError for a shift that breaks a rule; return until when the person is
    qualified for the function (None: not at all)."""
    busy, unavailable = _person_intervals(person, starts_at, ends_at, exclude_shift)
    until = qualification.qualified_until([(person.pk, function.pk)])[(person.pk, function.pk)]
    problems = shift_problems(
        pool=pool,
        function=function,
        person=person,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        pool_function_ids=set(pool.functions.values_list("pk", flat=True)),
        pool_member_ids=set(pool.members.values_list("pk", flat=True)),
        person_function_ids=set(person.functions.values_list("pk", flat=True)),
        busy=busy,
        unavailable=unavailable,
        qualified_until=until,
        override_reason=override_reason,
    )
    if problems:
        raise ValidationError(problems)
    return until


@transaction.atomic
def shift_create(
    *,
    actor: User,
    pool: Pool,
    function: Function,
    person: Person,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    note: str = "",
    source: str = ShiftSource.MANUAL,
    override_reason: str = "",
) -> OnCallShift:
    """Put a person on call; refuses overlaps, unavailability, people outside the pool, and
    people not qualified for hard on-call unless the coordinator overrides with a reason."""
    core_access.require(can_manage_pool(actor, pool))
    person = _lock_person(person)
    until = _validate_shift(
        pool=pool,
        function=function,
        person=person,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        override_reason=override_reason,
    )
    qualified = until is not None and until >= timezone.localtime(starts_at).date()
    if kind != OnCallKind.HARD or qualified:
        override_reason = ""  # nothing to override
    shift = OnCallShift.objects.create(
        pool=pool,
        function=function,
        person=person,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        note=note,
        source=source,
        qualification_override=override_reason.strip(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="shift.create",
        obj=shift,
        region=pool.region,
        changes=diff({}, snapshot(shift, SHIFT_FIELDS)),
    )
    return shift


@transaction.atomic
def shift_delete(*, actor: User, shift: OnCallShift) -> None:
    """Take a shift off the roster; the audit entry keeps everything it held."""
    core_access.require(can_manage_pool(actor, shift.pool))
    before = snapshot(shift, SHIFT_FIELDS)
    audit_record(
        actor=actor,
        action="shift.delete",
        obj=shift,
        region=shift.pool.region,
        changes=diff(before, {}),
    )
    shift.handovers.all().delete()
    shift.delete()


@transaction.atomic
def shift_hand_over(
    *,
    actor: User,
    shift: OnCallShift,
    to_person: Person,
    from_at: dt.datetime | None = None,
    reason: str = "",
) -> OnCallShift:
    """Hand a shift, or its remainder from `from_at`, to another pool member.

    The holder may hand over their own shift; a pool manager any shift. Handing over the
    remainder splits the shift: the original ends at `from_at`, a new one starts there.
    Returns the shift the new holder now has.
    """
    core_access.require(is_own(actor, shift.person) or can_manage_pool(actor, shift.pool))
    now = timezone.now()
    if shift.ends_at <= now:
        raise ValidationError({"from_at": [str(errors.SHIFT_ENDED)]})
    if to_person.pk == shift.person_id:
        raise ValidationError({"to_person": [str(errors.HANDOVER_TO_SELF)]})
    moment = from_at or shift.starts_at
    if moment < shift.starts_at or moment >= shift.ends_at:
        raise ValidationError({"from_at": [str(errors.HANDOVER_MOMENT_OUTSIDE_SHIFT)]})
    to_person = _lock_person(to_person)
    from_person = shift.person
    _validate_shift(
        pool=shift.pool,
        function=shift.function,
        person=to_person,
        kind=shift.kind,
        starts_at=moment,
        ends_at=shift.ends_at,
        exclude_shift=shift.pk,
    )
    if moment <= shift.starts_at:
        taken, original = shift, None
        before = snapshot(shift, SHIFT_FIELDS)
        shift.person = to_person
        shift.save(update_fields=["person"])
        changes = diff(before, snapshot(shift, SHIFT_FIELDS))
    else:
        original = shift
        taken = OnCallShift.objects.create(
            pool=shift.pool,
            function=shift.function,
            person=to_person,
            kind=shift.kind,
            starts_at=moment,
            ends_at=shift.ends_at,
            note=shift.note,
            source=ShiftSource.HANDOVER,
            created_by=actor,
        )
        old_end = shift.ends_at
        shift.ends_at = moment
        shift.save(update_fields=["ends_at"])
        changes = {
            "ends_at": [old_end.isoformat(), moment.isoformat()],
            "person": [str(from_person), str(to_person)],
        }
    ShiftHandover.objects.create(
        shift=taken,
        original_shift=original,
        from_person=from_person,
        to_person=to_person,
        from_at=moment,
        by=actor,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="shift.handover",
        obj=taken,
        region=shift.pool.region,
        changes=changes,
        note=reason,
    )
    return taken


# ---------------------------------------------------------------- unavailability


@transaction.atomic
def unavailability_create(
    *,
    actor: User,
    person: Person,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str,
    note: str = "",
) -> Unavailability:
    """Record that a person cannot be on call. Existing shifts stay but stop counting as
    coverage for that period, so the gap shows up for the coordinator at once."""
    core_access.require(is_own(actor, person) or can_manage_person(actor, person))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [str(errors.END_BEFORE_START)]})
    item = Unavailability(
        person=person, starts_at=starts_at, ends_at=ends_at, reason=reason, note=note
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="unavailability.create",
        obj=item,
        region=person.region,
        changes=diff({}, snapshot(item, ["person", "starts_at", "ends_at", "reason", "note"])),
    )
    return item


@transaction.atomic
def unavailability_delete(*, actor: User, item: Unavailability) -> None:
    """Withdraw an unavailability."""
    core_access.require(is_own(actor, item.person) or can_manage_person(actor, item.person))
    before = snapshot(item, ["person", "starts_at", "ends_at", "reason", "note"])
    audit_record(
        actor=actor,
        action="unavailability.delete",
        obj=item,
        region=item.person.region,
        changes=diff(before, {}),
    )
    item.delete()


# ---------------------------------------------------------------- repeating patterns


@dataclass
class PatternResult:
    created: list[OnCallShift] = field(default_factory=list)
    #: Slots nobody in the rotation could take, with the reason for each person tried.
    unfilled: list[tuple[dt.datetime, dt.datetime, list[str]]] = field(default_factory=list)


@transaction.atomic
def roster_generate(
    *,
    actor: User,
    pool: Pool,
    function: Function,
    kind: str,
    rotation: Sequence[Person],
    first_day: dt.date,
    last_day: dt.date,
    handover_time: dt.time,
    shift_days: int = 7,
) -> PatternResult:
    """Fill a period with consecutive shifts, handing over at a fixed local time, taking the
    people of `rotation` in turn (six people with week shifts: one week on, five off).

    A person who is unavailable or already on call for a slot is passed over for the next in
    the rotation; a slot nobody can take is reported, not silently skipped.
    """
    core_access.require(can_manage_pool(actor, pool))
    if not rotation:
        raise ValidationError({"rotation": [str(errors.PATTERN_NEEDS_PEOPLE)]})
    if last_day < first_day or (last_day - first_day).days > 731:
        raise ValidationError({"last_day": [str(errors.PATTERN_PERIOD)]})
    zone = local_zone()
    result = PatternResult()
    turn = 0
    day = first_day
    while day <= last_day:
        next_day = min(day + dt.timedelta(days=shift_days), last_day + dt.timedelta(days=1))
        starts_at = dt.datetime.combine(day, handover_time, tzinfo=zone)
        ends_at = dt.datetime.combine(next_day, handover_time, tzinfo=zone)
        reasons: list[str] = []
        for attempt in range(len(rotation)):
            person = rotation[(turn + attempt) % len(rotation)]
            try:
                shift = shift_create(
                    actor=actor,
                    pool=pool,
                    function=function,
                    person=person,
                    kind=kind,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    source=ShiftSource.PATTERN,
                )
            except ValidationError as exc:
                reasons.extend(exc.messages)
                continue
            result.created.append(shift)
            turn = (turn + attempt + 1) % len(rotation)
            break
        else:
            result.unfilled.append((starts_at, ends_at, reasons))
            turn = (turn + 1) % len(rotation)
        day = next_day
    return result
