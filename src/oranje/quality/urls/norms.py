"""Pages of the quality room's part "norms"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
