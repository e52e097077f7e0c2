"""Temporary housing for households that cannot go home: needed (since when), placed (where,
from when, until when), ended. The norm (48 hours by default, `CareNorms.housing_hours` of
the region) runs per household from `needed_since` to `placed_at`; see
`selectors_needs.housing_rows` for the measurement.

A household has at most one housing record that is not ended: a household that needs housing
again after an earlier one ended gets a new record, so each measurement stays what it was.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.care.access import can_desk
from oranje.care.constants import HousingStatus
from oranje.care.models import Household, Housing
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open

ACTIVE = (HousingStatus.NEEDED, HousingStatus.PLACED)
#: A clock a little ahead on the tablet is not "the future".
_SKEW = dt.timedelta(minutes=5)


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


def _not_future(moment: dt.datetime, field: str, label: str) -> None:
    if moment > timezone.now() + _SKEW:
        raise ValidationError({field: [_("%(field)s: lies in the future.") % {"field": label}]})


@transaction.atomic
def housing_mark_needed(
    *, household: Household, actor: User, since: dt.datetime | None = None, note: str = ""
) -> Housing:
    """Record that the household cannot go home and needs temporary housing (since now, or
    since `since`)."""
    household = (
        Household.objects.select_for_update().select_related("incident").get(pk=household.pk)
    )
    incident = household.incident
    core_access.require(can_desk(actor, incident.region_id))
    require_open(incident)
    since = since or timezone.now()
    label = _("needs housing since")
    _not_future(since, "needed_since", label)
    if since < incident.started_at:
        raise ValidationError(
            {
                "needed_since": [
                    _("%(field)s: before the start of the incident (%(start)s).")
                    % {"field": label, "start": _when(incident.started_at)}
                ]
            }
        )
    current = Housing.objects.filter(household=household, status__in=ACTIVE).first()
    if current is not None:
        raise ValidationError(
            {
                "household": [
                    _("household: already on the housing list (since %(since)s).")
                    % {"since": _when(current.needed_since)}
                ]
            }
        )
    housing = Housing.objects.create(
        household=household,
        needed_since=since,
        note=note.strip(),
        updated_at=timezone.now(),
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.HOUSING_SAVE,
        obj=housing,
        region=incident.region,
        changes={"status": [None, housing.status], "needed_since": [None, since.isoformat()]},
        note=str(household),
    )
    return housing


def _locked(housing: Housing, actor: User) -> Housing:
    housing = (
        Housing.objects.select_for_update()
        .select_related("household__incident__region")
        .get(pk=housing.pk)
    )
    incident = housing.household.incident
    core_access.require(can_desk(actor, incident.region_id))
    require_open(incident)
    if housing.status == HousingStatus.ENDED:
        raise ValidationError(
            {"status": [_("status: this housing has ended; record a new need for housing.")]}
        )
    return housing


@transaction.atomic
def housing_place(
    *,
    housing: Housing,
    actor: User,
    address: str,
    placed_at: dt.datetime | None = None,
    until: dt.date | None = None,
    note: str | None = None,
) -> Housing:
    """Record where the household is placed, from when (now unless said) and until when; a
    household already placed may be moved (the norm keeps its first placement)."""
    housing = _locked(housing, actor)
    errors: dict[str, list[str]] = {}
    address = address.strip()
    if not address:
        errors["address"] = [_("where: give the address or place of the housing.")]
    first_placement = housing.placed_at is None
    placed_at = placed_at or housing.placed_at or timezone.now()
    placed_label = _("placed at")
    if placed_at > timezone.now() + _SKEW:
        errors["placed_at"] = [_("%(field)s: lies in the future.") % {"field": placed_label}]
    elif placed_at < housing.needed_since:
        errors["placed_at"] = [
            _("%(field)s: before the household needed housing (%(since)s).")
            % {"field": placed_label, "since": _when(housing.needed_since)}
        ]
    if until is not None and until < timezone.localtime(placed_at).date():
        errors["until"] = [_("until: before the placement.")]
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list[object]] = {}
    new: dict[str, object] = {
        "status": HousingStatus.PLACED,
        "address": address,
        "placed_at": placed_at if first_placement else housing.placed_at,
        "until": until,
    }
    if note is not None:
        new["note"] = note.strip()
    for name, value in new.items():
        old = getattr(housing, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
            setattr(housing, name, value)
    if not changes:
        return housing
    housing.updated_at, housing.updated_by = timezone.now(), actor
    housing.save()
    audit_record(
        actor=actor,
        action=AuditAction.HOUSING_SAVE,
        obj=housing,
        region=housing.household.incident.region,
        # Where a household lives and what its note says are personal: the audit says that
        # they changed, not what.
        changes={k: (_HIDDEN if k in ("address", "note") else v) for k, v in changes.items()},
        note=str(housing.household),
    )
    return housing


@transaction.atomic
def housing_end(*, housing: Housing, actor: User) -> Housing:
    """The household no longer needs the temporary housing (gone home, or found its own)."""
    housing = _locked(housing, actor)
    old = housing.status
    housing.status = HousingStatus.ENDED
    housing.updated_at, housing.updated_by = timezone.now(), actor
    housing.save()
    audit_record(
        actor=actor,
        action=AuditAction.HOUSING_SAVE,
        obj=housing,
        region=housing.household.incident.region,
        changes={"status": [old, HousingStatus.ENDED]},
        note=str(housing.household),
    )
    return housing


#: How the audit shows a personal field that changed.
_HIDDEN = ["…", "…"]


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def housing_read(*, actor: User, incident: Incident, rows: int, what: str) -> None:
    """One audit entry for a read of the housing list (households' names and where they are
    placed): who, which incident, how many rows — never names."""
    audit_record(
        actor=actor,
        action=AuditAction.GUESTS_READ,
        obj=incident,
        region=incident.region,
        changes={"page": what, "rows": rows},
    )
