"""API of the hard versus soft on-call figures."""

from django.urls import URLPattern

urls: list[URLPattern] = []
