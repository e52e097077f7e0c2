"""API of loans of people across regions."""

from django.urls import URLPattern

urls: list[URLPattern] = []
