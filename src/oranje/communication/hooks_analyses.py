"""The latest approved environment analysis as a figure of the situation report:
"Omgevingsanalyse (4-12 10:00 – 14:00)": the mood in one line and the first line of advice."""

from __future__ import annotations

from django.utils.translation import gettext as _

from oranje.communication import selectors_analyses as selectors
from oranje.communication.services.analyses import period_label
from oranje.incidents.hooks import Figure
from oranje.incidents.hooks import registry as incident_hooks
from oranje.incidents.models import Incident

#: The longest mood or advice line in the figure (the report shows the rest on the analysis).
LINE_MAX = 160


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").strip()
        if line:
            return line if len(line) <= LINE_MAX else line[: LINE_MAX - 1].rstrip() + "…"
    return "—"


def analysis_figures(incident: Incident) -> list[Figure]:
    analysis = selectors.latest_approved(incident)
    if analysis is None:
        return []
    return [
        Figure(
            _("Environment analysis (%(period)s)") % {"period": period_label(analysis)},
            _("mood: %(mood)s; advice: %(advice)s")
            % {"mood": _first_line(analysis.mood), "advice": _first_line(analysis.advice)},
        )
    ]


def register() -> None:
    if analysis_figures not in incident_hooks.figures:
        incident_hooks.figures.append(analysis_figures)
