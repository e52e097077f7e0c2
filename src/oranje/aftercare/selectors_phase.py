"""Reads of the nafase: whom the aftercare may be handed to."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from oranje.core.constants import AFTERCARE_ROLES, OPERATING_ROLES
from oranje.core.models import Membership, User
from oranje.incidents.models import Incident


def _in_region(incident: Incident) -> Q:
    return Q(region_id=incident.region_id) | Q(municipality__region_id=incident.region_id)


def head_candidates(incident: Incident) -> QuerySet[User]:
    """Active users with a membership in the incident's region that may work in its
    incidents; those with the aftercare role first, then by name."""
    memberships = Membership.objects.filter(_in_region(incident), user=OuterRef("pk"))
    return (
        User.objects.filter(is_active=True)
        .filter(Exists(memberships.filter(role__in=list(OPERATING_ROLES))))
        .annotate(aftercare_role=Exists(memberships.filter(role__in=list(AFTERCARE_ROLES))))
        .order_by("-aftercare_role", "last_name", "first_name", "username")
    )
