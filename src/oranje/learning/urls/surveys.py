"""Pages of the learning room's part "surveys": public surveys as the region runs them: questions,
invitations, letters, results.
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
