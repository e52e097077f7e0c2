"""API of the partner view (read-only)."""

from django.urls import URLPattern

urls: list[URLPattern] = []
