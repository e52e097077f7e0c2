"""The quality room's API, part "assessment"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
