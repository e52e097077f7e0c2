"""Pages of the learning room's part "evaluations": evaluations of incidents and exercises,
findings, evidence, improvement actions.
"""

from django.urls import URLPattern, path

from oranje.learning.views import evaluations as views
from oranje.learning.views import evaluations_findings as findings
from oranje.learning.views import evaluations_incident

urlpatterns: list[URLPattern] = [
    path("leren/evaluaties/", views.evaluation_list, name="evaluations"),
    path("leren/evaluaties/nieuw/", views.evaluation_new, name="evaluation_new"),
    path(
        "leren/incidenten/<id:pk>/evaluatie/",
        evaluations_incident.incident_evaluation,
        name="incident_evaluation",
    ),
    path("leren/evaluaties/<id:pk>/", views.evaluation_detail, name="evaluation"),
    path("leren/evaluaties/<id:pk>/bewerken/", views.evaluation_edit, name="evaluation_edit"),
    path("leren/evaluaties/<id:pk>/definitief/", views.evaluation_final, name="evaluation_final"),
    path("leren/evaluaties/<id:pk>/deelnemers/", views.participant_add, name="participant_add"),
    path(
        "leren/deelnemers/<id:pk>/verwijderen/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("leren/evaluaties/<id:pk>/bevindingen/nieuw/", findings.finding_new, name="finding_new"),
    path("leren/bevindingen/<id:pk>/", findings.finding_detail, name="finding"),
    path("leren/bevindingen/<id:pk>/verwijderen/", findings.finding_remove, name="finding_remove"),
    path("leren/bevindingen/<id:pk>/bewijs/", findings.evidence_add, name="evidence_add"),
    path("leren/bewijs/<id:pk>/verwijderen/", findings.evidence_remove, name="evidence_remove"),
    path(
        "leren/bevindingen/<id:pk>/acties/nieuw/",
        findings.finding_action_new,
        name="finding_action_new",
    ),
    path(
        "leren/bevindingen/<id:pk>/acties/koppelen/",
        findings.finding_action_link,
        name="finding_action_link",
    ),
    path(
        "leren/bevindingen/<id:pk>/acties/<id:action>/ontkoppelen/",
        findings.finding_action_unlink,
        name="finding_action_unlink",
    ),
]
