"""Pages of issue 17's part "people": moving a person between key-function holder and civil
servant without a path; importing people (with their kind)."""

from django.urls import path

from oranje.organisation.views.people import person_import, person_kind

urlpatterns = [
    path("mensen/import/", person_import, name="person_import"),
    path("mensen/<id:pk>/soort/", person_kind, name="person_kind"),
]
