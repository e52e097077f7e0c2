"""Needs and supplies (beds, blankets, an interpreter, …) of an incident and its shelters,
and the meal counts per shelter, day and meal moment.

A need moves forward only: open → in progress → done or cancelled (open may go straight to
done or cancelled); a finished need is history and is not changed again — a new request is
a new need. Needs carry no names of persons: the form says so, the audit log gets only the
kind and the status.

A meal count is one per shelter, day and moment: recording it again replaces the number.
The suggestion is the shelter's present guests, the special diets those of present guests
with a diet recorded at check-in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.care.access import can_supply
from oranje.care.constants import CAPACITY_MAX, MealMoment, NeedKind, NeedStatus
from oranje.care.models import Guest, MealCount, Need, Shelter
from oranje.core import access as core_access
from oranje.core import params
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open

#: Where a need may go from each status.
NEXT_STATUS: dict[str, frozenset[str]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.IN_PROGRESS, NeedStatus.DONE, NeedStatus.CANCELLED}),
    NeedStatus.IN_PROGRESS: frozenset({NeedStatus.DONE, NeedStatus.CANCELLED}),
    NeedStatus.DONE: frozenset(),
    NeedStatus.CANCELLED: frozenset(),
}
OPEN_STATUSES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


@dataclass(frozen=True)
class NeedData:
    """What is asked, already parsed (forms, serializers)."""

    kind: str
    quantity: int | None = None
    description: str = ""
    handler: str = ""
    shelter: Shelter | None = None


def _check_need(incident: Incident, data: NeedData) -> None:
    errors: dict[str, list[str]] = {}
    if data.kind not in NeedKind.values:
        errors["kind"] = [_("kind: choose one of the kinds of need.")]
    elif data.kind == NeedKind.OTHER and not data.description.strip():
        errors["description"] = [_("description: say what is needed when the kind is 'other'.")]
    if data.quantity is not None and not 1 <= data.quantity <= CAPACITY_MAX:
        errors["quantity"] = [
            _("quantity: give a number from 1 to %(max)s.") % {"max": CAPACITY_MAX}
        ]
    if data.shelter is not None and data.shelter.incident_id != incident.pk:
        errors["shelter"] = [_("shelter: not a shelter of this incident.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def need_create(*, incident: Incident, actor: User, data: NeedData) -> Need:
    """Record a request for supplies or help; open, handled by nobody yet unless said."""
    core_access.require(can_supply(actor, incident))
    require_open(incident)
    _check_need(incident, data)
    if data.shelter is not None and not data.shelter.is_open:
        raise ValidationError(
            {"shelter": [_("shelter: %(name)s is closed.") % {"name": data.shelter.location.name}]}
        )
    now = timezone.now()
    need = Need.objects.create(
        incident=incident,
        shelter=data.shelter,
        kind=data.kind,
        quantity=data.quantity,
        description=data.description.strip(),
        handler=data.handler.strip(),
        requested_at=now,
        requested_by=actor,
        updated_at=now,
    )
    audit_record(
        actor=actor,
        action=AuditAction.NEED_SAVE,
        obj=need,
        region=incident.region,
        changes={"kind": [None, need.kind], "status": [None, need.status]},
    )
    return need


def _status_error(old: str, new: str) -> ValidationError:
    return ValidationError(
        {
            "status": [
                _("status: a need that is %(old)s cannot become %(new)s.")
                % {"old": NeedStatus(old).label, "new": NeedStatus(new).label}
            ]
        }
    )


@transaction.atomic
def need_update(
    *, need: Need, actor: User, data: NeedData | None = None, status: str | None = None
) -> Need:
    """Change what is asked (`data`) and/or move the status forward; a finished need is not
    changed again."""
    need = Need.objects.select_for_update().select_related("incident").get(pk=need.pk)
    incident = need.incident
    core_access.require(can_supply(actor, incident))
    require_open(incident)
    changes: dict[str, list[object]] = {}
    finished = not NEXT_STATUS[need.status]
    if status is not None and status != need.status:
        if status not in NeedStatus.values:
            raise ValidationError({"status": [_("status: choose one of the statuses.")]})
        if status not in NEXT_STATUS[need.status]:
            raise _status_error(need.status, status)
        changes["status"] = [need.status, status]
        need.status = status
    elif finished:
        raise ValidationError(
            {
                "status": [
                    _("status: the need is %(status)s; record a new need instead.")
                    % {"status": NeedStatus(need.status).label}
                ]
            }
        )
    if data is not None:
        _check_need(incident, data)
        if (
            data.shelter is not None
            and data.shelter.pk != need.shelter_id
            and not data.shelter.is_open
        ):
            raise ValidationError(
                {
                    "shelter": [
                        _("shelter: %(name)s is closed.") % {"name": data.shelter.location.name}
                    ]
                }
            )
        new = {
            "kind": data.kind,
            "quantity": data.quantity,
            "description": data.description.strip(),
            "handler": data.handler.strip(),
            "shelter_id": data.shelter.pk if data.shelter is not None else None,
        }
        for name, value in new.items():
            old = getattr(need, name)
            if old != value:
                changes[name] = [old, value]
                setattr(need, name, value)
    if not changes:
        return need
    need.updated_at = timezone.now()
    need.save()
    # Free text (what is needed, who handles it) may name someone despite the form's help:
    # the audit log, read outside the care roles, says only that it changed.
    for name in ("description", "handler"):
        if name in changes:
            changes[name] = ["…", "…"]
    audit_record(
        actor=actor, action=AuditAction.NEED_SAVE, obj=need, region=incident.region, changes=changes
    )
    return need


# ---------------------------------------------------------------- meal counts


@dataclass(frozen=True)
class MealSuggestion:
    """What the form proposes for a shelter: its present guests, those of them with a
    recorded diet, and the diets with how many guests have each."""

    count: int
    special: int
    diets: list[tuple[str, int]]


def meal_suggestion(shelter: Shelter) -> MealSuggestion:
    """The meal count the shelter's present guests ask for."""
    if not shelter.is_open:
        return MealSuggestion(count=0, special=0, diets=[])
    diets = Counter(
        " ".join(d.split()).lower()
        for d in Guest.objects.filter(household__shelter=shelter, present=True)
        .exclude(diet="")
        .values_list("diet", flat=True)
    )
    return MealSuggestion(
        count=shelter.present,
        special=sum(diets.values()),
        diets=sorted(diets.items(), key=lambda item: (-item[1], item[0])),
    )


