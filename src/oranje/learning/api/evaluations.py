"""The learning room's API, part "evaluations": evaluations of incidents and exercises, findings,
evidence, the report.
"""

from django.urls import URLPattern

urls: list[URLPattern] = []
