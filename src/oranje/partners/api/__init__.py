"""The partners room's API (under /api/v1/partners/), one module per part; each has a `urls`
list."""

from django.urls import URLPattern

from oranje.partners.api import description, partner

urls: list[URLPattern] = [*partner.urls, *description.urls]
