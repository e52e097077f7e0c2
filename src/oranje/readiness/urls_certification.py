"""Pages of certification: the national list of training providers and their accreditations."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
