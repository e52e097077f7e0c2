"""The norms measured in an incident, as the rooms above report them through
`hooks.registry.milestones` (the care room: the first shelter ready within 3 hours), and the
badges they put in the incident's header. The incident room knows no norm of its own here:
it only renders what the rooms report."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.incidents.hooks import Badge, Milestone, registry
from oranje.incidents.models import Incident


def milestones(incident: Incident) -> list[Milestone]:
    """Every milestone the rooms report for the incident, by deadline."""
    found = [m for provider in registry.milestones for m in provider(incident)]
    return sorted(found, key=lambda m: (m.deadline, m.key))


def duration_text(delta: dt.timedelta, *, round_up: bool = False) -> str:
    """ "2 u 10 min", "45 min", "3 u": whole minutes (down, or up with `round_up`)."""
    seconds = max(int(delta.total_seconds()), 0)
    minutes = -(-seconds // 60) if round_up else seconds // 60
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    if hours:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(minutes)s min") % {"minutes": minutes}


def milestone_badge(milestone: Milestone, incident: Incident) -> Badge | None:
    """The header's line for one milestone: how long it took against the norm, the time
    left while the norm runs, or by how much it is overdue. Nothing for a closed incident
    whose milestone never came."""
    norm = duration_text(milestone.norm)
    if milestone.elapsed is not None:
        # Met or missed in words too, not by colour alone.
        words = (
            _("%(label)s after %(elapsed)s (norm %(norm)s): met")
            if milestone.met
            else _("%(label)s after %(elapsed)s (norm %(norm)s): missed")
        )
        text = words % {
            "label": milestone.label,
            "elapsed": duration_text(milestone.elapsed),
            "norm": norm,
        }
        return Badge(text, "ok" if milestone.met else "bad")
    if incident.closed_at is not None:
        return None
    now = timezone.now()

    def left(time: str) -> str:
        return _("%(short)s: %(left)s left until the norm") % {
            "short": milestone.short,
            "left": time,
        }

    def over(time: str) -> str:
        return _("%(short)s: norm of %(norm)s exceeded by %(over)s") % {
            "short": milestone.short,
            "norm": norm,
            "over": time,
        }

    # The browser counts on from here each second (countdown.js), in the same words.
    if now <= milestone.deadline:
        text, tone = left(duration_text(milestone.deadline - now, round_up=True)), "hard"
    else:
        text, tone = over(duration_text(now - milestone.deadline)), "bad"
    return Badge(text, tone, deadline=milestone.deadline, left=left("{t}"), over=over("{t}"))


def header_badges(incident: Incident) -> list[Badge]:
    """The badges of the incident's header: its milestones marked `header`, then what the
    rooms add of their own."""
    badges = [
        badge
        for m in milestones(incident)
        if m.header and (badge := milestone_badge(m, incident)) is not None
    ]
    for provider in registry.badges:
        badges.extend(provider(incident))
    return badges
