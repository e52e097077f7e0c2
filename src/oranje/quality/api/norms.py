"""The quality room's API, part "norms"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
