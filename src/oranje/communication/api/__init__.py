"""The communication room's API (under /api/v1/), one module per part; each has a `urls`
list."""

from django.urls import URLPattern

from oranje.communication.api import agreements, cap, environment, mailings, messages, signals

urls: list[URLPattern] = [
    *agreements.urls,
    *cap.urls,
    *environment.urls,
    *mailings.urls,
    *messages.urls,
    *signals.urls,
]
