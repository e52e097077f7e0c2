"""The learning room's API, part "network": the national network: directory, meetings, advisory
questions.
"""

from django.urls import URLPattern

urls: list[URLPattern] = []
