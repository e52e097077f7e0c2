"""Pages of the quality room's part "actions": improvement actions and flexible scalings."""

from django.urls import URLPattern, path

from oranje.quality.views import actions, scalings

urlpatterns: list[URLPattern] = [
    path("kwaliteit/verbeteracties/", actions.action_list, name="actions"),
    path("kwaliteit/verbeteracties/nieuw/", actions.action_new, name="action_new"),
    path("kwaliteit/verbeteracties/<id:pk>/", actions.action_detail, name="action"),
    path("kwaliteit/verbeteracties/<id:pk>/bewerken/", actions.action_edit, name="action_edit"),
    path("kwaliteit/opschalingen/", scalings.scalings, name="scalings"),
    path(
        "kwaliteit/opschalingen/<id:pk>/beoordeling/",
        scalings.scaling_review,
        name="scaling_review",
    ),
]
