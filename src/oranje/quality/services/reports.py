"""Board reports: made and changed by the region's monitors (`access.can_monitor`), each
save audited (BOARD_REPORT_SAVE); every PDF handed out audited (BOARD_REPORT_DOWNLOAD).
A report keeps only its period, title and foreword — its figures are read from the records
when it is shown."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.quality import access
from oranje.quality.constants import FIRST_YEAR, LAST_YEAR, TEXT_MAX, TITLE_MAX
from oranje.quality.models import BoardReport
from oranje.quality.periods import Period
from oranje.quality.reports import board, pdf

FIELDS = ("year", "quarter", "title", "foreword")


def _clean(*, year: int, quarter: int | None, title: str, foreword: str) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    title, foreword = title.strip(), foreword.strip()
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [
            _("year: choose a year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    if quarter is not None and not 1 <= quarter <= 4:
        errors["quarter"] = [_("quarter: choose 1, 2, 3 or 4, or none for the whole year.")]
    if not title:
        errors["title"] = [_("title: give the report a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("title: at most %(max)s characters.") % {"max": TITLE_MAX}]
    if len(foreword) > TEXT_MAX:
        errors["foreword"] = [_("foreword: at most %(max)s characters.") % {"max": TEXT_MAX}]
    if "\x00" in title or "\x00" in foreword:
        errors.setdefault("title", []).append(_("title: a NUL character cannot be kept."))
    if errors:
        raise ValidationError(errors)
    return {"year": year, "quarter": quarter, "title": title, "foreword": foreword}


def _require(actor: User, region_id: int) -> None:
    if not access.can_monitor(actor, region_id):
        raise PermissionDenied


@transaction.atomic
def board_report_create(
    *,
    actor: User,
    region: Region,
    year: int,
    quarter: int | None,
    title: str,
    foreword: str = "",
) -> BoardReport:
    _require(actor, region.pk)
    fields = _clean(year=year, quarter=quarter, title=title, foreword=foreword)
    report = BoardReport.objects.create(region=region, created_by=actor, **fields)
    audit_record(
        actor=actor,
        action=AuditAction.BOARD_REPORT_SAVE,
        obj=report,
        region=region,
        changes={k: [None, v] for k, v in fields.items()},
    )
    return report


@transaction.atomic
def board_report_update(
    *,
    actor: User,
    report: BoardReport,
    year: int,
    quarter: int | None,
    title: str,
    foreword: str = "",
) -> BoardReport:
    _require(actor, report.region_id)
    fields = _clean(year=year, quarter=quarter, title=title, foreword=foreword)
    report = BoardReport.objects.select_for_update().get(pk=report.pk)
    changes = {k: [getattr(report, k), v] for k, v in fields.items() if getattr(report, k) != v}
    for key, value in fields.items():
        setattr(report, key, value)
    report.save(update_fields=list(FIELDS))
    audit_record(
        actor=actor,
        action=AuditAction.BOARD_REPORT_SAVE,
        obj=report,
        region=report.region,
        changes=changes,
    )
    return report


@transaction.atomic
def board_report_pdf(*, actor: User, report: BoardReport) -> bytes:
    """The board report as a PDF, its download audited."""
    _require(actor, report.region_id)
    document = pdf.board_pdf(board.board_content(report))
    audit_record(
        actor=actor,
        action=AuditAction.BOARD_REPORT_DOWNLOAD,
        obj=report,
        region=report.region,
        note=Period(report.year, report.quarter).slug,
    )
    return document


@transaction.atomic
def chapter_pdf(*, actor: User, report: BoardReport, municipality: Municipality) -> bytes:
    """A municipality's chapter as a PDF, its download audited."""
    if municipality.region_id != report.region_id or not access.can_see_municipality(
        actor, municipality
    ):
        raise PermissionDenied
    document = pdf.chapter_pdf(board.chapter_content(report, municipality))
    audit_record(
        actor=actor,
        action=AuditAction.BOARD_REPORT_DOWNLOAD,
        obj=report,
        region=report.region,
        note=f"{Period(report.year, report.quarter).slug} {municipality.name}",
    )
    return document
