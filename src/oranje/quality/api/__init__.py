"""The quality room's API (under /api/v1/), one module per part; each has a `urls` list."""

from django.urls import URLPattern

from oranje.quality.api import (
    actions,
    agreements,
    assessment,
    costs,
    indicators,
    monitoring,
    norms,
    reports,
)

urls: list[URLPattern] = [
    *norms.urls,
    *monitoring.urls,
    *indicators.urls,
    *actions.urls,
    *assessment.urls,
    *agreements.urls,
    *costs.urls,
    *reports.urls,
]
