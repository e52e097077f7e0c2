"""The learning room's API, part "sessions": work sessions and their impression report."""

from django.urls import URLPattern

urls: list[URLPattern] = []
