"""Pages of the incident room: incidents, logbook, decisions, checklists, reports."""

from django.urls import path

from oranje.incidents import urls_checklists, urls_edxl, views, views_work

app_name = "incidents"

urlpatterns = [
    *urls_checklists.urlpatterns,
    *urls_edxl.urlpatterns,
    path("incidenten/", views.incident_list, name="incidents"),
    path("incidenten/nieuw/", views.incident_new, name="incident_new"),
    path("incidenten/<id:pk>/", views.logbook, name="logbook"),
    path("incidenten/<id:pk>/logboek/nieuw/", views.log_entry_new, name="log_entry_new"),
    path("incidenten/<id:pk>/logboek/nieuwer/", views.logbook_since, name="logbook_since"),
    path(
        "incidenten/<id:pk>/logboek/<id:number>/bijlage/",
        views.log_attachment,
        name="log_attachment",
    ),
    path("incidenten/<id:pk>/opschalen/", views.incident_scale, name="incident_scale"),
    path("incidenten/<id:pk>/afsluiten/", views.incident_close, name="incident_close"),
    path("incidenten/<id:pk>/opkomst/", views_work.briefing, name="briefing"),
    path("incidenten/<id:pk>/besluiten/", views_work.decisions, name="decisions"),
    path(
        "incidenten/<id:pk>/acties/<id:action_pk>/status/",
        views_work.action_status,
        name="action_status",
    ),
    path("incidenten/<id:pk>/checklists/", views_work.checklists, name="checklists"),
    path(
        "incidenten/<id:pk>/checklists/<id:item_pk>/afvinken/",
        views_work.checklist_tick,
        name="checklist_tick",
    ),
    path("incidenten/<id:pk>/situatierapport/", views_work.reports, name="reports"),
    path(
        "incidenten/<id:pk>/situatierapport/<id:version>/",
        views_work.report_detail,
        name="report_detail",
    ),
    path(
        "incidenten/<id:pk>/situatierapport/<id:version>.pdf",
        views_work.report_pdf_view,
        name="report_pdf",
    ),
    path(
        "incidenten/<id:pk>/situatierapport/<id:version>.json",
        views_work.report_json,
        name="report_json",
    ),
    path("incidenten/<id:pk>/aflossing/", views_work.handover, name="handover"),
]
