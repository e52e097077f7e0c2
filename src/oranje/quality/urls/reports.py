"""Pages of the quality room's part "reports"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
