"""Pages of the quality room's part "reports": the board reports and the municipal
chapters."""

from django.urls import URLPattern, path

from oranje.quality.views import reports

BASE = "kwaliteit/bestuursrapportage/"

urlpatterns: list[URLPattern] = [
    path(BASE, reports.reports, name="reports"),
    path(f"{BASE}<id:pk>/", reports.report, name="report"),
    path(f"{BASE}<id:pk>/pdf/", reports.report_pdf, name="report_pdf"),
    path(f"{BASE}<id:pk>/gemeente/<id:municipality>/", reports.chapter, name="report_chapter"),
    path(
        f"{BASE}<id:pk>/gemeente/<id:municipality>/pdf/",
        reports.chapter_pdf,
        name="report_chapter_pdf",
    ),
]
