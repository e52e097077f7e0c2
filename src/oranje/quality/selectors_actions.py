"""Reads of part "actions": a region's improvement actions (filtered, the overdue ones
marked), a municipality's own actions (for the municipal view), the people who may own an
action, the norms an action may be about, and the region's flexible scalings with their
history and the board's review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.models import Membership, Municipality, Region, User
from oranje.incidents.constants import ScalingMode
from oranje.incidents.models import Incident, ScalingStep
from oranje.quality import access, selectors
from oranje.quality.constants import ActionStatus
from oranje.quality.models import ActionUpdate, ImprovementAction, Norm, ScalingReview

#: The list's status filter: an action's status, or "active" (open or in progress).
STATUS_FILTERS = ["active", *ActionStatus.values]


def is_overdue(action: ImprovementAction, today: dt.date | None = None) -> bool:
    """Past its deadline and not closed."""
    today = today or timezone.localdate()
    return action.status != ActionStatus.CLOSED and action.deadline < today


@dataclass(frozen=True)
class ActionFilter:
    status: str = ""
    municipality_id: int | None = None
    norm_id: int | None = None
    overdue: bool = False


def action_rows() -> QuerySet[ImprovementAction]:
    return ImprovementAction.objects.select_related(
        "municipality", "norm", "norm__norm_set", "owner"
    ).order_by("deadline", "pk")


def action_list(region: Region, f: ActionFilter | None = None) -> list[ImprovementAction]:
    """The region's actions, earliest deadline first, each with `overdue` set."""
    f = f or ActionFilter()
    rows = action_rows().filter(region=region)
    if f.status == "active":
        rows = rows.exclude(status=ActionStatus.CLOSED)
    elif f.status:
        rows = rows.filter(status=f.status)
    if f.municipality_id is not None:
        rows = rows.filter(municipality_id=f.municipality_id)
    if f.norm_id is not None:
        rows = rows.filter(norm_id=f.norm_id)
    today = timezone.localdate()
    if f.overdue:
        rows = rows.exclude(status=ActionStatus.CLOSED).filter(deadline__lt=today)
    found = list(rows)
    for action in found:
        action.overdue = is_overdue(action, today)  # type: ignore[attr-defined]
    return found


def municipality_actions(municipality: Municipality) -> list[ImprovementAction]:
    """A municipality's own actions (for its municipal view), open ones first."""
    today = timezone.localdate()
    found = list(
        action_rows()
        .filter(municipality=municipality)
        .order_by("status", "deadline", "pk")  # "closed" sorts before "in_progress"
    )
    found.sort(key=lambda a: (a.status == ActionStatus.CLOSED, a.deadline, a.pk))
    for action in found:
        action.overdue = is_overdue(action, today)  # type: ignore[attr-defined]
    return found


def history(action: ImprovementAction) -> QuerySet[ActionUpdate]:
    return ActionUpdate.objects.filter(action=action).order_by("at", "pk")


def region_members(region: Region) -> QuerySet[User]:
    """Active users with a membership in the region or one of its municipalities: the
    possible owners of an action."""
    mine = Membership.objects.filter(
        Q(region_id=region.pk) | Q(municipality__region_id=region.pk), user=OuterRef("pk")
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Exists(mine))
        .order_by("last_name", "first_name", "username")
    )


def region_municipalities(region: Region) -> QuerySet[Municipality]:
    return Municipality.objects.filter(region=region).order_by("name")


def applicable_norms(region: Region) -> QuerySet[Norm]:
    """Norms an action of the region may be about: of a national set or the region's own."""
    return (
        Norm.objects.filter(Q(norm_set__region__isnull=True) | Q(norm_set__region=region))
        .select_related("norm_set")
        .order_by("norm_set__region_id", "-norm_set__version", "sort_order", "code")
    )


def norm_choices(region: Region, keep: Norm | None = None) -> list[Norm]:
    """The norms in force today for a form's list (the one already chosen kept)."""
    norms = selectors.effective_norms(region, timezone.localdate())
    if keep is not None and keep.pk not in {n.pk for n in norms}:
        norms = [keep, *norms]
    return norms


# ------------------------------------------------------------------ flexible scalings


@dataclass
class Scaling:
    """An incident that scaled flexibly, with its scaling history and review."""

    incident: Incident
    steps: list[ScalingStep] = field(default_factory=list)
    review: ScalingReview | None = None

    @property
    def reviewable(self) -> bool:
        """A review comes after the incident: its acute phase ended, or it is closed."""
        return self.incident.acute_ended_at is not None or self.incident.closed_at is not None


def scaled_flexibly(incident: Incident) -> bool:
    return ScalingStep.objects.filter(incident=incident, mode=ScalingMode.FLEXIBLE).exists()


def flexible_scalings(region: Region) -> tuple[list[Scaling], list[Scaling]]:
    """The region's incidents that scaled flexibly, newest first: (real, exercises)."""
    flexible = ScalingStep.objects.filter(incident=OuterRef("pk"), mode=ScalingMode.FLEXIBLE)
    incidents = (
        Incident.objects.filter(region=region)
        .filter(Exists(flexible))
        .prefetch_related(Prefetch("scaling", queryset=ScalingStep.objects.order_by("at", "pk")))
        .order_by("-started_at", "-pk")
    )
    found = list(incidents)
    reviews = {
        r.incident_id: r
        for r in ScalingReview.objects.filter(incident__in=found).select_related("reviewed_by")
    }
    rows = [Scaling(i, list(i.scaling.all()), reviews.get(i.pk)) for i in found]
    return (
        [s for s in rows if not s.incident.is_exercise],
        [s for s in rows if s.incident.is_exercise],
    )


# ------------------------------------------------------------------ doors


def action_for_user(user: AnyUser, pk: int) -> ImprovementAction:
    """An action the user may read: the region's monitors, and the own people of the
    action's municipality (its coordinator, its quality monitor). 404 outside the user's
    regions (or no such action), 403 inside them without the right."""
    action = action_rows().select_related("region").filter(pk=pk).first()
    if action is None or not core_access.can_read_region(user, action.region_id):
        raise Http404
    if not (may_monitor(user, action) or may_note(user, action)):
        raise PermissionDenied
    return action


def may_monitor(user: AnyUser, action: ImprovementAction) -> bool:
    """May change the action: its region's monitors."""
    return access.can_monitor(user, action.region_id)


def may_note(user: AnyUser, action: ImprovementAction) -> bool:
    """May add a note to the action's history: the monitors, and the own people of the
    action's municipality."""
    return may_monitor(user, action) or (
        action.municipality_id is not None
        and action.municipality_id in access.monitored_municipalities(user)
    )


def scaling_incident_for_user(user: AnyUser, pk: int) -> Incident:
    """An incident whose scaling the user may review: 404 outside the user's regions, 403
    inside them without the monitor's right."""
    incident = Incident.objects.select_related("region").filter(pk=pk).first()
    if incident is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if not access.can_monitor(user, incident.region_id):
        raise PermissionDenied
    return incident
