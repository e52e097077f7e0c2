"""The end of an incident's registry, run by the worker (`retention_upkeep`).

- **A real incident** is anonymised once the region's retention period (`RegistrySettings.
  retention_months`, default six) has passed since its close. Of every person and inquiry
  nothing identifying is kept: names, birth date (not even the year), sex, address, phone,
  BSN, nationality, language, notes, the caller's details, where the person was last seen,
  the free text of status entries and call backs, the engine's reasons (they quote names),
  the senders' row ids (a hospital's patient number), the author, place and text of notes
  received from another registry (PFIF). What stays: status, whereabouts kind,
  source and times of every history entry, inquiry states, candidates and scores, call
  outcomes and standard phrases, merges, police notices and the read log (who read which
  record number when) — so `selectors.counts` gives the same numbers before and after. The
  audit entries about those persons and inquiries keep who did what when to which record
  number, without the names or changed values.
- **An exercise** never leaves exercise mode: its registry is deleted, not anonymised,
  `EXERCISE_RETENTION` (30 days) after the exercise closes — shorter than any real retention
  period — and at once with the incident if the exercise is deleted (the foreign keys cascade).

Both work in batches of `BATCH` records, each its own transaction, with bulk SQL updates:
a worker that dies midway leaves a `RetentionRun` without `finished_at`, and the next run
continues with the records not yet done. The audit entry (REGISTRY_ANONYMISE,
REGISTRY_DELETE) is written once, with the finish.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging

from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.incidents.models import Incident
from oranje.registry import matching
from oranje.registry.constants import ReadKind, RetentionKind, Sex
from oranje.registry.models import (
    CallBack,
    Candidate,
    ExternalRef,
    ImportBatch,
    ImportUpload,
    Inquiry,
    Merge,
    Person,
    PfifNote,
    PoliceNotice,
    PossibleDuplicate,
    ReadLog,
    RegistrySettings,
    RetentionRun,
    StatusEntry,
)

log = logging.getLogger(__name__)

BATCH = 5000
DEFAULT_RETENTION_MONTHS = 6
EXERCISE_RETENTION = dt.timedelta(days=30)
#: A read log `what` kept after anonymising: a label, not a search or a name.
PLAIN_LABEL = r"^[a-z0-9 ._()-]*$"

_BLANK_NAMES: dict[str, object] = {
    "given_names": "",
    "prefix": "",
    "surname": "",
    "birth_year": None,
    "birth_month": None,
    "birth_day": None,
    "age_estimate": None,
    "sex": Sex.UNKNOWN,
    "postcode": "",
    "house_number": None,
    "house_addition": "",
    "street": "",
    "city": "",
    "phone": "",
}
_BLANK_PERSON: dict[str, object] = {
    **_BLANK_NAMES,
    "partner_prefix": "",
    "partner_surname": "",
    "bsn": "",
    "nationality": "",
    "language": "",
    "note": "",
    "current_place": "",
    "email": "",
    "updates_consent": None,
}
_BLANK_INQUIRY: dict[str, object] = {
    **_BLANK_NAMES,
    "caller_name": "",
    "caller_phone": "",
    "caller_relation": "",
    "last_seen_place": "",
    "last_seen_at": None,
    "description": "",
    "client_key": "",
    "close_reason": "",
}


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day `months` later (the month's last day where it has fewer days)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def retention_months(region_id: int) -> int:
    found = (
        RegistrySettings.objects.filter(region_id=region_id)
        .values_list("retention_months", flat=True)
        .first()
    )
    return found if found is not None else DEFAULT_RETENTION_MONTHS


def due_at(incident: Incident) -> dt.datetime | None:
    """When the incident's registry ends (None while the incident is open)."""
    if incident.closed_at is None:
        return None
    if incident.is_exercise:
        return incident.closed_at + EXERCISE_RETENTION
    return add_months(incident.closed_at, retention_months(incident.region_id))


def _scrub_audit(incident_id: int) -> None:
    """The audit entries about the incident's persons and inquiries keep who did what when to
    which record number; their names and changed values go. One statement per kind (a join,
    not a list of ids): idempotent, so a resumed run simply does it again."""
    for object_type, model in (("person", Person), ("inquiry", Inquiry)):
        ids = (
            model.objects.filter(incident_id=incident_id)
            .annotate(text_id=Cast("pk", CharField()))
            .values("text_id")
        )
        AuditEntry.objects.filter(
            action__startswith="registry.", object_type=object_type, object_id__in=ids
        ).update(object_repr=Concat(Value("#"), F("object_id")), changes={}, note="")


