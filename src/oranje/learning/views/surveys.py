"""Public surveys, the region's side: the list, a new survey for an incident, a survey's
page (status, the open link with its QR code, counts), changing it, opening and closing it,
and the region's own standard questions beside the national set."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.models import Region
from oranje.core.views import apply_errors, current_region
from oranje.learning import access, nav
from oranje.learning import selectors_surveys as selectors
from oranje.learning.constants import SurveyStatus
from oranje.learning.forms_surveys import StandardQuestionForm, SurveyForm
from oranje.learning.models import StandardQuestion, Survey
from oranje.learning.services import surveys as services
from oranje.learning.surveys_letters import survey_link


def _region(request: HttpRequest) -> Region:
    return access.survey_region_for_user(request.user, current_region(request))


def _survey(request: HttpRequest, pk: int) -> Survey:
    return access.survey_for_user(request.user, pk)


def _ctx(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {**extra, **nav.context(request, "surveys")}


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    return render(
        request,
        "learning/surveys.html",
        _ctx(request, region=region, surveys=selectors.region_surveys(region)),
    )


def _survey_fields(form: SurveyForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {name: data[name] for name in ("title", "intro", "open_link", "opens_on", "closes_on")}


@login_required
def survey_new(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    form = SurveyForm(request.POST if request.method == "POST" else None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=core_access.authenticated(request.user),
                region=region,
                incident=form.cleaned_data["incident"],
                **_survey_fields(form),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Survey “%(title)s” made.") % {"title": survey.title})
            return redirect("learning:survey", survey.pk)
    return render(
        request,
        "learning/survey_edit.html",
        _ctx(
            request,
            region=region,
            form=form,
            survey=None,
            questions=services.active_questions(region),
        ),
        status=400 if form.is_bound else 200,
    )


@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    initial = {
        "title": survey.title,
        "intro": survey.intro,
        "open_link": survey.open_link,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
    }
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        region=survey.region,
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                actor=core_access.authenticated(request.user),
                survey=survey,
                **_survey_fields(form),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("learning:survey", survey.pk)
    return render(
        request,
        "learning/survey_edit.html",
        _ctx(request, region=survey.region, form=form, survey=survey, questions=None),
        status=400 if form.is_bound else 200,
    )


def qr_svg(payload: str, title: str) -> str:
    return mark_safe(  # noqa: S308 - segno escapes the title
        segno.make(payload, error="m", micro=False).svg_inline(scale=5, border=4, title=title)
    )


def _detail(
    request: HttpRequest, survey: Survey, *, status: int = 200, errors: list[str] | None = None
) -> HttpResponse:
    link = survey_link(survey)
    return render(
        request,
        "learning/survey_detail.html",
        _ctx(
            request,
            region=survey.region,
            survey=survey,
            link=link,
            qr=qr_svg(link, _("QR code of the survey's open link")),
            counts=selectors.counts(survey),
            questions=survey.questions.order_by("position", "pk"),
            next_status=services.NEXT_STATUS.get(SurveyStatus(survey.status)),
            status_errors=errors or [],
        ),
        status=status,
    )


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _survey(request, pk))


@login_required
def survey_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The open link's QR code as an SVG file (for a poster or a message)."""
    survey = _survey(request, pk)
    out = segno.make(survey_link(survey), error="m", micro=False)
    buffer = io.BytesIO()
    out.save(buffer, kind="svg", scale=10, border=4)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="enquete-{survey.pk}-qr.svg"'
    return response


@login_required
@require_POST
def survey_status(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    wanted = request.POST.get("status", "")[:10]
    try:
        survey = services.survey_set_status(
            actor=core_access.authenticated(request.user), survey=survey, status=wanted
        )
    except ValidationError as exc:
        return _detail(request, survey, status=400, errors=exc.messages)
    if survey.status == SurveyStatus.OPEN:
        messages.success(request, _("The survey is open for answers."))
    else:
        messages.success(
            request, _("The survey is closed. The addresses of the letters have been deleted.")
        )
    return redirect("learning:survey", survey.pk)


# --- the region's own standard questions -----------------------------------------------------


@login_required
def question_list(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    return render(
        request,
        "learning/survey_questions.html",
        _ctx(
            request,
            region=region,
            national=StandardQuestion.objects.filter(region=None).order_by("position", "pk"),
            own=StandardQuestion.objects.filter(region=region).order_by("position", "pk"),
        ),
    )


def _question(request: HttpRequest, pk: int) -> StandardQuestion:
    """A region's own question, through its region's door (404 outside the user's regions,
    403 inside without the right); the national set is read-only (403)."""
    question = StandardQuestion.objects.select_related("region").filter(pk=pk).first()
    if question is None:
        raise Http404
    if question.region is None:
        if not access.survey_regions(request.user) and not access.is_national(request.user):
            raise Http404
        raise PermissionDenied
    access.survey_region_for_user(request.user, question.region)
    return question


@login_required
def question_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is not None:
        question: StandardQuestion | None = _question(request, pk)
        assert question is not None and question.region is not None
        region = question.region
    else:
        question, region = None, _region(request)
    initial: dict[str, Any] = {"active": True}
    if question is not None:
        initial = {
            "text": question.text,
            "help_text": question.help_text,
            "kind": question.kind,
            "options": services.options_text(question.options),
            "required": question.required,
            "active": question.active,
        }
    form = StandardQuestionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.standard_question_save(
                actor=core_access.authenticated(request.user),
                region=region,
                question=question,
                text=data["text"],
                help_text=data["help_text"],
                kind=data["kind"],
                options=data["options"],
                required=data["required"],
                active=data["active"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Question saved."))
            return redirect("learning:survey_questions")
    return render(
        request,
        "learning/survey_question_edit.html",
        _ctx(request, region=region, form=form, question=question),
        status=400 if form.is_bound else 200,
    )
