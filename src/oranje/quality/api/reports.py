"""The quality room's API, part "reports"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
