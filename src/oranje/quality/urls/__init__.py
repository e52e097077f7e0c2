"""Pages of the quality room, one module per part (each part owns its module)."""

from oranje.quality.urls import (
    actions,
    agreements,
    assessment,
    costs,
    indicators,
    monitoring,
    norms,
    reports,
)

app_name = "quality"

urlpatterns = [
    *monitoring.urlpatterns,
    *norms.urlpatterns,
    *indicators.urlpatterns,
    *actions.urlpatterns,
    *assessment.urlpatterns,
    *agreements.urlpatterns,
    *costs.urlpatterns,
    *reports.urlpatterns,
]
