"""The cold phase: a municipality's register of pre-agreed shelter locations, and the region's
care norms.

Every write checks the right to manage the location's municipality (`can_manage_location`)
or the region (`can_manage_region`, the norms) itself, checks every field at once (one
ValidationError keyed by field, Dutch messages that name the field) and writes its audit
entry in the same transaction. Contacts are people: the audit entry counts them, it never
names them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.care.access import can_manage_location
from oranje.care.constants import CAPACITY_MAX, FACILITIES, NAME_MAX, TEXT_MAX, LocationKind
from oranje.care.models import CareNorms, Location, LocationContact
from oranje.core import access as core_access
from oranje.core import params
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region
from oranje.registry.validation import parse_phone, parse_postcode

#: The most contacts one location keeps (the import has columns for the first CONTACT_SLOTS).
CONTACTS_MAX = 10
CODE_MAX = 40
#: An agreement that ends within this many days is flagged in the register.
AGREEMENT_WARNING_DAYS = 90
#: Bounds of the norms a region may set (the national ones: 3 h, 10 %, 200, 48 h).
SHELTER_HOURS_MAX = 72
HOUSING_HOURS_MAX = 24 * 30

HAS_SHELTERS = gettext_lazy(
    "%(name)s cannot be removed: it has been opened as a shelter %(count)s time(s). "
    "Mark it as not available instead."
)
CODE_TAKEN = gettext_lazy("code: %(municipality)s already has a location with code %(code)s.")
UNAVAILABLE_DATE_WHILE_AVAILABLE = gettext_lazy(
    "not available until: only for a location that is not available."
)


@dataclass(frozen=True)
class ContactData:
    """A key holder or contact person, in calling order."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class LocationData:
    """What a user gives about a location: from the form, the API or one row of an import."""

    code: str
    name: str
    kind: str = LocationKind.OTHER
    street: str = ""
    house_number: int | None = None
    house_addition: str = ""
    postcode: str = ""
    city: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    capacity_day: int = 0
    capacity_night: int = 0
    kitchen: bool = False
    showers: bool = False
    wheelchair: bool = False
    pets: bool = False
    medical_room: bool = False
    power_backup: bool = False
    owner: str = ""
    agreement_until: dt.date | None = None
    available: bool = True
    unavailable_until: dt.date | None = None
    note: str = ""
    contacts: tuple[ContactData, ...] = field(default_factory=tuple)


#: The location's own fields that LocationData sets (all but the contacts).
FIELDS = tuple(f for f in LocationData.__dataclass_fields__ if f != "contacts")


def _coordinate(value: Decimal | None, *, label: str, bound: int) -> Decimal | None:
    if value is None:
        return None
    try:
        rounded = Decimal(value).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(field)s: not a number.") % {"field": label}) from None
    # The column holds 8 digits, 6 of them decimals: |value| < 100.
    limit = min(bound, 99)
    if not -limit <= rounded <= limit:
        raise ValidationError(
            _("%(field)s: must lie between -%(limit)s and %(limit)s.")
            % {"field": label, "limit": limit}
        )
    return rounded


def _contact_problems(
    contacts: tuple[ContactData, ...], errors: dict[str, list[str]]
) -> tuple[ContactData, ...]:
    kept: list[ContactData] = []
    if len(contacts) > CONTACTS_MAX:
        errors.setdefault("contacts", []).append(
            _("contacts: at most %(max)s.") % {"max": CONTACTS_MAX}
        )
        return ()
    for number, contact in enumerate(contacts, start=1):
        name, role = contact.name.strip(), contact.role.strip()
        email = contact.email.strip()
        if not (name or role or contact.phone.strip() or email):
            continue  # an empty row of the form or the file
        key = f"contact{number}"
        if not name:
            errors.setdefault(f"{key}_name", []).append(
                _("contact %(number)s: give the name.") % {"number": number}
            )
        for label, value, limit in ((name, "name", NAME_MAX), (role, "role", NAME_MAX)):
            if len(label) > limit:
                errors.setdefault(f"{key}_{value}", []).append(
                    _("contact %(number)s: at most %(max)s characters.")
                    % {"number": number, "max": limit}
                )
        try:
            phone = parse_phone(contact.phone, field=_("phone of contact %(n)s") % {"n": number})
        except ValidationError as exc:
            errors.setdefault(f"{key}_phone", []).extend(exc.messages)
            phone = ""
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.setdefault(f"{key}_email", []).append(
                    _("e-mail of contact %(number)s: '%(value)s' is not an e-mail address.")
                    % {"number": number, "value": email[:60]}
                )
        kept.append(ContactData(name=name, role=role, phone=phone, email=email))
    return tuple(kept)


