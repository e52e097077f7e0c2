"""Pages of the learning room's part "sessions": work sessions and their impression report."""

from django.urls import URLPattern, path

from oranje.learning.views import sessions

urlpatterns: list[URLPattern] = [
    path("leren/werksessies/", sessions.session_list, name="sessions"),
    path("leren/werksessies/nieuw/", sessions.session_new, name="session_new"),
    path("leren/werksessies/<id:pk>/", sessions.session_detail, name="session"),
    path("leren/werksessies/<id:pk>/bewerken/", sessions.session_edit, name="session_edit"),
    path(
        "leren/werksessies/<id:pk>/impressieverslag.pdf",
        sessions.session_report,
        name="session_report",
    ),
]
