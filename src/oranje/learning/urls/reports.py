"""Pages of the learning room's part "reports": the evaluation report (PDF and print)."""

from django.urls import URLPattern, path

from oranje.learning.views import reports

urlpatterns: list[URLPattern] = [
    path(
        "leren/evaluaties/<id:pk>/rapport.pdf",
        reports.evaluation_report,
        name="evaluation_report",
    ),
    path(
        "leren/evaluaties/<id:pk>/afdrukken/",
        reports.evaluation_print,
        name="evaluation_print",
    ),
]
