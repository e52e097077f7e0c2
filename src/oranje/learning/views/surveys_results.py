"""A survey's results: the response rate, a chart and a table per question, the breakdown
by postcode area and by shelter, the free-text answers with a word overview, filters; the
CSV export (audited); and "use as evidence" for a finding of an evaluation of the incident."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.views import apply_errors
from oranje.learning import access, nav
from oranje.learning import selectors_surveys as selectors
from oranje.learning.constants import EvaluationStatus
from oranje.learning.forms_surveys import EvidenceForm, ResultsFilterForm
from oranje.learning.models import Finding, Survey, SurveyQuestion
from oranje.learning.services import evaluations
from oranje.learning.services import surveys as services
from oranje.learning.surveys_charts import bars_svg

SHELTER_FILTER = {"yes": "yes", "no": "no", "unknown": ""}


def _filter(survey: Survey, data: Any) -> tuple[str, str | None]:
    """The area and shelter chosen in `data` (nothing for a filter that is not valid)."""
    area, shelter = _filters(survey, data)[1:]
    return area, shelter


def _filters(survey: Survey, data: Any) -> tuple[ResultsFilterForm, str, str | None]:
    filters = ResultsFilterForm(data or None, areas=selectors.areas(survey))
    area, shelter = "", None
    if filters.is_bound and filters.is_valid():
        area = filters.cleaned_data["area"] or ""
        wanted = filters.cleaned_data["shelter"]
        shelter = SHELTER_FILTER.get(wanted) if wanted else None
    return filters, area, shelter


def results_context(survey: Survey, data: Any) -> dict[str, Any]:
    """What the results page and the API show, with the filters from `data`."""
    filters, area, shelter = _filters(survey, data)
    responses = selectors.filtered_responses(survey, area=area, shelter=shelter)
    filtered = bool(area) or shelter is not None
    counts = selectors.counts(survey, responses)
    # A filter that leaves fewer than MIN_GROUP responses shows only how many: the answers
    # of one or two households in a postcode area could be told apart.
    too_few = filtered and 0 < counts.responses < selectors.MIN_GROUP
    results = [] if too_few else selectors.question_results(survey, responses)
    for result in results:
        if result.bars:
            result.chart = bars_svg(  # type: ignore[attr-defined]
                result.bars,
                title=result.question.text,
                desc=", ".join(f"{b.label}: {b.share:.0f}% ({b.count})" for b in result.bars),
            )
    areas = selectors.by_area(survey, responses)
    found = selectors.by_shelter(responses)
    shelters: list[tuple[str, str, int | None]] = list(found)
    if too_few:
        areas, shelters = [], []  # only how many, as for the answers
    elif filtered:
        areas, shelters = selectors.withhold_small(areas, found)
    return {
        "filters": filters,
        "filtered": filtered,
        "too_few": too_few,
        "min_group": selectors.MIN_GROUP,
        "area": area,
        "shelter": shelter,
        "total": selectors.counts(survey),
        "counts": counts,
        "results": results,
        "areas": areas,
        "shelters": shelters,
    }


def _findings(user: Any, survey: Survey) -> Any:
    """Findings of the (draft) evaluations of the survey's incident that the user may change."""
    rows = Finding.objects.filter(
        evaluation__incident_id=survey.incident_id, evaluation__status=EvaluationStatus.DRAFT
    ).select_related("evaluation", "evaluation__incident")
    allowed = [f.pk for f in rows if access.can_evaluate(user, f.evaluation)]
    return rows.filter(pk__in=allowed).order_by("evaluation__pk", "position", "pk")


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.survey_for_user(request.user, pk)
    context = results_context(survey, request.GET)
    status = 400 if context["filters"].is_bound and context["filters"].errors else 200
    return render(
        request,
        "learning/survey_results.html",
        {
            "region": survey.region,
            "survey": survey,
            "may_link": _findings(request.user, survey).exists(),
            **context,
            **nav.context(request, "surveys"),
        },
        status=status,
    )


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.survey_for_user(request.user, pk)
    area, shelter = _filter(survey, request.GET)  # the page's area/shelter filter
    responses = selectors.filtered_responses(survey, area=area, shelter=shelter)
    if (area or shelter is not None) and responses.count() < selectors.MIN_GROUP:
        responses = responses.none()  # as the page: too few to show without pointing at someone
    data = services.results_export(
        actor=core_access.authenticated(request.user), survey=survey, responses=responses
    )
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    name = f"enquete-{survey.pk}-antwoorden.csv"
    if survey.incident.is_exercise:
        name = f"OEFENING-{name}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def evidence(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    """Use one question's result as evidence for a finding of an evaluation of the incident."""
    survey = access.survey_for_user(request.user, pk)
    asked = SurveyQuestion.objects.filter(survey=survey, pk=question).first()
    if asked is None:
        raise Http404
    if asked.code == selectors.POSTCODE_QUESTION:
        raise Http404
    found = next(
        r
        for r in selectors.question_results(survey, selectors.filtered_responses(survey))
        if r.question.pk == asked.pk
    )
    findings = _findings(request.user, survey)
    form = EvidenceForm(
        request.POST if request.method == "POST" else None,
        findings=findings,
        initial={"summary": found.summary[:200]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            evaluations.evidence_add(
                actor=core_access.authenticated(request.user),
                finding=form.cleaned_data["finding"],
                kind="survey",
                survey_question=asked,
                summary=form.cleaned_data["summary"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The result is linked to the finding as evidence."))
            return redirect("learning:survey_results", survey.pk)
    return render(
        request,
        "learning/survey_evidence.html",
        {
            "region": survey.region,
            "survey": survey,
            "question": asked,
            "result": found,
            "form": form,
            "has_findings": findings.exists(),
            **nav.context(request, "surveys"),
        },
        status=400 if form.is_bound else 200,
    )
