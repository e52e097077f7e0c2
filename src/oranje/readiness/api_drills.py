"""API of the one-hour drill."""

from django.urls import URLPattern

urls: list[URLPattern] = []
