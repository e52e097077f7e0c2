"""Pages of the quality room's part "assessment": the self-assessment rounds, a
municipality's answers with evidence, the region's review."""

from django.urls import URLPattern, path

from oranje.quality.views import assessment

urlpatterns: list[URLPattern] = [
    path("kwaliteit/zelfevaluatie/", assessment.assessments, name="assessments"),
    path("kwaliteit/zelfevaluatie/openen/", assessment.round_new, name="assessment_round_new"),
    path("kwaliteit/zelfevaluatie/<id:pk>/", assessment.round_detail, name="assessment_round"),
    path(
        "kwaliteit/zelfevaluatie/<id:pk>/gemeente/<id:municipality>/",
        assessment.municipality_form,
        name="assessment_municipality",
    ),
    path(
        "kwaliteit/zelfevaluatie/<id:pk>/gemeente/<id:municipality>/bewijs/",
        assessment.evidence_add,
        name="assessment_evidence_add",
    ),
    path(
        "kwaliteit/zelfevaluatie/<id:pk>/gemeente/<id:municipality>/bewijs/<id:item>/verwijderen/",
        assessment.evidence_remove,
        name="assessment_evidence_remove",
    ),
    path(
        "kwaliteit/zelfevaluatie/<id:pk>/gemeente/<id:municipality>/beoordelen/",
        assessment.review,
        name="assessment_review",
    ),
    path(
        "kwaliteit/zelfevaluatie/bewijs/<id:pk>/",
        assessment.evidence_file,
        name="assessment_evidence",
    ),
]
