"""Pages of the quality room's part "agreements"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
