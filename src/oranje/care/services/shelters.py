"""Opening and running shelters for an incident: the number of people involved (the basis of
the capacity norm), opening a location, "ready to receive people" (the 3-hour norm is
measured to it), changing the capacity and closing.

For those who may manage the incident's shelters (`can_manage_shelters`). Every step writes
its audit entry and a logbook line (process "shelter and care") in one transaction.

Lock order: the shelter's row first, then the incident's (which `log_append` takes) — the
order a check-in holds them in, so a capacity change and a check-in queue, never wait for
each other in a circle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.care.access import can_manage_shelters
from oranje.care.constants import CAPACITY_MAX
from oranje.care.models import CareNorms, IncidentCare, Location, Shelter
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.constants import EntryKind, Process
from oranje.incidents.models import Incident
from oranje.incidents.norms import duration_text
from oranje.incidents.services import CLOCK_SLACK, incident_lock, log_append, require_open

#: Told after the commit when a shelter opens, becomes ready or closes: a room above (the
#: public page of the communication room lists the open shelters) registers at start-up.
shelter_listeners: list[Callable[[Shelter], None]] = []


def _tell_listeners(shelter: Shelter) -> None:
    def tell() -> None:
        for listener in list(shelter_listeners):
            listener(shelter)

    # robust: a listener's failure is logged and never undoes or hides the committed change.
    transaction.on_commit(tell, robust=True)


#: More people involved than this is a typing error (the largest evacuations in the
#: Netherlands moved a quarter of a million people).
INVOLVED_MAX = 10_000_000


def _log(incident: Incident, actor: User, text: str, at: dt.datetime | None = None) -> None:
    log_append(
        incident, actor=actor, kind=EntryKind.NOTE, process=Process.SHELTER, text=text, at=at
    )


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j-n-Y H:i")


def _check_moment(
    problems: dict[str, list[str]], field: str, label: str, moment: dt.datetime, incident: Incident
) -> None:
    if moment > timezone.now() + CLOCK_SLACK:
        problems[field] = [_("%(field)s: cannot lie in the future.") % {"field": label}]
    elif moment < incident.started_at:
        problems[field] = [
            _("%(field)s: before the start of the incident (%(start)s).")
            % {"field": label, "start": _when(incident.started_at)}
        ]


def _check_count(
    problems: dict[str, list[str]], field: str, label: str, value: int | None, maximum: int
) -> None:
    if value is not None and not 0 <= value <= maximum:
        problems[field] = [
            _("%(field)s: a number from 0 to %(max)s.") % {"field": label, "max": maximum}
        ]


@transaction.atomic
def involved_set(*, incident: Incident, actor: User, people: int | None) -> IncidentCare:
    """Record how many people the incident involves (None: unknown); the capacity the norm
    asks for follows from it."""
    core_access.require(can_manage_shelters(actor, incident))
    require_open(incident)
    problems: dict[str, list[str]] = {}
    _check_count(problems, "people_involved", _("people involved"), people, INVOLVED_MAX)
    if problems:
        raise ValidationError(problems)
    incident_lock(incident.pk)
    care, _created = IncidentCare.objects.select_for_update().get_or_create(incident=incident)
    before = care.people_involved
    care.people_involved = people
    care.updated_at = timezone.now()
    care.updated_by = actor
    care.save()
    audit_record(
        actor=actor,
        action=AuditAction.INVOLVED_SET,
        obj=incident,
        region=incident.region,
        changes={"people_involved": [before, people]},
    )
    if people is not None:
        needed = CareNorms.for_region(incident.region_id).capacity_needed(people)
        _log(
            incident,
            actor,
            _("People involved: %(people)s; the norm asks shelter capacity for %(needed)s.")
            % {"people": people, "needed": needed},
        )
    return care


@transaction.atomic
def shelter_open(
    *,
    incident: Incident,
    actor: User,
    location: Location,
    decided_by: str,
    decided_at: dt.datetime,
    expected: int = 0,
    capacity_day: int | None = None,
    capacity_night: int | None = None,
) -> Shelter:
    """Open a location of the incident's region as a shelter (capacities default to the
    location's). A location already open for this incident is refused."""
    core_access.require(can_manage_shelters(actor, incident))
    require_open(incident)
    # Under the incident's lock: two coordinators opening the same hall at once queue here,
    # and the second is told it is open.
    incident_lock(incident.pk)
    day = location.capacity_day if capacity_day is None else capacity_day
    night = location.capacity_night if capacity_night is None else capacity_night
    problems: dict[str, list[str]] = {}
    if location.municipality.region_id != incident.region_id:
        problems["location"] = [_("location: not a shelter location of the incident's region.")]
    elif not location.available_on(timezone.localdate()):
        problems["location"] = [_("location: %(name)s is not available.") % {"name": location.name}]
    elif Shelter.objects.filter(
        incident=incident, location=location, closed_at__isnull=True
    ).exists():
        problems["location"] = [
            _("location: %(name)s is already open for this incident.") % {"name": location.name}
        ]
    if not decided_by.strip():
        problems["decided_by"] = [_("decided by: who decided to open the shelter?")]
    _check_moment(problems, "decided_at", _("decided at"), decided_at, incident)
    _check_count(problems, "expected", _("expected number of people"), expected, CAPACITY_MAX)
    _check_count(problems, "capacity_day", _("capacity by day"), day, CAPACITY_MAX)
    _check_count(problems, "capacity_night", _("capacity by night"), night, CAPACITY_MAX)
    if "capacity_day" not in problems and day < 1:
        problems["capacity_day"] = [_("capacity by day: at least 1 place.")]
    if problems:
        raise ValidationError(problems)
    shelter = Shelter.objects.create(
        incident=incident,
        location=location,
        decided_by=decided_by.strip(),
        decided_at=decided_at,
        expected=expected,
        capacity_day=day,
        capacity_night=night,
        opened_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SHELTER_OPEN,
        obj=shelter,
        region=incident.region,
        changes={
            "location": [None, location.pk],
            "capacity_day": [None, day],
            "capacity_night": [None, night],
            "expected": [None, expected],
        },
    )
    _log(
        incident,
        actor,
        _(
            "Shelter %(name)s opened, decided by %(who)s: %(day)s places by day, %(night)s "
            "beds by night, %(expected)s people expected."
        )
        % {
            "name": location.name,
            "who": shelter.decided_by,
            "day": day,
            "night": night,
            "expected": expected,
        },
        at=decided_at,
    )
    _tell_listeners(shelter)
    return shelter