def _batch(model: type[Person] | type[Inquiry], incident_id: int, after: int) -> tuple[int, int]:
    """The id range of the next batch: the first and last id of up to BATCH records not yet
    anonymised after `after` ((0, 0): none left). Every record of the incident in that range
    that is not yet anonymised is in the batch, so the updates select by range, not by a list
    of 5,000 ids (cheaper to send, plan and run)."""
    ids = model.objects.filter(incident_id=incident_id, anonymised_at__isnull=True, pk__gt=after)
    first = ids.order_by("pk").values_list("pk", flat=True).first()
    if first is None:
        return 0, 0
    last = ids.order_by("pk").values_list("pk", flat=True)[BATCH - 1 : BATCH].first()
    if last is None:
        last = ids.order_by("-pk").values_list("pk", flat=True).first() or first
    return first, last


def _anonymise_persons(incident_id: int, after: int, now: dt.datetime) -> int | None:
    """One batch of persons; returns the last id done (None: none left)."""
    with transaction.atomic():
        first, last = _batch(Person, incident_id, after)
        if not first:
            return None
        span = {"person__incident_id": incident_id, "person_id__gte": first, "person_id__lte": last}
        Person.objects.filter(
            incident_id=incident_id, anonymised_at__isnull=True, pk__range=(first, last)
        ).update(**_BLANK_PERSON, anonymised_at=now, updated_at=now)
        StatusEntry.objects.filter(Q(place__gt="") | Q(note__gt=""), **span).update(
            place="", note=""
        )
        ExternalRef.objects.filter(
            incident_id=incident_id, person_id__gte=first, person_id__lte=last
        ).delete()
        Candidate.objects.filter(**span).exclude(reasons=[]).update(reasons=[])
        mine = PossibleDuplicate.objects.filter(incident_id=incident_id).exclude(reasons=[])
        mine.filter(person_id__gte=first, person_id__lte=last).update(reasons=[])
        mine.filter(other_id__gte=first, other_id__lte=last).update(reasons=[])
        Merge.objects.filter(incident_id=incident_id, kept_id__gte=first, kept_id__lte=last).update(
            reasons=[]
        )
        # Notes from another registry (PFIF): who wrote them, where, what.
        PfifNote.objects.filter(
            incident_id=incident_id, person_id__gte=first, person_id__lte=last
        ).update(author_name="", last_known_location="", text="", linked_person_record_id="")
        return last


def _anonymise_inquiries(incident_id: int, after: int, now: dt.datetime) -> int | None:
    with transaction.atomic():
        first, last = _batch(Inquiry, incident_id, after)
        if not first:
            return None
        span = {
            "inquiry__incident_id": incident_id,
            "inquiry_id__gte": first,
            "inquiry_id__lte": last,
        }
        Inquiry.objects.filter(
            incident_id=incident_id, anonymised_at__isnull=True, pk__range=(first, last)
        ).update(**_BLANK_INQUIRY, anonymised_at=now, updated_at=now)
        CallBack.objects.filter(note__gt="", **span).update(note="")
        Candidate.objects.filter(**span).exclude(reasons=[]).update(reasons=[])
        return last


def _start(incident: Incident, kind: str) -> RetentionRun:
    run, _created = RetentionRun.objects.get_or_create(incident=incident, defaults={"kind": kind})
    return run


