"""The worker's upkeep for public surveys: a survey whose last day (`closes_on`) has passed
is closed for the public already (`services.responses.survey_state`); here it is closed for
good, and its invitations' addresses are deleted (the postcode areas kept), as when a
region closes it by hand. Otherwise the addresses would stay until someone pressed "close"."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.learning.constants import SurveyStatus
from oranje.learning.models import Survey
from oranje.learning.services.surveys import addresses_delete


def surveys_close_due(*, today: dt.date | None = None) -> int:
    """Close every open survey whose last day has passed; how many were closed."""
    today = today or timezone.localdate()
    closed = 0
    due = Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__lt=today)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            survey = (
                Survey.objects.select_for_update()
                .select_related("region")
                .filter(pk=pk, status=SurveyStatus.OPEN, closes_on__lt=today)
                .first()
            )
            if survey is None:
                continue
            survey.status = SurveyStatus.CLOSED
            survey.save(update_fields=["status"])
            audit_record(
                actor=None,
                action=AuditAction.SURVEY_STATUS,
                obj=survey,
                region=survey.region,
                changes={"status": [SurveyStatus.OPEN, SurveyStatus.CLOSED]},
                note="closes_on passed",
            )
            addresses_delete(actor=None, survey=survey)
            closed += 1
    return closed
