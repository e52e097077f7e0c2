"""Pages of feedback moments during an exercise."""

from django.urls import URLPattern, path

from oranje.readiness import views_feedback

urlpatterns: list[URLPattern] = [
    path("oefeningen/mijn-feedback/", views_feedback.my_feedback, name="my_feedback"),
    path("oefeningen/<id:pk>/feedbackmomenten/", views_feedback.moments, name="feedback_moments"),
    path(
        "oefeningen/feedbackmoment/<id:pk>/", views_feedback.moment_record, name="feedback_moment"
    ),
    path(
        "oefeningen/feedbackmoment/<id:pk>/verwijderen/",
        views_feedback.moment_delete,
        name="feedback_moment_delete",
    ),
]
