"""The people who came: a deployment record in their readiness for everyone who arrived on the
alert board, when the acute phase ends.

- Who: every alert of the incident with an arrival (`Alert.arrived_at`; an arrival needs an
  accepted answer, a database constraint). Someone alerted for two functions gets two records,
  one per function.
- What: a readiness `Activity` — kind *deployment* for a real incident; for an exercise
  incident kind *exercise* of type *practical* (turning out for an exercise on the alert board
  is a practical exercise, and counts as one; it is no real deployment). Title: the incident's
  title; function: the function of the call; date: the local date of the acute end; hours:
  from the arrival to the acute end (the board records no stand-down per person), rounded to
  half an hour, at least half an hour and at most `MAX_HOURS`.
- Once: `external_id = "incident:<id>:alert:<id>"` (unique in readiness), so running it again
  — the listener, then a lead's `deployments_record` — writes only what is missing (someone
  who arrived after the acute end, a record removed in readiness by mistake).
- Then the readiness of those people is recomputed at once, in the same transaction: a
  deployment or exercise counts towards upkeep (`readiness.constants.UPKEEP_KINDS`).

The listener runs inside the acute end's transaction (`incidents.hooks.registry.acute_ended`),
called by `incident_end_acute` and by `incident_close` when the acute phase had not ended.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from oranje.alerting.models import Alert
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.access import can_command
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import _locked
from oranje.readiness.constants import ActivityKind, ExerciseType
from oranje.readiness.models import Activity
from oranje.readiness.services.recompute import readiness_recompute

#: A deployment counts for at most this many hours (a record of days is a forgotten end).
MAX_HOURS = Decimal(24)
MIN_HOURS = Decimal("0.5")
TITLE_MAX = 200  # readiness.Activity.title

ACUTE_RUNNING = gettext_lazy(
    "Deployments: the acute phase is still running; they are recorded when it ends."
)


def external_id(incident_id: int, alert_id: int) -> str:
    return f"incident:{incident_id}:alert:{alert_id}"


def deployment_hours(arrived_at: dt.datetime, ended_at: dt.datetime) -> Decimal:
    """From arrival to the end, in half hours (half up), between MIN_HOURS and MAX_HOURS."""
    seconds = Decimal(max((ended_at - arrived_at).total_seconds(), 0))
    halves = (seconds / Decimal(1800)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return min(max(halves / 2, MIN_HOURS), MAX_HOURS).quantize(Decimal("0.1"))


def arrived_alerts(incident: Incident) -> list[Alert]:
    """The alerts of the incident whose person arrived, first arrived first."""
    return list(
        Alert.objects.filter(call__incident=incident, arrived_at__isnull=False)
        .select_related("person", "call__function")
        .order_by("arrived_at", "pk")
    )


def activity_kind(incident: Incident) -> tuple[str, str]:
    """(kind, exercise type) of the records made for this incident."""
    if incident.is_exercise:
        return ActivityKind.EXERCISE, ExerciseType.PRACTICAL
    return ActivityKind.DEPLOYMENT, ""


def _record(incident: Incident, actor: User | None) -> int:
    """Write the missing records and recompute; returns how many were written."""
    ended = incident.acute_ended_at
    assert ended is not None
    alerts = arrived_alerts(incident)
    if not alerts:
        return 0
    ids = {external_id(incident.pk, a.pk): a for a in alerts}
    have = set(
        Activity.objects.filter(external_id__in=list(ids)).values_list("external_id", flat=True)
    )
    kind, exercise_type = activity_kind(incident)
    day = timezone.localdate(ended)
    now = timezone.now()
    new = [
        Activity(
            person_id=alert.person_id,
            kind=kind,
            exercise_type=exercise_type,
            title=incident.title[:TITLE_MAX],
            function_id=alert.call.function_id,
            completed_on=day,
            hours=deployment_hours(alert.arrived_at or ended, ended),
            external_id=key,
            recorded_at=now,
            recorded_by=actor,
        )
        for key, alert in ids.items()
        if key not in have
    ]
    if not new:
        return 0
    # ignore_conflicts: a record written meanwhile by a concurrent run is kept, not doubled.
    Activity.objects.bulk_create(new, ignore_conflicts=True)
    readiness_recompute(person_ids=sorted({a.person_id for a in new}))
    audit_record(
        actor=actor,
        action=AuditAction.DEPLOYMENT_RECORD,
        obj=incident,
        region=incident.region,
        changes={"deployments": [None, len(new)], "kind": kind},
        note="OEFENING" if incident.is_exercise else "",
    )
    return len(new)


def deployments_on_acute_end(incident: Incident, actor: User) -> None:
    """Listener for `incidents.hooks.registry.acute_ended`: runs inside the acute end's
    transaction, after the service checked that the actor leads the incident."""
    _record(incident, actor if isinstance(actor, User) else None)


def deployments_record(*, actor: AnyUser, incident: Incident) -> int:
    """(Re)record the deployments of everyone who arrived, for a lead (`can_command`), once
    the acute phase ended; writes only what is missing. Returns how many were written."""
    user = core_access.authenticated(actor)
    with transaction.atomic():
        incident = _locked(incident)
        core_access.require(can_command(user, incident))
        if incident.acute_ended_at is None:
            raise ValidationError({"incident": [str(ACUTE_RUNNING)]})
        return _record(incident, user)
