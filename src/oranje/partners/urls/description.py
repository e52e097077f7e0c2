"""Pages of the description of population care and the regional point of contact."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