def _locked(shelter: Shelter) -> Shelter:
    return (
        Shelter.objects.select_for_update(of=("self",))
        .select_related("location", "incident", "incident__region")
        .get(pk=shelter.pk)
    )


def _require_running(shelter: Shelter) -> None:
    require_open(shelter.incident)
    if shelter.closed_at is not None:
        raise ValidationError(
            _("shelter: %(name)s was closed at %(time)s.")
            % {"name": shelter.location.name, "time": _when(shelter.closed_at)},
            code="closed",
        )


@transaction.atomic
def shelter_ready(*, shelter: Shelter, actor: User, at: dt.datetime | None = None) -> Shelter:
    """Record that the shelter can receive people (now, or at `at`): the 3-hour norm of the
    incident is measured from its start to the first shelter ready."""
    core_access.require(can_manage_shelters(actor, shelter.incident))
    locked = _locked(shelter)
    _require_running(locked)
    if locked.ready_at is not None:
        raise ValidationError(
            {
                "ready_at": [
                    _("ready at: the shelter has been ready since %(time)s.")
                    % {"time": _when(locked.ready_at)}
                ]
            }
        )
    moment = at or timezone.now()
    problems: dict[str, list[str]] = {}
    _check_moment(problems, "ready_at", _("ready at"), moment, locked.incident)
    if not problems and moment < locked.decided_at:
        problems["ready_at"] = [_("ready at: before the decision to open the shelter.")]
    if problems:
        raise ValidationError(problems)
    locked.ready_at = moment
    locked.save(update_fields=["ready_at"])
    audit_record(
        actor=actor,
        action=AuditAction.SHELTER_READY,
        obj=locked,
        region=locked.incident.region,
        changes={"ready_at": [None, moment.isoformat()]},
    )
    norms = CareNorms.for_region(locked.incident.region_id)
    _log(
        locked.incident,
        actor,
        _("Shelter %(name)s ready to receive people, %(after)s after the start (norm %(norm)s).")
        % {
            "name": locked.location.name,
            "after": duration_text(moment - locked.incident.started_at),
            "norm": duration_text(norms.shelter_delta),
        },
        at=moment,
    )
    _tell_listeners(locked)
    return locked


