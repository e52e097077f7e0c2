"""The evaluation report: made for someone who may read the evaluation, and audited (it
names the participants) — the PDF and the print page alike."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.learning import access
from oranje.learning.models import Evaluation
from oranje.learning.reports.evaluation import ReportContent, evaluation_pdf, report_content


def _content(actor: User, evaluation: Evaluation, form: str) -> ReportContent:
    if not access.can_evaluate(actor, evaluation):
        raise PermissionDenied
    content = report_content(evaluation)
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_REPORT,
        obj=evaluation,
        region=evaluation.region,
        changes={"form": form, "participants": len(content.participants)},
        note=form,
    )
    return content


@transaction.atomic
def evaluation_report_pdf(*, actor: User, evaluation: Evaluation) -> bytes:
    """The report as an A4 PDF, its download audited."""
    return evaluation_pdf(_content(actor, evaluation, "pdf"))


@transaction.atomic
def evaluation_report_read(*, actor: User, evaluation: Evaluation) -> ReportContent:
    """The report's content for the print page, its reading audited."""
    return _content(actor, evaluation, "print")
