"""Pages of the learning room's part "reports": the evaluation report (PDF and print)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
