"""API of the description of population care and the point of contact."""

from django.urls import URLPattern

urls: list[URLPattern] = []
