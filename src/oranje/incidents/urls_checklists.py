"""Pages of the checklists per function, the instructions and the questions for administrators."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
