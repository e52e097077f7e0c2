"""Pages of the learning room's part "evaluations": evaluations of incidents and exercises,
findings, evidence, the report.
"""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
