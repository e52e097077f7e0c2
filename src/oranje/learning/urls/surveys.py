"""Pages of the learning room's part "surveys": public surveys as the region runs them: questions,
invitations, letters, results.
"""

from django.urls import URLPattern, path

from oranje.learning.views import surveys, surveys_invitations, surveys_results

urlpatterns: list[URLPattern] = [
    path("leren/enquetes/", surveys.survey_list, name="surveys"),
    path("leren/enquetes/nieuw/", surveys.survey_new, name="survey_new"),
    path("leren/enquetes/vragen/", surveys.question_list, name="survey_questions"),
    path("leren/enquetes/vragen/nieuw/", surveys.question_edit, name="survey_question_new"),
    path("leren/enquetes/vragen/<id:pk>/", surveys.question_edit, name="survey_question"),
    path("leren/enquetes/<id:pk>/", surveys.survey_detail, name="survey"),
    path("leren/enquetes/<id:pk>/bewerken/", surveys.survey_edit, name="survey_edit"),
    path("leren/enquetes/<id:pk>/status/", surveys.survey_status, name="survey_status"),
    path("leren/enquetes/<id:pk>/qr.svg", surveys.survey_qr, name="survey_qr"),
    path(
        "leren/enquetes/<id:pk>/adressen/",
        surveys_invitations.addresses,
        name="survey_addresses",
    ),
    path("leren/enquetes/<id:pk>/brieven/", surveys_invitations.letters, name="survey_letters"),
    path("leren/enquetes/<id:pk>/resultaten/", surveys_results.results, name="survey_results"),
    path("leren/enquetes/<id:pk>/antwoorden.csv", surveys_results.export, name="survey_export"),
    path(
        "leren/enquetes/<id:pk>/vragen/<id:question>/bewijs/",
        surveys_results.evidence,
        name="survey_evidence",
    ),
]
