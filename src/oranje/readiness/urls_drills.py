"""Pages of the one-hour drill: start, the answer page for the person on call, assessment."""

from django.urls import URLPattern, path

from oranje.readiness import views_drills

urlpatterns: list[URLPattern] = [
    path("oefeningen/uuropdracht/", views_drills.drills, name="drills"),
    path("oefeningen/uuropdracht/nieuw/", views_drills.drill_new, name="drill_new"),
    path("oefeningen/uuropdracht/<id:pk>/", views_drills.drill_detail, name="drill_detail"),
    path("uuropdracht/<str:token>/", views_drills.drill_respond, name="drill_respond"),
]
