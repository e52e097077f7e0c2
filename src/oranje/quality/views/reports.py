"""The board reports (part "reports"): the region's list with a form for a new one; a
report's print page (HTML that prints on A4, trend charts as inline SVG) and its PDF; a
municipality's chapter for its annual report as a page and a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from oranje.core import access as core_access
from oranje.core.views import apply_errors, current_region
from oranje.quality import access, nav
from oranje.quality import selectors_reports as selectors
from oranje.quality.forms_reports import BoardReportForm
from oranje.quality.models import BoardReport
from oranje.quality.periods import last_complete_quarter
from oranje.quality.reports import board, pdf, svg
from oranje.quality.reports.costs import cost_chapter
from oranje.quality.services import reports as services


@login_required
@require_http_methods(["GET", "POST"])
def reports(request: HttpRequest) -> HttpResponse:
    region = access.monitor_region_for_user(request.user, current_region(request))
    last = last_complete_quarter()
    form = BoardReportForm(
        request.POST if request.method == "POST" else None,
        initial={
            "year": last.year,
            "quarter": last.quarter,
            "title": _("Board report population care %(period)s") % {"period": last.label},
        },
        auto_id="report_%s",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.board_report_create(
                actor=core_access.authenticated(request.user),
                region=region,
                year=data["year"],
                quarter=data["quarter"],
                title=data["title"],
                foreword=data["foreword"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Board report saved."))
            return redirect("quality:report", report.pk)
    return render(
        request,
        "quality/reports.html",
        {
            "region": region,
            "reports": selectors.region_reports(region),
            "form": form,
            **nav.context(request, "reports"),
        },
        status=400 if form.is_bound else 200,
    )


def _filename(report: BoardReport, suffix: str = "") -> str:
    period = f"{report.year}-Q{report.quarter}" if report.quarter else str(report.year)
    name = slugify(f"bestuursrapportage-{report.region.code}-{period}{suffix}")
    return f"{name}.pdf"


def _pdf(document: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The print page: the whole report as HTML that prints cleanly on A4."""
    found = selectors.report_for_user(request.user, pk)
    content = board.board_content(found)
    return render(
        request,
        "quality/report.html",
        {
            "content": content,
            "costs": cost_chapter(content.costs),
            "report": found,
            "charts": [(row, svg.trend_svg(row.trend, row.norm.code)) for row in content.norms],
            **nav.context(request, "reports"),
        },
    )


@require_safe
@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.report_for_user(request.user, pk)
    document = services.board_report_pdf(
        actor=core_access.authenticated(request.user), report=found
    )
    return _pdf(document, _filename(found))


@require_safe
@login_required
def chapter(request: HttpRequest, pk: int, municipality: int) -> HttpResponse:
    """A municipality's chapter for its annual report, as a print page."""
    found, place = selectors.chapter_for_user(request.user, pk, municipality)
    content = board.chapter_content(found, place)
    return render(
        request,
        "quality/report_chapter.html",
        {
            "content": content,
            "report": found,
            "monitor": access.can_monitor(request.user, found.region_id),
            "charts": [(row, svg.trend_svg(row.trend, row.norm.code)) for row in content.norms],
            "share_text": pdf.share_text(content) if content.share is not None else "",
            **nav.context(request, "reports"),
        },
    )


@require_safe
@login_required
def chapter_pdf(request: HttpRequest, pk: int, municipality: int) -> HttpResponse:
    found, place = selectors.chapter_for_user(request.user, pk, municipality)
    document = services.chapter_pdf(
        actor=core_access.authenticated(request.user), report=found, municipality=place
    )
    return _pdf(document, _filename(found, f"-{place.name}"))
