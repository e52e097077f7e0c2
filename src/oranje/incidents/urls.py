"""Pages of the incident room: incidents, logbook, decisions, checklists, reports."""

from django.urls import path

from oranje.incidents import views, views_work

app_name = "incidents"

urlpatterns = [
    path("incidenten/", views.incident_list, name="incidents"),
    path("incidenten/nieuw/", views.incident_new, name="incident_new"),
    path("incidenten/<int:pk>/", views.logbook, name="logbook"),
    path("incidenten/<int:pk>/logboek/nieuw/", views.log_entry_new, name="log_entry_new"),
    path("incidenten/<int:pk>/logboek/nieuwer/", views.logbook_since, name="logbook_since"),
    path(
        "incidenten/<int:pk>/logboek/<int:number>/bijlage/",
        views.log_attachment,
        name="log_attachment",
    ),
    path("incidenten/<int:pk>/opschalen/", views.incident_scale, name="incident_scale"),
    path("incidenten/<int:pk>/afsluiten/", views.incident_close, name="incident_close"),
    path("incidenten/<int:pk>/besluiten/", views_work.decisions, name="decisions"),
    path(
        "incidenten/<int:pk>/acties/<int:action_pk>/status/",
        views_work.action_status,
        name="action_status",
    ),
    path("incidenten/<int:pk>/checklists/", views_work.checklists, name="checklists"),
    path(
        "incidenten/<int:pk>/checklists/<int:item_pk>/afvinken/",
        views_work.checklist_tick,
        name="checklist_tick",
    ),
    path("incidenten/<int:pk>/situatierapport/", views_work.reports, name="reports"),
    path(
        "incidenten/<int:pk>/situatierapport/<int:version>/",
        views_work.report_detail,
        name="report_detail",
    ),
    path(
        "incidenten/<int:pk>/situatierapport/<int:version>.pdf",
        views_work.report_pdf_view,
        name="report_pdf",
    ),
    path(
        "incidenten/<int:pk>/situatierapport/<int:version>.json",
        views_work.report_json,
        name="report_json",
    ),
    path("incidenten/<int:pk>/aflossing/", views_work.handover, name="handover"),
    path("checklists/<str:code>/wijzigen/", views_work.checklist_edit, name="checklist_edit"),
]
