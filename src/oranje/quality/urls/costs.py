"""Pages of the quality room's part "costs"."""

from django.urls import URLPattern, path

from oranje.quality.views import costs

urlpatterns: list[URLPattern] = [
    path("kwaliteit/kosten/", costs.costs_home, name="costs"),
    path("kwaliteit/kosten/model/", costs.cost_model, name="costs-model"),
    path("kwaliteit/kosten/prijzen/", costs.course_price, name="costs-prices"),
    path("kwaliteit/kosten/scenario/nieuw/", costs.scenario_new, name="costs-scenario-new"),
    path("kwaliteit/kosten/scenario/<id:pk>/", costs.scenario_detail, name="costs-scenario"),
    path(
        "kwaliteit/kosten/scenario/<id:pk>/verwijderen/",
        costs.scenario_delete,
        name="costs-scenario-delete",
    ),
]
