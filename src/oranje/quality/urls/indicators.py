"""Pages of the quality room's part "indicators": the drill-down behind a figure."""

from django.urls import URLPattern, path

from oranje.quality.views import indicators

urlpatterns: list[URLPattern] = [
    path("kwaliteit/indicator/<str:indicator>/", indicators.drilldown, name="drilldown"),
]
