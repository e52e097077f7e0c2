"""Pages of the readiness room: the matrix, activities, profiles, exercises, alarm tests."""

from django.urls import path

from oranje.readiness import urls_certification, urls_drills, urls_feedback, views

app_name = "readiness"

urlpatterns = [
    *urls_certification.urlpatterns,
    *urls_drills.urlpatterns,
    *urls_feedback.urlpatterns,
    path("vakbekwaamheid/", views.readiness_matrix, name="readiness"),
    path("vakbekwaamheid/landelijk/", views.national_counts, name="readiness_national"),
    path("vakbekwaamheid/activiteit/nieuw/", views.activity_new, name="activity_new"),
    path(
        "vakbekwaamheid/activiteit/<id:pk>/verwijderen/",
        views.activity_delete,
        name="activity_delete",
    ),
    path("vakbekwaamheid/import/", views.activity_import_view, name="activity_import"),
    path("vakbekwaamheid/profielen/", views.profiles, name="profiles"),
    path(
        "vakbekwaamheid/profielen/<str:code>/<str:scope>/",
        views.profile_edit,
        name="profile_edit",
    ),
    path("mensen/<id:pk>/paspoort/", views.passport, name="passport"),
    path("oefeningen/", views.exercises, name="exercises"),
    path("oefeningen/nieuw/", views.exercise_new, name="exercise_new"),
    path("oefeningen/<id:pk>/", views.exercise_detail, name="exercise_detail"),
    path("alarmtest/", views.alarm_tests, name="alarm_tests"),
    path("alarmtest/<id:pk>/", views.alarm_test_detail, name="alarm_test_detail"),
    path("alarm/<str:token>/", views.alarm_respond, name="alarm_respond"),
]
