"""The IAC follows the registry's retention (registry/services/retention.py), as the care and
damage rooms do: once the registry of an incident has been anonymised (a real incident, the
region's retention period after its close) or deleted (an exercise), the worker's upkeep
`aftercare.retention` does the same to the incident's IAC cases.

- **Anonymised**: a case loses the household's name, phone, e-mail and address, its links to
  the registry person, the shelter stay and the damage reports, and every text written about
  the household (questions and answers, contact summaries, follow-ups, referral notes, the
  closing note). Status, themes, limited mobility, the moments of contacts and follow-ups and
  the kinds of contact and referral stay, so the IAC's weekly figures do not change; its
  newsletters keep their counts (the items point at the anonymised case).
- **An exercise**: its cases (with everything in them) are deleted, and with them the
  newsletters' items; the newsletters themselves (texts to everyone, no person) stay.

The transition document, the tasks and the thank-you hold no data of affected persons and stay.
Idempotent: a worker that dies midway is simply run again.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from oranje.aftercare.models import (
    IacCase,
    IacContact,
    IacFollowUp,
    IacQuestion,
    IacReferral,
)
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.incidents.models import Incident
from oranje.registry.constants import RetentionKind
from oranje.registry.models import RetentionRun

log = logging.getLogger(__name__)

_BLANK_CASE = {
    "household_name": "",
    "phone": "",
    "email": "",
    "postcode": "",
    "house_number": None,
    "house_addition": "",
    "street": "",
    "city": "",
    "person": None,
    "household": None,
    "closure_note": "",
}


def iac_anonymise(*, incident: Incident) -> bool:
    """Anonymise the incident's IAC cases; False when there was nothing to do."""
    cases = IacCase.objects.filter(incident=incident, anonymised_at__isnull=True)
    if not cases.exists():
        return False
    with transaction.atomic():
        ids = list(cases.select_for_update().values_list("pk", flat=True))
        IacCase.damage_reports.through.objects.filter(iaccase_id__in=ids).delete()
        IacQuestion.objects.filter(case_id__in=ids).update(text="", answer="")
        IacContact.objects.filter(case_id__in=ids).update(summary="")
        IacFollowUp.objects.filter(case_id__in=ids).update(text="")
        IacReferral.objects.filter(case_id__in=ids).update(organisation="", note="")
        IacCase.objects.filter(pk__in=ids).update(**_BLANK_CASE, anonymised_at=timezone.now())
        audit_record(
            actor=None,
            action=AuditAction.IAC_ANONYMISE,
            obj=incident,
            region=incident.region,
            changes={"cases": len(ids)},
        )
    return True


def iac_delete(*, incident: Incident) -> bool:
    """Delete an exercise's IAC cases; False when there were none."""
    if not incident.is_exercise:
        raise ValueError("only an exercise's IAC cases are deleted; real ones are anonymised")
    cases = IacCase.objects.filter(incident=incident)
    if not cases.exists():
        return False
    with transaction.atomic():
        count = cases.count()
        cases.delete()
        audit_record(
            actor=None,
            action=AuditAction.IAC_DELETE,
            obj=incident,
            region=incident.region,
            changes={"cases": count},
        )
    return True


def iac_retention_upkeep() -> list[int]:
    """The worker's upkeep: follow every finished registry retention run. Returns the ids of
    the incidents whose IAC cases it ended."""
    done = []
    runs = RetentionRun.objects.filter(finished_at__isnull=False).select_related(
        "incident", "incident__region"
    )
    holding = set(
        IacCase.objects.filter(
            anonymised_at__isnull=True, incident_id__in=runs.values("incident_id")
        ).values_list("incident_id", flat=True)
    )
    for run in runs:
        if run.incident_id not in holding:
            continue
        if run.kind == RetentionKind.DELETE and run.incident.is_exercise:
            changed = iac_delete(incident=run.incident)
        else:
            changed = iac_anonymise(incident=run.incident)
        if changed:
            log.info("IAC cases of incident %s ended (%s)", run.incident_id, run.kind)
            done.append(run.incident_id)
    return done