@dataclass(frozen=True)
class MealData:
    day: dt.date
    moment: str
    count: int
    special: int = 0

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _check_meal(shelter: Shelter, data: MealData) -> None:
    errors: dict[str, list[str]] = {}
    if not params.FIRST_DATE <= data.day <= params.LAST_DATE:
        errors["day"] = [_("day: %(message)s") % {"message": params.date_window_message()}]
    if data.moment not in MealMoment.values:
        errors["moment"] = [_("meal: choose breakfast, lunch, dinner or night.")]
    if not 0 <= data.count <= CAPACITY_MAX:
        errors["count"] = [_("meals: give a number from 0 to %(max)s.") % {"max": CAPACITY_MAX}]
    elif not 0 <= data.special <= data.count:
        errors["special"] = [
            _("special diets: more than the number of meals (%(count)s).") % {"count": data.count}
        ]
    if errors:
        raise ValidationError(errors)


def meals_record(*, shelter: Shelter, actor: User, data: MealData) -> MealCount:
    """Record the meal count of one shelter, day and moment (replacing an earlier count of
    the same moment)."""
    try:
        return _meals_record(shelter=shelter, actor=actor, data=data)
    except IntegrityError:
        # Two desks recorded the same moment at once: the other's row exists now, so the
        # second try replaces it.
        return _meals_record(shelter=shelter, actor=actor, data=data)


@transaction.atomic
def _meals_record(*, shelter: Shelter, actor: User, data: MealData) -> MealCount:
    incident = shelter.incident
    core_access.require(can_supply(actor, incident))
    require_open(incident)
    _check_meal(shelter, data)
    meal = (
        MealCount.objects.select_for_update()
        .filter(shelter=shelter, day=data.day, moment=data.moment)
        .first()
    )
    now = timezone.now()
    if meal is None:
        meal = MealCount.objects.create(
            shelter=shelter,
            day=data.day,
            moment=data.moment,
            count=data.count,
            special=data.special,
            recorded_at=now,
            recorded_by=actor,
        )
        changes: dict[str, list[object]] = {
            "count": [None, data.count],
            "special": [None, data.special],
        }
    else:
        changes = {
            name: [getattr(meal, name), value]
            for name, value in (("count", data.count), ("special", data.special))
            if getattr(meal, name) != value
        }
        if not changes:
            return meal
        meal.count, meal.special = data.count, data.special
        meal.recorded_at, meal.recorded_by = now, actor
        meal.save()
    audit_record(
        actor=actor,
        action=AuditAction.MEALS_SAVE,
        obj=meal,
        region=incident.region,
        changes={**changes, "day": [None, data.day.isoformat()], "moment": [None, data.moment]},
    )
    return meal
