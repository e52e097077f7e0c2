"""The quality room's API, part "costs"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
