"""Pages of the learning room's part "dossier": the living dossier: entries, versions, comments,
search.
"""

from django.urls import URLPattern, path

from oranje.learning.views import dossier

urlpatterns: list[URLPattern] = [
    path("leren/dossier/", dossier.dossier, name="dossier"),
    path("leren/dossier/nieuw/", dossier.entry_new, name="entry_new"),
    path("leren/dossier/<id:pk>/", dossier.entry_detail, name="entry"),
    path("leren/dossier/<id:pk>/nieuwe-versie/", dossier.entry_edit, name="entry_edit"),
    path("leren/dossier/<id:pk>/reactie/", dossier.entry_comment, name="entry_comment"),
    path("leren/dossier/<id:pk>/koppelen/", dossier.entry_link, name="entry_link"),
]
