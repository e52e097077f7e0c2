"""Self-assessment pages: the rounds with progress per municipality, opening a round, a
round's page, a municipality's questions on one page (answer, explanation, evidence,
submit), the region's review, and an evidence file (access-checked, audited, never cached)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.views import apply_errors, current_region
from oranje.quality import access, nav
from oranje.quality import selectors_assessment as selectors
from oranje.quality.constants import Review
from oranje.quality.forms_assessment import AnswerForm, EvidenceForm, ReviewForm, RoundForm
from oranje.quality.models import AssessmentRound, SelfAssessment
from oranje.quality.services import assessment as services


def _round_form(request: HttpRequest, data: Any = None) -> RoundForm:
    year = timezone.localdate().year
    return RoundForm(data, initial={"year": year, "deadline": f"{year}-11-30"}, auto_id="round_%s")


def _list(request: HttpRequest, form: RoundForm | None = None, status: int = 200) -> HttpResponse:
    region = selectors.region_for_assessment(request.user, current_region(request))
    monitor = access.can_monitor(request.user, region.pk)
    own = selectors.own_municipalities(request.user, region)
    found = list(selectors.rounds(region))
    latest = found[0] if found else None
    return render(
        request,
        "quality/assessments.html",
        {
            "region": region,
            "rounds": found,
            "latest": latest,
            "progress": selectors.progress(latest, own) if latest else [],
            "monitor": monitor,
            "form": form or (_round_form(request) if monitor else None),
            **nav.context(request, "assessment"),
        },
        status=status,
    )


@login_required
def assessments(request: HttpRequest) -> HttpResponse:
    return _list(request)


@login_required
@require_POST
def round_new(request: HttpRequest) -> HttpResponse:
    region = access.monitor_region_for_user(request.user, current_region(request))
    form = _round_form(request, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            found = services.round_open(
                actor=core_access.authenticated(request.user),
                region=region,
                year=data["year"],
                deadline=data["deadline"],
                note=data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Self-assessment round opened."))
            return redirect("quality:assessment_round", found.pk)
    return _list(request, form, status=400)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.round_for_user(request.user, pk)
    own = selectors.own_municipalities(request.user, found.region)
    return render(
        request,
        "quality/assessment_round.html",
        {
            "round": found,
            "progress": selectors.progress(found, own),
            "overdue": timezone.localdate() > found.deadline,
            "monitor": access.can_monitor(request.user, found.region_id),
            **nav.context(request, "assessment"),
        },
    )


def _forms(questions: list[SelfAssessment], data: Any = None) -> dict[int, AnswerForm]:
    return {
        q.pk: AnswerForm(
            data,
            prefix=f"a{q.pk}",
            initial={"answer": q.answer, "explanation": q.explanation},
        )
        for q in questions
        if q.status in services.EDITABLE
    }


def _page(
    request: HttpRequest,
    found: AssessmentRound,
    municipality_pk: int,
    *,
    answer_forms: dict[int, AnswerForm] | None = None,
    evidence_form: EvidenceForm | None = None,
    review_form: ReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    municipality = selectors.municipality_in_round(request.user, found, municipality_pk)
    questions = selectors.questions(found, municipality)
    answer_forms = answer_forms if answer_forms is not None else _forms(questions)
    monitor = access.can_monitor(request.user, found.region_id)
    rows = []
    for q in questions:
        rows.append(
            {
                "q": q,
                "form": answer_forms.get(q.pk),
                "evidence_form": (
                    evidence_form
                    if evidence_form is not None
                    and evidence_form["assessment"].value() == str(q.pk)
                    else EvidenceForm(initial={"assessment": q.pk}, auto_id=f"ev{q.pk}_%s")
                )
                if q.status in services.EDITABLE
                else None,
                "review_form": (
                    review_form
                    if review_form is not None and review_form["assessment"].value() == str(q.pk)
                    else ReviewForm(initial={"assessment": q.pk}, auto_id=f"rv{q.pk}_%s")
                )
                if monitor and q.status == Review.SUBMITTED
                else None,
            }
        )
    return render(
        request,
        "quality/assessment_form.html",
        {
            "round": found,
            "municipality": municipality,
            "rows": rows,
            "editable": bool(answer_forms),
            "monitor": monitor,
            "overdue": timezone.localdate() > found.deadline,
            **nav.context(request, "assessment"),
        },
        status=status,
    )


@login_required
def municipality_form(request: HttpRequest, pk: int, municipality: int) -> HttpResponse:
    """GET: the municipality's questions; POST: save the answers (and submit them with the
    "submit" button)."""
    found = selectors.round_for_user(request.user, pk)
    if request.method != "POST":
        return _page(request, found, municipality)
    mun = selectors.municipality_in_round(request.user, found, municipality)
    actor = core_access.authenticated(request.user)
    core_access.require(services.can_answer(actor, mun))
    questions = selectors.questions(found, mun)
    forms = _forms(questions, request.POST)
    if forms and all(f.is_valid() for f in forms.values()):
        try:
            services.answers_save(
                actor=actor,
                round_=found,
                municipality=mun,
                answers=[
                    services.AnswerIn(pk, f.cleaned_data["answer"], f.cleaned_data["explanation"])
                    for pk, f in forms.items()
                ],
                submit="submit" in request.POST,
            )
        except ValidationError as exc:
            for key, problems in exc.message_dict.items():
                name, _sep, field = key.partition("-")
                form = forms.get(int(name[1:])) if name[1:].isdigit() else None
                if form is not None:
                    form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request,
                _("Answers submitted to the region.")
                if "submit" in request.POST
                else _("Answers saved."),
            )
            return redirect("quality:assessment_municipality", found.pk, mun.pk)
    return _page(request, found, municipality, answer_forms=forms, status=400)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int, municipality: int) -> HttpResponse:
    found = selectors.round_for_user(request.user, pk)
    mun = selectors.municipality_in_round(request.user, found, municipality)
    actor = core_access.authenticated(request.user)
    core_access.require(services.can_answer(actor, mun))
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            services.evidence_add(
                actor=actor,
                round_=found,
                municipality=mun,
                assessment_id=data["assessment"],
                description=data["description"],
                upload=upload,
                upload_name=upload.name if upload else "",
                link=data["link"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Evidence added."))
            return redirect("quality:assessment_municipality", found.pk, mun.pk)
    return _page(request, found, municipality, evidence_form=form, status=400)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, municipality: int, item: int) -> HttpResponse:
    found = selectors.round_for_user(request.user, pk)
    mun = selectors.municipality_in_round(request.user, found, municipality)
    try:
        services.evidence_remove(
            actor=core_access.authenticated(request.user),
            round_=found,
            municipality=mun,
            evidence_id=item,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _page(request, found, municipality, status=400)
    messages.success(request, _("Evidence removed."))
    return redirect("quality:assessment_municipality", found.pk, mun.pk)


@login_required
@require_POST
def review(request: HttpRequest, pk: int, municipality: int) -> HttpResponse:
    found = selectors.round_for_user(request.user, pk)
    access.monitor_region_for_user(request.user, found.region)
    mun = selectors.municipality_in_round(request.user, found, municipality)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_review(
                actor=core_access.authenticated(request.user),
                round_=found,
                municipality=mun,
                assessment_id=data["assessment"],
                accept=data["decision"] == "accept",
                note=data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Review saved."))
            return redirect("quality:assessment_municipality", found.pk, mun.pk)
    return _page(request, found, municipality, review_form=form, status=400)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for those who see the municipality's self-assessment: audited,
    offered as a download, never cached."""
    item = selectors.evidence_for_user(request.user, pk)
    if not item.file.name:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        # The record outlived its file (a restore without the media folder): say it is gone.
        raise Http404 from None
    services.evidence_read(actor=core_access.authenticated(request.user), item=item)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.file_name or f"bewijs-{item.pk}",
        content_type=item.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
