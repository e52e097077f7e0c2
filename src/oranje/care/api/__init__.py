"""The care room's API (under /api/v1/), one module per part; each has a `urls` list."""

from django.urls import URLPattern

from oranje.care.api import checkin, desk, locations, needs, shelters, surroundings, vulnerable

urls: list[URLPattern] = [
    *checkin.urls,
    *desk.urls,
    *vulnerable.urls,
    *shelters.urls,
    *locations.urls,
    *needs.urls,
    *surroundings.urls,
]
