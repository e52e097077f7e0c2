"""Recording a damage report: from the public form (no actor) or by staff (phone, desk, visit).

`report_create` checks every field at once and answers a ValidationError by field with a Dutch
message that names the field; it writes the report, its photos, the "received" event and the
audit entry in one transaction, and gives the report a reference code the reporter can quote
("S-7K3M-9QX2"). A report sent twice with the same `client_key` (the form's hidden key, an API
client's key) is written once: the second call returns the first report.

Who may record:
- the public (`actor=None`, channel "form") only for a real, open incident whose public form
  is open — an exercise's form is a preview that stores nothing (`views/public.py`);
- staff who handle the incident's reports (`access.can_handle`), for a real incident or an
  exercise, as long as the incident is open.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.text import neutralise_bidi
from oranje.core.validation import normalise_phone, parse_house, parse_postcode
from oranje.damage.access import can_handle
from oranje.damage.constants import (
    CITY_MAX,
    DESCRIPTION_MAX,
    EMAIL_MAX,
    NAME_MAX,
    REFERENCE_PREFIX,
    Channel,
    DamageKind,
    EventKind,
    Insured,
)
from oranje.damage.models import DamageEvent, DamagePhoto, DamageReport, PublicForm
from oranje.damage.services.photos import (
    PreparedPhoto,
    Upload,
    files_delete,
    photo_store,
    photos_prepare,
)
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open
from oranje.incidents.services.parsing import parse_point

#: The reference's alphabet: digits and capitals without 0/O and 1/I (read aloud on the phone).
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
#: Attempts at a fresh reference before giving up (32^8 codes: a collision is rare already).
REFERENCE_TRIES = 8
CLIENT_KEY_MAX = 64

NAME_REQUIRED = gettext_lazy("name: fill in your name.")
TOO_LONG = gettext_lazy("%(field)s: at most %(max)s characters (this one has %(n)s).")
CONTACT_REQUIRED = gettext_lazy(
    "phone: give a phone number or an e-mail address, so that we can reach you."
)
EMAIL_INVALID = gettext_lazy(
    "e-mail: '%(value)s' is not an e-mail address (like naam@voorbeeld.nl)."
)
POSTCODE_REQUIRED = gettext_lazy("postcode: fill in the postcode (like 2011 AB).")
HOUSE_REQUIRED = gettext_lazy("house number: fill in the house number (like 12 or 12a).")
KIND_UNKNOWN = gettext_lazy("kind of damage: choose one of the kinds.")
INSURED_UNKNOWN = gettext_lazy("insured: choose yes, no or don't know.")
DESCRIPTION_REQUIRED = gettext_lazy("description: describe the damage.")
CHANNEL_UNKNOWN = gettext_lazy("channel: choose form, phone, desk or field visit.")
POINT_INVALID = gettext_lazy("location: %(problem)s")
FORM_CLOSED = gettext_lazy(
    "The damage form of this incident is not open: report the damage by phone to the municipality."
)
EXERCISE_NO_FORM = gettext_lazy("An exercise has no public damage form; nothing was stored.")
CLIENT_KEY_TOO_LONG = gettext_lazy("client key: at most %(max)s characters.")
#: PostgreSQL can neither store nor compare a NUL character: refused before any query.
HAS_NUL = gettext_lazy("%(field)s: a NUL character (code 0) cannot be used.")

#: The field names in the messages above, for TOO_LONG.
_FIELD_LABELS = {
    "reporter_name": gettext_lazy("name"),
    "reporter_phone": gettext_lazy("phone"),
    "reporter_email": gettext_lazy("e-mail"),
    "street": gettext_lazy("street"),
    "city": gettext_lazy("place"),
    "description": gettext_lazy("description"),
    "postcode": gettext_lazy("postcode"),
    "house": gettext_lazy("house number"),
    "client_key": gettext_lazy("client key"),
}


def _nul_errors(values: dict[str, object]) -> dict[str, list[str]]:
    """A message by field for every text that holds a NUL character."""
    return {
        name: [str(HAS_NUL % {"field": _FIELD_LABELS[name]})]
        for name, value in values.items()
        if isinstance(value, str) and "\x00" in value
    }


def new_reference() -> str:
    """A fresh reference code: S-XXXX-XXXX from the unambiguous alphabet."""
    body = "".join(secrets.choice(ALPHABET) for _i in range(8))
    return f"{REFERENCE_PREFIX}-{body[:4]}-{body[4:]}"


def normalise_reference(text: str) -> str:
    """What a caller reads out, as stored: ' s-7k3m 9qx2 ' → 'S-7K3M-9QX2' ('' if not one)."""
    plain = "".join(c for c in (text or "").upper() if c.isalnum())
    if plain.startswith(REFERENCE_PREFIX) and len(plain) == 9:
        plain = plain[1:]
    plain = plain.replace("O", "0").replace("I", "1")
    if len(plain) != 8 or any(c not in ALPHABET for c in plain):
        return ""
    return f"{REFERENCE_PREFIX}-{plain[:4]}-{plain[4:]}"


def _text(value: object, field: str, limit: int, errors: dict[str, list[str]]) -> str:
    text = neutralise_bidi(str(value or "")).strip()
    if len(text) > limit:
        errors.setdefault(field, []).append(
            str(TOO_LONG % {"field": _FIELD_LABELS[field], "max": limit, "n": len(text)})
        )
    return text


def _flag(value: object) -> bool:
    """A yes/no as a caller may give it: True, or 'yes', 'on', 'true', '1' (a form's text)."""
    if isinstance(value, str):
        return value.strip().lower() in {"yes", "on", "true", "1", "ja"}
    return value is True or value == 1


def _point(point: object, errors: dict[str, list[str]]) -> tuple[Decimal | None, Decimal | None]:
    if point is None or point == "" or point == ():
        return None, None
    text = point if isinstance(point, str) else ", ".join(str(v) for v in point)  # type: ignore[attr-defined]
    try:
        return parse_point(text)
    except ValidationError as exc:
        errors.setdefault("point", []).append(str(POINT_INVALID % {"problem": exc.messages[0]}))
        return None, None


def _require_may_record(actor: User | None, incident: Incident, channel: str) -> None:
    if actor is not None:
        if not can_handle(actor, incident):
            raise PermissionDenied
        require_open(incident)
        return
    if incident.is_exercise:
        raise ValidationError(str(EXERCISE_NO_FORM), code="exercise")
    require_open(incident)
    if (
        channel != Channel.FORM
        or not PublicForm.objects.filter(incident=incident, is_open=True).exists()
    ):
        raise ValidationError(str(FORM_CLOSED), code="form_closed")


def report_check(
    *,
    incident: Incident,
    channel: str = Channel.FORM,
    reporter_name: str,
    reporter_phone: str = "",
    reporter_email: str = "",
    postcode: str,
    house: str,
    street: str = "",
    city: str = "",
    kind: str,
    description: str,
    unsafe: bool = False,
    insured: str = Insured.UNKNOWN,
    consent_share: bool = False,
    point: object = None,
    photos: Iterable[Upload] = (),
) -> tuple[DamageReport, list[PreparedPhoto]]:
    """Every field checked and normalised, photos re-encoded; nothing stored. The unsaved
    report and its prepared photos, or a ValidationError by field (see `report_create`). The
    exercise's preview of the form shows what would have been sent with this."""
    errors = _nul_errors(
        {
            "reporter_name": reporter_name,
            "reporter_phone": reporter_phone,
            "reporter_email": reporter_email,
            "postcode": postcode,
            "house": house,
            "street": street,
            "city": city,
            "description": description,
        }
    )
    if errors:
        raise ValidationError(errors)
    name = _text(reporter_name, "reporter_name", NAME_MAX, errors)
    if not name:
        errors.setdefault("reporter_name", []).append(str(NAME_REQUIRED))
    phone_text = _text(reporter_phone, "reporter_phone", 40, errors)
    phone = ""
    if phone_text:
        try:
            phone = normalise_phone(phone_text)
        except ValidationError as exc:
            errors.setdefault("reporter_phone", []).extend(exc.messages)
    email = _text(reporter_email, "reporter_email", EMAIL_MAX, errors)
    if email and "reporter_email" not in errors:
        try:
            validate_email(email)
        except ValidationError:
            errors["reporter_email"] = [str(EMAIL_INVALID % {"value": email[:60]})]
    if not phone_text and not email:
        errors.setdefault("reporter_phone", []).append(str(CONTACT_REQUIRED))
    code = ""
    try:
        code = parse_postcode(str(postcode or "")[:40]).replace(" ", "")
    except ValidationError as exc:
        errors["postcode"] = exc.messages
    if not code and "postcode" not in errors:
        errors["postcode"] = [str(POSTCODE_REQUIRED)]
    number: int | None = None
    addition = ""
    try:
        number, addition = parse_house(str(house or "")[:40])
    except ValidationError as exc:
        errors["house"] = exc.messages
    if number is None and "house" not in errors:
        errors["house"] = [str(HOUSE_REQUIRED)]
    street_text = _text(street, "street", NAME_MAX, errors)
    city_text = _text(city, "city", CITY_MAX, errors)
    if kind not in DamageKind.values:
        errors["kind"] = [str(KIND_UNKNOWN)]
    insured = insured or Insured.UNKNOWN
    if insured not in Insured.values:
        errors["insured"] = [str(INSURED_UNKNOWN)]
    text = _text(description, "description", DESCRIPTION_MAX, errors)
    if not text:
        errors.setdefault("description", []).append(str(DESCRIPTION_REQUIRED))
    latitude, longitude = _point(point, errors)
    prepared: list[PreparedPhoto] = []
    try:
        prepared = photos_prepare(photos)
    except ValidationError as exc:
        errors["photos"] = exc.messages
    if errors or number is None:
        raise ValidationError(errors)

    report = DamageReport(
        incident=incident,
        channel=channel,
        reporter_name=name,
        reporter_phone=phone,
        reporter_email=email,
        postcode=code,
        house_number=number,
        house_addition=addition,
        street=street_text,
        city=city_text,
        kind=kind,
        description=text,
        unsafe=_flag(unsafe),
        insured=insured,
        consent_share=_flag(consent_share),
        latitude=latitude,
        longitude=longitude,
    )
    return report, prepared


def report_create(
    *,
    actor: User | None,
    incident: Incident,
    channel: str,
    reporter_name: str,
    reporter_phone: str = "",
    reporter_email: str = "",
    postcode: str,
    house: str,
    street: str = "",
    city: str = "",
    kind: str,
    description: str,
    unsafe: bool = False,
    insured: str = Insured.UNKNOWN,
    consent_share: bool = False,
    point: object = None,
    client_key: str = "",
    photos: Iterable[Upload] = (),
) -> DamageReport:
    """Record one damage report (see the module docstring). ValidationError: a dict by field
    (`reporter_name`, `reporter_phone`, `reporter_email`, `postcode`, `house`, `street`, `city`,
    `kind`, `description`, `insured`, `point`, `photos`, `client_key`), or a plain one when the
    incident is closed or the public form is not open. PermissionDenied: staff who may not
    handle the incident's reports."""
    channel = str(channel or "")
    if channel not in Channel.values:
        raise ValidationError({"channel": [str(CHANNEL_UNKNOWN)]})
    _require_may_record(actor, incident, channel)
    client_key = str(client_key or "").strip()
    if len(client_key) > CLIENT_KEY_MAX:
        raise ValidationError({"client_key": [str(CLIENT_KEY_TOO_LONG % {"max": CLIENT_KEY_MAX})]})
    if "\x00" in client_key:
        raise ValidationError(_nul_errors({"client_key": client_key}))
    if client_key:
        existing = DamageReport.objects.filter(incident=incident, client_key=client_key).first()
        if existing is not None:
            return existing

    report, prepared = report_check(
        incident=incident,
        channel=channel,
        reporter_name=reporter_name,
        reporter_phone=reporter_phone,
        reporter_email=reporter_email,
        postcode=postcode,
        house=house,
        street=street,
        city=city,
        kind=kind,
        description=description,
        unsafe=unsafe,
        insured=insured,
        consent_share=consent_share,
        point=point,
        photos=photos,
    )
    report.recorded_by = actor
    report.client_key = client_key
    written: list[DamagePhoto] = []
    try:
        return _write(actor, incident, report, prepared, written)
    except BaseException:
        files_delete(written)
        raise


def _write(
    actor: User | None,
    incident: Incident,
    report: DamageReport,
    prepared: list[PreparedPhoto],
    written: list[DamagePhoto],
) -> DamageReport:
    with transaction.atomic():
        for _attempt in range(REFERENCE_TRIES):
            report.reference = new_reference()
            try:
                with transaction.atomic():
                    report.save()
            except IntegrityError:
                report.pk = None
                if report.client_key:
                    # The same form sent twice at the same moment: the other one was first.
                    existing = DamageReport.objects.filter(
                        incident=incident, client_key=report.client_key
                    ).first()
                    if existing is not None:
                        return existing
                continue
            break
        else:  # pragma: no cover - eight collisions among 32^8 codes
            raise RuntimeError("no free damage reference")
        for photo in prepared:
            written.append(photo_store(report=report, prepared=photo))
        DamageEvent.objects.create(
            report=report,
            by=actor,
            by_name=(actor.get_full_name() or actor.get_username()) if actor else "",
            kind=EventKind.RECEIVED,
            text=str(Channel(report.channel).label),
        )
        audit_record(
            actor=actor,
            action=AuditAction.DAMAGE_REPORT_CREATE,
            obj=report,
            region=incident.region,
            changes={
                "channel": report.channel,
                "kind": report.kind,
                "unsafe": report.unsafe,
                "photos": len(written),
            },
            note=report.reference,
        )
    return report