@transaction.atomic
def shelter_change(
    *,
    shelter: Shelter,
    actor: User,
    capacity_day: int | None = None,
    capacity_night: int | None = None,
    expected: int | None = None,
) -> Shelter:
    """Change what the shelter holds (None: unchanged). Never below the people checked in:
    the row is locked as a check-in locks it, so no desk fills it meanwhile."""
    core_access.require(can_manage_shelters(actor, shelter.incident))
    locked = _locked(shelter)
    _require_running(locked)
    problems: dict[str, list[str]] = {}
    wanted = {"capacity_day": capacity_day, "capacity_night": capacity_night}
    labels = {"capacity_day": _("capacity by day"), "capacity_night": _("capacity by night")}
    for field, value in wanted.items():
        _check_count(problems, field, labels[field], value, CAPACITY_MAX)
        if field not in problems and value is not None and value < locked.present:
            problems[field] = [
                _("%(field)s: lower than the number of people checked in (%(present)s).")
                % {"field": labels[field], "present": locked.present}
            ]
    if "capacity_day" not in problems and capacity_day == 0:
        problems["capacity_day"] = [_("capacity by day: at least 1 place.")]
    _check_count(problems, "expected", _("expected number of people"), expected, CAPACITY_MAX)
    if problems:
        raise ValidationError(problems)
    changes: dict[str, list[object]] = {}
    for field, value in (*wanted.items(), ("expected", expected)):
        if value is not None and value != getattr(locked, field):
            changes[field] = [getattr(locked, field), value]
            setattr(locked, field, value)
    if not changes:
        return locked
    locked.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action=AuditAction.SHELTER_CHANGE,
        obj=locked,
        region=locked.incident.region,
        changes=changes,
    )
    _log(
        locked.incident,
        actor,
        _("Shelter %(name)s now holds %(day)s places by day and %(night)s beds by night.")
        % {
            "name": locked.location.name,
            "day": locked.capacity_day,
            "night": locked.capacity_night,
        },
    )
    return locked


@transaction.atomic
def shelter_close(*, shelter: Shelter, actor: User) -> Shelter:
    """Close the shelter; refused while anyone is checked in (check them out first)."""
    core_access.require(can_manage_shelters(actor, shelter.incident))
    locked = _locked(shelter)
    _require_running(locked)
    if locked.present:
        raise ValidationError(
            _("shelter: %(present)s people are still checked in at %(name)s; check them out first.")
            % {"present": locked.present, "name": locked.location.name},
            code="occupied",
        )
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at"])
    audit_record(
        actor=actor,
        action=AuditAction.SHELTER_CLOSE,
        obj=locked,
        region=locked.incident.region,
        changes={"closed_at": [None, locked.closed_at.isoformat()]},
    )
    _log(locked.incident, actor, _("Shelter %(name)s closed.") % {"name": locked.location.name})
    _tell_listeners(locked)
    return locked
