"""Writes of the description of population care and the regional point of contact.

Every save of the description is a new version (the old ones stay, the history page shows
them); national administrators write the national text, a region's managers its additions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.core.text import neutralise_bidi
from oranje.core.validation import normalise_phone
from oranje.partners.constants import DESCRIPTION_PART_MAX, DescriptionPart
from oranje.partners.models import ContactPoint, Description

PARTS: tuple[str, ...] = tuple(DescriptionPart.values)
#: Longest "what changed" note (the model's column).
NOTE_MAX = 255
#: The point of contact's text columns and their lengths (the model's).
CONTACT_LIMITS = {"name": 150, "role": 150, "note": 255}
EMAIL_MAX = 254


@dataclass(frozen=True)
class ComposedPart:
    """One part of the description as a region shows it: the national text and the
    region's addition (empty when it has none)."""

    code: str
    label: str
    national: str
    addition: str


def can_write_national(user: object) -> bool:
    """Only national administrators write the national text."""
    return core_access.scopes_for(user).national_manage  # type: ignore[arg-type]


def can_write_regional(user: object, region: Region) -> bool:
    """A region's managers (and national administrators) write the region's additions."""
    return core_access.can_manage_region(user, region.pk)  # type: ignore[arg-type]


def national_current() -> Description | None:
    return (
        Description.objects.filter(region__isnull=True)
        .select_related("published_by")
        .order_by("-version")
        .first()
    )


def regional_current(region: Region) -> Description | None:
    return (
        Description.objects.filter(region=region)
        .select_related("published_by")
        .order_by("-version")
        .first()
    )


def composed(region: Region) -> list[ComposedPart]:
    """The description as the region shows it: per part the newest national text and the
    newest regional addition."""
    national = national_current()
    regional = regional_current(region)
    return [
        ComposedPart(
            code=code,
            label=str(label),
            national=getattr(national, code, "") if national else "",
            addition=getattr(regional, code, "") if regional else "",
        )
        for code, label in DescriptionPart.choices
    ]


def _clean_texts(texts: dict[str, str], *, national: bool) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, str] = {}
    labels = dict(DescriptionPart.choices)
    for code in PARTS:
        value = neutralise_bidi(str(texts.get(code, "") or "")).strip()
        if len(value) > DESCRIPTION_PART_MAX:
            errors[code] = [
                _("%(label)s: at most %(max)s characters; shorten the text.")
                % {"label": labels[code], "max": DESCRIPTION_PART_MAX}
            ]
        elif national and not value:
            errors[code] = [
                _("%(label)s: the national text cannot be empty; write what applies everywhere.")
                % {"label": labels[code]}
            ]
        clean[code] = value
    if errors:
        raise ValidationError(errors)
    return clean


def _clean_note(note: str) -> str:
    value = neutralise_bidi(note or "").strip()
    if not value:
        raise ValidationError(
            {"note": _("What changed: say in one line what is new in this version.")}
        )
    if len(value) > NOTE_MAX:
        raise ValidationError(
            {"note": _("What changed: at most %(max)s characters.") % {"max": NOTE_MAX}}
        )
    return value


@transaction.atomic
def description_publish(
    *, actor: User, region: Region | None, texts: dict[str, str], note: str
) -> Description:
    """A new version of the national text (`region` None) or of a region's additions.
    Refuses a version identical to the current one: a version says what changed."""
    if region is None:
        if not can_write_national(actor):
            raise PermissionDenied
    elif not can_write_regional(actor, region):
        raise PermissionDenied
    # One writer at a time per text: the region's row (or, nationally, the existing rows).
    if region is not None:
        Region.objects.select_for_update().filter(pk=region.pk).first()
        rows = Description.objects.filter(region=region)
    else:
        rows = Description.objects.filter(region__isnull=True)
    # Ordered by the row's own columns: the model's default ordering joins the region, and
    # PostgreSQL refuses FOR UPDATE on the nullable side of that outer join.
    list(rows.order_by("pk").select_for_update(of=("self",)).values_list("pk", flat=True))
    clean = _clean_texts(texts, national=region is None)
    clean_note = _clean_note(note)
    current = rows.order_by("-version").first()
    if current is not None and all(getattr(current, c) == clean[c] for c in PARTS):
        raise ValidationError(
            _("Nothing changed: this text is the same as the current version; change a part.")
        )
    if region is not None and current is None and not any(clean.values()):
        raise ValidationError(
            _("Nothing to add: write the region's addition to at least one part.")
        )
    version = (rows.aggregate(top=Max("version"))["top"] or 0) + 1
    row = Description(
        region=region,
        version=version,
        note=clean_note,
        published_at=timezone.now(),
        published_by=actor,
        **clean,
    )
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=(
            AuditAction.DESCRIPTION_NATIONAL_PUBLISH
            if region is None
            else AuditAction.DESCRIPTION_REGIONAL_PUBLISH
        ),
        obj=row,
        region=region,
        changes={
            "version": version,
            "parts": [c for c in PARTS if current is None or getattr(current, c) != clean[c]],
        },
        note=clean_note,
    )
    return row


@transaction.atomic
def contact_point_save(
    *,
    actor: User,
    region: Region,
    name: str,
    role: str,
    phone: str,
    email: str,
    note: str = "",
) -> ContactPoint:
    """Set the region's point of contact for population care (one per region)."""
    if not core_access.can_manage_region(actor, region.pk):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    values = {
        "name": neutralise_bidi(name or "").strip(),
        "role": neutralise_bidi(role or "").strip(),
        "note": neutralise_bidi(note or "").strip(),
        "email": (email or "").strip(),
    }
    if not values["name"]:
        errors["name"] = [_("Name: fill in who the point of contact is.")]
    labels = {"name": _("Name"), "role": _("Role"), "note": _("Note")}
    for key, limit in CONTACT_LIMITS.items():
        if len(values[key]) > limit:
            errors[key] = [
                _("%(label)s: at most %(max)s characters.") % {"label": labels[key], "max": limit}
            ]
    try:
        values["phone"] = normalise_phone(phone)
    except ValidationError as exc:
        errors["phone"] = [_("Phone: %(problem)s") % {"problem": " ".join(exc.messages)}]
    if not values["email"]:
        errors["email"] = [_("E-mail: fill in an address partners can write to.")]
    else:
        try:
            validate_email(values["email"])
            if len(values["email"]) > EMAIL_MAX:
                raise ValidationError("too long")
        except ValidationError:
            errors["email"] = [
                _("E-mail: '%(value)s' is not an e-mail address (for example bz@vrk.nl).")
                % {"value": values["email"][:80]}
            ]
    if errors:
        raise ValidationError(errors)
    existing = ContactPoint.objects.select_for_update().filter(region=region).first()
    before = (
        {k: getattr(existing, k) for k in ("name", "role", "phone", "email", "note")}
        if existing
        else {}
    )
    contact = existing or ContactPoint(region=region)
    for key, value in values.items():
        setattr(contact, key, value)
    contact.updated_at = timezone.now()
    contact.updated_by = actor
    contact.full_clean()
    contact.save()
    audit_record(
        actor=actor,
        action=AuditAction.CONTACT_POINT_SAVE,
        obj=contact,
        region=region,
        changes={k: [before.get(k, ""), v] for k, v in values.items() if before.get(k) != v},
    )
    return contact
