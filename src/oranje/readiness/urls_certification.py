"""Pages of certification: the national list of training providers and their accreditations."""

from django.urls import URLPattern, path

from oranje.readiness import views_certification as views

urlpatterns: list[URLPattern] = [
    path("vakbekwaamheid/aanbieders/", views.providers, name="providers"),
    path("vakbekwaamheid/aanbieders/nieuw/", views.provider_new, name="provider_new"),
    path("vakbekwaamheid/aanbieders/<id:pk>/", views.provider_detail, name="provider_detail"),
    path("vakbekwaamheid/aanbieders/<id:pk>/wijzigen/", views.provider_edit, name="provider_edit"),
    path(
        "vakbekwaamheid/aanbieders/<id:pk>/actief/", views.provider_active, name="provider_active"
    ),
    path(
        "vakbekwaamheid/aanbieders/<id:pk>/accreditaties/nieuw/",
        views.accreditation_new,
        name="accreditation_new",
    ),
    path(
        "vakbekwaamheid/aanbieders/accreditaties/<id:pk>/wijzigen/",
        views.accreditation_edit,
        name="accreditation_edit",
    ),
    path(
        "vakbekwaamheid/aanbieders/accreditaties/<id:pk>/verwijderen/",
        views.accreditation_delete,
        name="accreditation_delete",
    ),
]
