"""Guards every incident write shares: the open check, the row lock, the actor's name."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from oranje.core.models import User
from oranje.incidents import errors
from oranje.incidents.models import Incident

#: Clock difference between a tablet and the server that we accept for "now".
CLOCK_SLACK = dt.timedelta(minutes=5)


def require_open(incident: Incident) -> None:
    """Refuse any change to a closed incident."""
    if incident.closed_at is not None:
        when = date_format(timezone.localtime(incident.closed_at), "j-n-Y H:i")
        raise ValidationError(str(errors.INCIDENT_CLOSED % {"time": when}), code="closed")


def require_acute(incident: Incident) -> None:
    """Refuse scaling and alerting once the acute phase has ended (the nafase)."""
    require_open(incident)
    if incident.acute_ended_at is not None:
        raise ValidationError(str(errors.IN_AFTERCARE), code="aftercare")


def _actor_name(actor: User | None) -> str:
    if actor is None:
        return "systeem"
    return actor.get_full_name() or actor.get_username()


def _locked(incident: Incident) -> Incident:
    """The incident row locked for this transaction: writes to one incident queue up here,
    which keeps log numbers gapless and a close from racing a new entry.

    Only the incident's own row (`of`): without it PostgreSQL also locks the region the query
    joins, and every write of the region that merely refers to it (an audit entry, an answer
    in another incident) waits — or deadlocks. `no_key`: rows referring to the incident may
    still be written meanwhile; its key never changes."""
    return (
        Incident.objects.select_for_update(of=("self",), no_key=True)
        .select_related("region")
        .get(pk=incident.pk)
    )


def incident_lock(incident_id: int) -> None:
    """Take the incident's row lock (as `_locked`) by id. Every write under an incident —
    here and in the rooms above (calls, alerts, deliveries) — takes it before its own rows:
    one order, so two writers queue instead of waiting for each other in a circle (a close
    stopping the calls while an answer holds its call and wants the incident for its line)."""
    Incident.objects.select_for_update(of=("self",), no_key=True).filter(
        pk=incident_id
    ).values_list("pk").first()
