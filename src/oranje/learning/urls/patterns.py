"""Pages of the learning room's part "patterns": patterns: recurring findings across incidents and
regions.
"""

from django.urls import URLPattern, path

from oranje.learning.views import patterns

urlpatterns: list[URLPattern] = [
    path("leren/patronen/", patterns.pattern_list, name="patterns"),
    path("leren/patronen/opnieuw/", patterns.patterns_regroup, name="patterns_compute"),
    path("leren/patronen/<id:pk>/", patterns.pattern_detail, name="pattern"),
]
