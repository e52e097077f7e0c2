"""The quality room's API, part "actions"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
