"""API of feedback moments during an exercise."""

from django.urls import URLPattern

urls: list[URLPattern] = []
