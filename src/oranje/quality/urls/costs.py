"""Pages of the quality room's part "costs"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
