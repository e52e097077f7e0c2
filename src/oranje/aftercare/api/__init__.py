"""The aftercare room's API (under /api/v1/), one module per part; each has a `urls` list."""

from django.urls import URLPattern

from oranje.aftercare.api import iac, newsletters, people, phase, tasks, transition

urls: list[URLPattern] = [
    *iac.urls,
    *newsletters.urls,
    *people.urls,
    *phase.urls,
    *transition.urls,
    *tasks.urls,
]
