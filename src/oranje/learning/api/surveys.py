"""The learning room's API, part "surveys": public surveys as the region runs them: questions,
invitations, letters, results.
"""

from django.urls import URLPattern

urls: list[URLPattern] = []
