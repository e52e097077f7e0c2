"""Pages of the learning room's part "network": the national network: directory, meetings, advisory
questions.
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
