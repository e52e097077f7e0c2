"""Pages of feedback moments during an exercise."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
