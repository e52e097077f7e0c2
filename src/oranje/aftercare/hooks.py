"""What the aftercare room adds to the incident: the "nafase" badge in its header, and the
deployment records of the people who came when the acute phase ends."""

from __future__ import annotations

from django.utils.translation import gettext as _

from oranje.incidents.hooks import Badge, registry
from oranje.incidents.models import Incident


def badges(incident: Incident) -> list[Badge]:
    if incident.in_aftercare:
        return [Badge(_("aftercare (nafase)"), "soft")]
    return []


def register() -> None:
    from oranje.aftercare.services.deployments import deployments_on_acute_end

    registry.badges.append(badges)
    registry.acute_ended.append(deployments_on_acute_end)
