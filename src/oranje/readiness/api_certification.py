"""API of certification (providers, accreditations); each part's module has a `urls` list."""

from django.urls import URLPattern

urls: list[URLPattern] = []
