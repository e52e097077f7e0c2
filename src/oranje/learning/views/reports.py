"""The evaluation report (part "reports"): a print page (HTML that prints cleanly on A4)
and the PDF. Access as the evaluation itself."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from oranje.core import access as core_access
from oranje.learning import access, nav
from oranje.learning.services import reports as services


@require_safe
@login_required
def evaluation_report(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for_user(request.user, pk)
    document = services.evaluation_report_pdf(
        actor=core_access.authenticated(request.user), evaluation=evaluation
    )
    name = slugify(f"evaluatie-{evaluation.pk}-{evaluation.title}")[:80]
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
def evaluation_print(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for_user(request.user, pk)
    content = services.evaluation_report_read(
        actor=core_access.authenticated(request.user), evaluation=evaluation
    )
    response = render(
        request,
        "learning/reports_evaluation.html",
        {
            "content": content,
            "evaluation": content.evaluation,
            **nav.context(request, "evaluations"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response
