"""Pages of the description of population care and the regional point of contact, and the
partner's EDXL-SitRep download of a published situation report."""

from django.urls import URLPattern, path

from oranje.partners import views_description as views

urlpatterns: list[URLPattern] = [
    path("bevolkingszorg/<str:code>/", views.description, name="description"),
    path(
        "bevolkingszorg/<str:code>/versies/", views.description_history, name="description_history"
    ),
    path("bevolkingszorg/<str:code>/aanvullen/", views.description_edit, name="description_edit"),
    path(
        "bevolkingszorg/<str:code>/landelijke-tekst/",
        views.description_national_edit,
        name="description_national_edit",
    ),
    path(
        "bevolkingszorg/<str:code>/aanspreekpunt/",
        views.contact_point_edit,
        name="contact_point_edit",
    ),
    path(
        "partners/<str:code>/incidenten/<id:pk>/situatierapport/<id:version>.edxl.xml",
        views.partner_report_edxl,
        name="report_edxl",
    ),
]
