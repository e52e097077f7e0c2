"""Pages of the learning room's part "dossier": the living dossier: entries, versions, comments,
search.
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
