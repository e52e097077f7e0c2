"""The public's signals as figures of the situation report (counts, never who asked): the
contacts in the last hour and in all, the topics asked about most, and the rumours not yet
countered. The report keeps text figures only (its JSON and PDF), so the charts stay on the
signals' charts page; these figures say what the charts show."""

from __future__ import annotations

from django.utils.translation import gettext as _

from oranje.communication import selectors_signals as selectors
from oranje.incidents.hooks import Figure
from oranje.incidents.hooks import registry as incident_hooks
from oranje.incidents.models import Incident

#: How many topics the figure names.
TOP = 5


def signal_figures(incident: Incident) -> list[Figure]:
    totals = selectors.totals(incident)
    if not totals.rows:
        return []
    figures = [
        Figure(
            _("Signals from the public"),
            _("%(total)s contacts (%(hour)s in the last hour)")
            % {"total": totals.contacts, "hour": totals.last_hour},
        )
    ]
    top = [t for t in selectors.top_topics(incident, limit=TOP) if t.key]
    if top:
        figures.append(
            Figure(
                _("Topics asked about most"),
                ", ".join(f"{t.label} ({t.contacts})" for t in top),
            )
        )
    if totals.rumours:
        figures.append(
            Figure(
                _("Rumours not yet countered"),
                _("%(open)s of %(all)s") % {"open": totals.open_rumours, "all": totals.rumours},
            )
        )
    return figures


def register() -> None:
    if signal_figures not in incident_hooks.figures:
        incident_hooks.figures.append(signal_figures)
