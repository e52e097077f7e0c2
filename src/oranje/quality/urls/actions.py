"""Pages of the quality room's part "actions"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
