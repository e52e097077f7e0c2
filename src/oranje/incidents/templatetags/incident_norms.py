"""`{% norm_badges incident %}`: the norms measured in the incident, as badges in its header
(see incidents/norms.py)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _

from oranje.incidents.models import Incident
from oranje.incidents.norms import duration_text, header_badges

register = template.Library()


@register.inclusion_tag("incidents/_norm_badges.html")
def norm_badges(incident: Incident) -> dict[str, object]:
    badges = header_badges(incident)
    return {
        "badges": badges,
        "counting": any(b.deadline is not None for b in badges),
        # The forms of a duration, for the countdown to write times as the server does.
        "formats": {
            "hm": _("%(hours)s h %(minutes)s min"),
            "h": _("%(hours)s h"),
            "m": _("%(minutes)s min"),
        },
    }


@register.filter(name="duration_text")
def duration_filter(delta: dt.timedelta) -> str:
    """A duration as "2 u 10 min"."""
    return duration_text(delta)
