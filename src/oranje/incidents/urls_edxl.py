"""The published situation report as EDXL-SitRep 1.0 XML."""

from django.urls import URLPattern, path

from oranje.incidents import views_edxl

urlpatterns: list[URLPattern] = [
    path(
        "incidenten/<id:pk>/situatierapport/<id:version>.edxl.xml",
        views_edxl.report_edxl,
        name="report_edxl",
    ),
]
