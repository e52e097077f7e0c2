"""`{% signals_summary incident %}`: the signals' counts on the incident's communication tab
(the "signals" part of `communication/home.html`), with the way to the signals' pages."""

from __future__ import annotations

from typing import Any

from django import template

from oranje.communication import selectors_signals as selectors
from oranje.incidents.models import Incident

register = template.Library()


@register.inclusion_tag("communication/_signals_summary.html")
def signals_summary(incident: Incident) -> dict[str, Any]:
    return {
        "incident": incident,
        "totals": selectors.totals(incident),
        "top": [t for t in selectors.top_topics(incident, limit=3) if t.key],
    }
