"""Pages of the quality room's part "norms"."""

from django.urls import URLPattern, path

from oranje.quality.views import norms

urlpatterns: list[URLPattern] = [
    path("kwaliteit/normen/", norms.norms, name="norms"),
    path("kwaliteit/normen/wijzigingen/", norms.norm_changes, name="norm_changes"),
    path(
        "kwaliteit/normen/landelijk/concept/", norms.norm_draft_national, name="norm_draft_national"
    ),
    path("kwaliteit/normen/regio/concept/", norms.norm_draft_region, name="norm_draft_region"),
    path("kwaliteit/normen/<id:pk>/", norms.norm_set, name="norm_set"),
    path("kwaliteit/normen/<id:pk>/titel/", norms.norm_set_note, name="norm_set_note"),
    path("kwaliteit/normen/<id:pk>/vaststellen/", norms.norm_adopt, name="norm_adopt"),
    path("kwaliteit/normen/<id:pk>/nieuw/", norms.norm_add, name="norm_add"),
    path("kwaliteit/normen/norm/<id:pk>/", norms.norm_edit, name="norm_edit"),
    path("kwaliteit/normen/norm/<id:pk>/verwijderen/", norms.norm_delete, name="norm_delete"),
    path("kwaliteit/normen/norm/<id:pk>/groeipad/", norms.norm_steps, name="norm_steps"),
]