def location_problems(data: LocationData) -> tuple[LocationData, dict[str, list[str]]]:
    """The data in its normal form (postcode 2011AB, phones in E.164, coordinates to six
    decimals, text trimmed) and every problem, keyed by field (contacts: `contact<n>_<field>`)."""
    errors: dict[str, list[str]] = {}

    def bad(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    code, name = data.code.strip(), " ".join(data.name.split())
    if not code:
        bad("code", _("code: give the municipality's own code of the location."))
    elif len(code) > CODE_MAX:
        bad("code", _("code: at most %(max)s characters.") % {"max": CODE_MAX})
    if not name:
        bad("name", _("name: give the name of the location."))
    elif len(name) > NAME_MAX:
        bad("name", _("name: at most %(max)s characters.") % {"max": NAME_MAX})
    if data.kind not in LocationKind.values:
        bad("kind", _("kind: unknown value."))
    texts = {
        "street": (data.street, _("street")),
        "city": (data.city, _("place")),
        "owner": (data.owner, _("owner")),
    }
    for key, (value, label) in texts.items():
        if len(value.strip()) > NAME_MAX:
            bad(
                key,
                _("%(field)s: at most %(max)s characters.") % {"field": label, "max": NAME_MAX},
            )
    if len(data.note) > TEXT_MAX:
        bad("note", _("note: at most %(max)s characters.") % {"max": TEXT_MAX})
    if len(data.house_addition.strip()) > 10:
        bad("house_addition", _("addition: at most 10 characters."))
    if data.house_number is not None and not 1 <= data.house_number <= 99999:
        bad("house_number", _("house number: must lie between 1 and 99999."))
    try:
        postcode = parse_postcode(data.postcode).replace(" ", "")
    except ValidationError as exc:
        bad("postcode", exc.messages[0])
        postcode = ""
    coordinates: dict[str, Decimal | None] = {}
    for key, label, bound in (
        ("latitude", _("latitude"), 90),
        ("longitude", _("longitude"), 180),
    ):
        try:
            coordinates[key] = _coordinate(getattr(data, key), label=label, bound=bound)
        except ValidationError as exc:
            bad(key, exc.messages[0])
            coordinates[key] = None
    if (data.latitude is None) != (data.longitude is None):
        bad("longitude", _("coordinates: give both latitude and longitude, or neither."))
    for key, label in (
        ("capacity_day", _("capacity by day")),
        ("capacity_night", _("capacity by night")),
    ):
        value = getattr(data, key)
        if not 0 <= value <= CAPACITY_MAX:
            bad(
                key,
                _("%(field)s: must lie between 0 and %(max)s.")
                % {"field": label, "max": CAPACITY_MAX},
            )
    for key in ("agreement_until", "unavailable_until"):
        day = getattr(data, key)
        if day is not None and not params.FIRST_DATE <= day <= params.LAST_DATE:
            bad(key, params.date_window_message())
    if data.available and data.unavailable_until is not None:
        bad("unavailable_until", str(UNAVAILABLE_DATE_WHILE_AVAILABLE))
    contacts = _contact_problems(data.contacts, errors)
    clean = replace(
        data,
        code=code,
        name=name,
        street=data.street.strip(),
        house_addition=data.house_addition.strip().upper(),
        postcode=postcode,
        city=data.city.strip(),
        owner=data.owner.strip(),
        note=data.note.strip(),
        latitude=coordinates["latitude"],
        longitude=coordinates["longitude"],
        contacts=contacts,
    )
    return clean, errors


def location_data(location: Location) -> LocationData:
    """What is stored, in the form `location_save` takes (for forms and comparisons)."""
    return LocationData(
        **{name: getattr(location, name) for name in FIELDS},
        contacts=tuple(
            ContactData(name=c.name, role=c.role, phone=c.phone, email=c.email)
            for c in location.contacts.all()
        ),
    )


def _changes(before: LocationData | None, after: LocationData) -> dict[str, list[object]]:
    """Field -> [old, new] for the audit log; the contacts only counted (they are people)."""
    changes: dict[str, list[object]] = {}
    for name in FIELDS:
        old = getattr(before, name) if before is not None else None
        new = getattr(after, name)
        if before is None or old != new:
            changes[name] = [_plain(old), _plain(new)]
    old_contacts = before.contacts if before is not None else ()
    if old_contacts != after.contacts:
        changes["contacts"] = [len(old_contacts), len(after.contacts)]
    return changes


def _plain(value: object) -> object:
    if isinstance(value, Decimal | dt.date):
        return str(value)
    return value


def _code_taken(municipality: Municipality, code: str, exclude: int | None) -> bool:
    taken = Location.objects.filter(municipality=municipality, code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    return taken.exists()


def location_write(
    *,
    location: Location,
    municipality: Municipality,
    data: LocationData,
    new_contacts: list[LocationContact] | None = None,
) -> dict[str, list[object]]:
    """Store checked data on the location (new or locked) and its contacts; the changes.
    For `location_save` and the import, which have checked the right and the data. With
    `new_contacts` the contacts to create are added to that list for one bulk insert."""
    before = location_data(location) if location.pk else None
    changes = _changes(before, data)
    if not changes and location.pk:
        return {}
    location.municipality = municipality
    for name in FIELDS:
        setattr(location, name, getattr(data, name))
    location.updated_at = timezone.now()
    # The municipality is the caller's (checked); validating it again is a query per row.
    location.full_clean(exclude=["municipality"], validate_unique=False, validate_constraints=False)
    location.save()
    if before is None or before.contacts != data.contacts:
        if before is not None:
            location.contacts.all().delete()
        contacts = [
            LocationContact(
                location=location,
                order=order,
                name=c.name,
                role=c.role,
                phone=c.phone,
                email=c.email,
            )
            for order, c in enumerate(data.contacts)
        ]
        if new_contacts is not None:
            new_contacts.extend(contacts)
        else:
            LocationContact.objects.bulk_create(contacts)
    return changes


def location_save(
    *,
    actor: AnyUser,
    municipality: Municipality,
    data: LocationData,
    location: Location | None = None,
) -> Location:
    """Create a location (or change `location`) in `municipality`, contacts in the order
    given; ValidationError keyed by field for bad data, 403 without the right to manage the
    municipality (and, for a move, the location's current one)."""
    user = core_access.authenticated(actor)
    core_access.require(can_manage_location(user, municipality))
    if location is not None:
        core_access.require(can_manage_location(user, location.municipality))
    clean, errors = location_problems(data)
    with transaction.atomic():
        if location is not None:
            location = Location.objects.select_for_update().get(pk=location.pk)
        if "code" not in errors and _code_taken(
            municipality, clean.code, location.pk if location else None
        ):
            errors.setdefault("code", []).append(
                str(CODE_TAKEN % {"municipality": municipality.name, "code": clean.code})
            )
        if errors:
            raise ValidationError(errors)
        target = location if location is not None else Location()
        changes = location_write(location=target, municipality=municipality, data=clean)
        if changes:
            audit_record(
                actor=user,
                action=AuditAction.LOCATION_SAVE,
                obj=target,
                region=municipality.region,
                changes=changes,
            )
    return target


def location_delete(*, actor: AnyUser, location: Location) -> None:
    """Remove a location from the register, with its contacts; refused (Dutch message) when
    it has ever been opened as a shelter: that history stays."""
    user = core_access.authenticated(actor)
    core_access.require(can_manage_location(user, location.municipality))
    with transaction.atomic():
        locked = (
            Location.objects.select_for_update()
            .select_related("municipality__region")
            .get(pk=location.pk)
        )
        opened = locked.shelters.count()
        if opened:
            raise ValidationError(str(HAS_SHELTERS % {"name": locked.name, "count": opened}))
        audit_record(
            actor=user,
            action=AuditAction.LOCATION_DELETE,
            obj=locked,
            region=locked.municipality.region,
            changes={"code": [locked.code, None]},
        )
        locked.delete()


def agreement_state(location: Location, today: dt.date) -> str:
    """'expired', 'ending' (within AGREEMENT_WARNING_DAYS) or '' for the register's flag."""
    if location.agreement_until is None:
        return ""
    if location.agreement_until < today:
        return "expired"
    if location.agreement_until <= today + dt.timedelta(days=AGREEMENT_WARNING_DAYS):
        return "ending"
    return ""


def facilities_of(location: Location) -> list[str]:
    return [str(label) for name, label in FACILITIES.items() if getattr(location, name)]


# ---------------------------------------------------------------- the region's care norms


@dataclass(frozen=True)
class NormsData:
    shelter_hours: int
    capacity_percent: int
    capacity_max: int
    housing_hours: int


def norms_problems(data: NormsData) -> dict[str, list[str]]:
    bounds = {
        "shelter_hours": (_("shelter ready within (hours)"), 1, SHELTER_HOURS_MAX),
        "capacity_percent": (_("percentage"), 1, 100),
        "capacity_max": (_("capacity at most"), 1, CAPACITY_MAX),
        "housing_hours": (_("temporary housing within (hours)"), 1, HOUSING_HOURS_MAX),
    }
    errors: dict[str, list[str]] = {}
    for name, (label, low, high) in bounds.items():
        value = getattr(data, name)
        if not low <= value <= high:
            errors[name] = [
                _("%(field)s: must lie between %(low)s and %(high)s.")
                % {"field": label, "low": low, "high": high}
            ]
    return errors


def care_norms_save(*, actor: AnyUser, region: Region, data: NormsData) -> CareNorms:
    """Set the region's shelter norms (its managers only, 403 otherwise)."""
    user = core_access.authenticated(actor)
    core_access.require(core_access.can_manage_region(user, region.pk))
    errors = norms_problems(data)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        norms = CareNorms.objects.select_for_update().filter(region=region).first()
        if norms is None:
            norms = CareNorms(region=region)
        changes = {
            name: [getattr(norms, name), value]
            for name, value in asdict(data).items()
            if getattr(norms, name) != value or norms.pk is None
        }
        if not changes:
            return norms
        for name, value in asdict(data).items():
            setattr(norms, name, value)
        norms.updated_at = timezone.now()
        norms.updated_by = user
        norms.save()
        audit_record(
            actor=user,
            action=AuditAction.CARE_NORMS,
            obj=norms,
            region=region,
            changes=changes,
        )
    return norms
