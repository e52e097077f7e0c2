"""Pages of the one-hour drill: start, the answer page for the person on call, assessment."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
