"""Pages of loans of people across regions."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
