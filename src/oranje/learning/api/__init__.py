"""The learning room's API (under /api/v1/learning/), one module per part; each has a `urls`
list."""

from django.urls import URLPattern

from oranje.learning.api import dossier, evaluations, network, patterns, sessions, surveys

urls: list[URLPattern] = [
    *evaluations.urls,
    *patterns.urls,
    *surveys.urls,
    *dossier.urls,
    *sessions.urls,
    *network.urls,
]
