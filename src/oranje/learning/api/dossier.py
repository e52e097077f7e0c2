"""The learning room's API, part "dossier": the living dossier: entries, versions, comments,
search.
"""

from django.urls import URLPattern

urls: list[URLPattern] = []
