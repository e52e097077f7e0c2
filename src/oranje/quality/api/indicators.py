"""The quality room's API, part "indicators"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
