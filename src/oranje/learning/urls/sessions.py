"""Pages of the learning room's part "sessions": work sessions and their impression report."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
