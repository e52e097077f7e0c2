"""Pages of the alerting room: the alert board, times, rules, answers and arrivals."""

from django.urls import path

from oranje.alerting import views, views_figures

app_name = "alerting"

urlpatterns = [
    path("incidenten/<id:pk>/alarmering/", views.alert_board, name="alert_board"),
    path("incidenten/<id:pk>/alarmering/bord/", views.alert_board_rows, name="alert_board_rows"),
    path(
        "incidenten/<id:pk>/alarmering/<id:alert_pk>/",
        views.board_record,
        name="board_record",
    ),
    path("incidenten/<id:pk>/tijden/", views.incident_times, name="incident_times"),
    path("alarmregels/", views.rules, name="alert_rules"),
    path("piket/hard-zacht/", views_figures.hard_soft_figures, name="hard_soft"),
    path("mijn-alarmeringen/", views.my_alerts, name="my_alerts"),
    path("alarmering/<str:token>/", views.alert_answer, name="alert_answer"),
    path("aankomst/<str:token>/", views.alert_arrival, name="alert_arrival"),
]
