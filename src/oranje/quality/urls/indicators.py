"""Pages of the quality room's part "indicators"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
