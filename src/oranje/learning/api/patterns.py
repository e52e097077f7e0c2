"""The learning room's API, part "patterns": patterns: recurring findings across incidents and
regions.
"""

from django.urls import URLPattern

urls: list[URLPattern] = []
