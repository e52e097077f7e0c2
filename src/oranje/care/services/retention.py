"""The care room follows the registry's retention (registry/services/retention.py): once the
registry of an incident has been anonymised (a real incident, the region's retention period
after its close) or deleted (an exercise), the worker's upkeep `care.retention` does the same
to the care room's records of people in that incident.

- **Anonymised**: households lose name, phone and address; guests their names, birth date,
  phone and every need in words (the counts of guests, stays, check-ins and transfers stay,
  so the occupancy figures of the incident do not change); temporary housing its address and
  note; the worklist of people with reduced self-reliance its copied name, address, phone and
  needs, and the notes of its steps.
- **An exercise**: its households (with guests, stays and housing) and worklist are deleted.

Idempotent: each step selects only what still holds data, so a worker that dies midway is
simply run again. The suppliers' lists themselves are not incident data: a supplier's new
delivery replaces them, and deleting the supplier deletes them.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q

from oranje.care.models import Case, CaseEntry, Guest, Household, Housing
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.incidents.models import Incident
from oranje.registry.constants import RetentionKind
from oranje.registry.models import RetentionRun

log = logging.getLogger(__name__)

_BLANK_HOUSEHOLD = {
    "name": "",
    "phone": "",
    "street": "",
    "house_number": None,
    "house_addition": "",
    "postcode": "",
    "city": "",
}
_BLANK_GUEST = {
    "given_names": "",
    "prefix": "",
    "surname": "",
    "birth_year": None,
    "birth_month": None,
    "birth_day": None,
    "phone": "",
    "medication": "",
    "diet": "",
    "mobility_aid": "",
    "language": "",
    "pets": "",
    "care_organisation": "",
}


def _holds_data(incident_id: int) -> bool:
    return (
        Household.objects.filter(incident_id=incident_id)
        .filter(~Q(name="") | ~Q(phone="") | ~Q(postcode="") | ~Q(street=""))
        .exists()
        or Guest.objects.filter(household__incident_id=incident_id)
        .filter(~Q(given_names="") | ~Q(surname="") | Q(birth_year__isnull=False))
        .exists()
        or Case.objects.filter(incident_id=incident_id)
        .filter(~Q(name="") | ~Q(address=""))
        .exists()
    )


def care_anonymise(*, incident: Incident) -> bool:
    """Anonymise the care records of the incident; False when there was nothing to do."""
    if not _holds_data(incident.pk):
        return False
    with transaction.atomic():
        households = Household.objects.filter(incident=incident)
        count = households.count()
        households.update(**_BLANK_HOUSEHOLD)
        guests = Guest.objects.filter(household__incident=incident)
        people = guests.count()
        guests.update(**_BLANK_GUEST)
        Housing.objects.filter(household__incident=incident).update(address="", note="")
        cases = Case.objects.filter(incident=incident)
        cases.update(name="", address="", needs="", phone="")
        CaseEntry.objects.filter(case__incident=incident).update(note="")
        audit_record(
            actor=None,
            action=AuditAction.CARE_ANONYMISE,
            obj=incident,
            region=incident.region,
            changes={"households": count, "guests": people},
        )
    return True


def care_delete(*, incident: Incident) -> bool:
    """Delete the care records of people in an exercise; False when there were none."""
    if not incident.is_exercise:
        raise ValueError("only an exercise's care records are deleted; real ones are anonymised")
    households = Household.objects.filter(incident=incident)
    cases = Case.objects.filter(incident=incident)
    if not households.exists() and not cases.exists():
        return False
    with transaction.atomic():
        count = households.count()
        # Stays protect their shelter, not the household: they go with it (cascade).
        households.update(shelter=None)
        households.delete()
        cases.delete()
        audit_record(
            actor=None,
            action=AuditAction.CARE_DELETE,
            obj=incident,
            region=incident.region,
            changes={"households": count},
        )
    return True


def care_retention_upkeep() -> list[int]:
    """The worker's upkeep: follow every finished registry retention run. Returns the ids of
    the incidents whose care records it ended."""
    done = []
    runs = RetentionRun.objects.filter(finished_at__isnull=False).select_related(
        "incident", "incident__region"
    )
    for run in runs:
        if run.kind == RetentionKind.DELETE and run.incident.is_exercise:
            changed = care_delete(incident=run.incident)
        else:
            changed = care_anonymise(incident=run.incident)
        if changed:
            log.info("care records of incident %s ended (%s)", run.incident_id, run.kind)
            done.append(run.incident_id)
    return done
