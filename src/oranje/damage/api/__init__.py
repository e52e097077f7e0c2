"""The damage room's API (under /api/v1/), one module per part; each has a `urls` list."""

from django.urls import URLPattern

from oranje.damage.api import reports

urls: list[URLPattern] = [
    # part: dstaff
    *reports.urls,
    # end part: dstaff
]