def incident_anonymise(*, incident: Incident, now: dt.datetime | None = None) -> RetentionRun:
    """Anonymise the incident's registry (see the module docstring). Safe to run again and
    after a crash: it goes on with what is not yet anonymised and audits once."""
    now = now or timezone.now()
    run = _start(incident, RetentionKind.ANONYMISE)
    if run.finished_at is not None:
        return run
    last: int | None = 0
    while last is not None:
        last = _anonymise_persons(incident.pk, last, now)
    last = 0
    while last is not None:
        last = _anonymise_inquiries(incident.pk, last, now)
    with transaction.atomic():
        _scrub_audit(incident.pk)
        # An upload still waiting for its column mapping holds the raw list.
        ImportUpload.objects.filter(incident=incident).delete()
        # The read log keeps who read which record when. Its `what` goes where it may name
        # someone: always for a person or inquiry, and for a list where it is more than a
        # plain lower-case label ("dodenlijst.pdf", "personen p2"; not a search).
        reads = ReadLog.objects.filter(incident=incident)
        reads.filter(kind__in=[ReadKind.PERSON, ReadKind.INQUIRY]).update(what="")
        reads.exclude(what__regex=PLAIN_LABEL).update(what="")
        persons = Person.objects.filter(incident=incident).count()
        inquiries = Inquiry.objects.filter(incident=incident).count()
        done = RetentionRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(
            finished_at=timezone.now(), persons=persons, inquiries=inquiries
        )
        if done and (persons or inquiries):
            audit_record(
                actor=None,
                action=AuditAction.REGISTRY_ANONYMISE,
                obj=incident,
                region=incident.region,
                changes={"persons": persons, "inquiries": inquiries},
            )
    matching.forget(incident.pk)
    run.refresh_from_db()
    return run


def _delete_batch(incident_id: int) -> bool:
    """Delete one batch of an exercise's persons (and what hangs on them); False: none left."""
    with transaction.atomic():
        pks = list(
            Person.objects.filter(incident_id=incident_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not pks:
            return False
        Person.objects.filter(merged_into_id__in=pks).update(merged_into=None)
        Inquiry.objects.filter(person_id__in=pks).update(person=None)
        for model, column in (
            (PfifNote, "person_id"),
            (Candidate, "person_id"),
            (StatusEntry, "person_id"),
            (ExternalRef, "person_id"),
            (PossibleDuplicate, "person_id"),
            (PossibleDuplicate, "other_id"),
            (Merge, "kept_id"),
            (Merge, "merged_id"),
            (PoliceNotice, "person_id"),
        ):
            model.objects.filter(**{f"{column}__in": pks}).delete()
        Person.objects.filter(pk__in=pks).delete()
        return True


def exercise_delete(*, incident: Incident) -> RetentionRun:
    """Delete an exercise's registry: persons, inquiries, calls, merges, imports, read log."""
    if not incident.is_exercise:
        raise ValueError("only an exercise's registry is deleted; a real one is anonymised")
    run = _start(incident, RetentionKind.DELETE)
    if run.finished_at is not None:
        return run
    persons = Person.objects.filter(incident=incident).count()
    inquiries = Inquiry.objects.filter(incident=incident).count()
    with transaction.atomic():
        # Counted before the first batch so a resumed run still reports the whole.
        RetentionRun.objects.filter(pk=run.pk, persons=0, inquiries=0).update(
            persons=persons, inquiries=inquiries
        )
    while True:
        with transaction.atomic():
            pks = list(
                Inquiry.objects.filter(incident=incident).values_list("pk", flat=True)[:BATCH]
            )
            if not pks:
                break
            Candidate.objects.filter(inquiry_id__in=pks).delete()
            CallBack.objects.filter(inquiry_id__in=pks).delete()
            Inquiry.objects.filter(pk__in=pks).delete()
    while _delete_batch(incident.pk):
        pass
    with transaction.atomic():
        ImportUpload.objects.filter(incident=incident).delete()
        ImportBatch.objects.filter(incident=incident).delete()
        ReadLog.objects.filter(incident=incident).delete()
        run.refresh_from_db()
        done = RetentionRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
        if done and (run.persons or run.inquiries):
            audit_record(
                actor=None,
                action=AuditAction.REGISTRY_DELETE,
                obj=incident,
                region=incident.region,
                changes={"persons": run.persons, "inquiries": run.inquiries},
            )
    matching.forget(incident.pk)
    run.refresh_from_db()
    return run


def retention_upkeep(now: dt.datetime | None = None) -> list[int]:
    """The worker's upkeep: end every closed incident's registry that is due. Returns the
    ids of the incidents done."""
    now = now or timezone.now()
    finished = RetentionRun.objects.filter(finished_at__isnull=False).values("incident_id")
    done = []
    for incident in (
        Incident.objects.filter(closed_at__isnull=False)
        .exclude(pk__in=finished)
        .select_related("region")
        .order_by("closed_at")
    ):
        due = due_at(incident)
        if due is None or due > now:
            continue
        if incident.is_exercise:
            exercise_delete(incident=incident)
        else:
            incident_anonymise(incident=incident, now=now)
        log.info("registry of incident %s ended (%s)", incident.pk, due)
        done.append(incident.pk)
    return done
