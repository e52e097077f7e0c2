"""The quality room's API, part "monitoring"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
