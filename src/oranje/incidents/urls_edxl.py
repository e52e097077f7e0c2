"""The published situation report as EDXL-SitRep 1.0 XML."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
