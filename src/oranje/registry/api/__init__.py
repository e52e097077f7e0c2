"""The registry's API (under /api/v1/), one module per part; each has a `urls` list."""

from django.urls import URLPattern

from oranje.registry.api import exchange, imports, inquiries, persons, privacy

urls: list[URLPattern] = [
    *persons.urls,
    *inquiries.urls,
    *exchange.urls,
    *imports.urls,
    *privacy.urls,
]
