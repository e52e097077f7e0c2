"""The quality room's API, part "agreements"."""

from django.urls import URLPattern

urls: list[URLPattern] = []
