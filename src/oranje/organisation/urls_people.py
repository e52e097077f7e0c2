"""Pages of issue 17's part "people": moving a person between key-function holder and civil
servant without a path."""

from django.urls import path

from oranje.organisation.views.people import person_kind

urlpatterns = [
    path("mensen/<id:pk>/soort/", person_kind, name="person_kind"),
]
