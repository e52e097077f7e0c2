"""Pages of the quality room's part "assessment"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
