"""Pages of the learning room's part "patterns": patterns: recurring findings across incidents and
regions.
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
