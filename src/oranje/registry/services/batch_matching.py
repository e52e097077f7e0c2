"""Matching many persons at once, after a batch commits (a list import, a PFIF import, the
demo): the duplicate check and the re-matching of the open inquiries in a few queries, and the
worker's safety net for persons whose after-commit check never ran."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from oranje.matching import Candidate as EngineCandidate
from oranje.matching import Index, rematch
from oranje.registry import matching
from oranje.registry.constants import CandidateState, InquiryStatus
from oranje.registry.models import Inquiry, Person, PossibleDuplicate

CHUNK = 500


def _chunks(items: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _load_plain(ids: set[int]) -> dict[int, Person]:
    found: dict[int, Person] = {}
    for chunk in _chunks(sorted(ids)):
        found.update((p.pk, p) for p in Person.objects.filter(pk__in=chunk))
    return found


def match_imported(incident_id: int, person_ids: list[int]) -> int:
    """The duplicate check and the re-matching of open inquiries for many persons at once
    (after a batch commits). Returns how many possible duplicates were recorded."""
    if not person_ids:
        return 0
    with matching.caught_up(incident_id):  # the indexes look once for the whole batch
        return _match_batch(incident_id, person_ids)


def _match_batch(incident_id: int, person_ids: list[int]) -> int:
    pairs: dict[tuple[int, int], PossibleDuplicate] = {}
    index = matching.person_index(incident_id)
    for pid in person_ids:
        for cand in matching.duplicates_of(pid, incident_id, index=index):
            other = int(cand.person_id)
            low, high = sorted((pid, other))
            pairs.setdefault(
                (low, high),
                PossibleDuplicate(
                    incident_id=incident_id,
                    person_id=low,
                    other_id=high,
                    score=cand.score,
                    decision=cand.decision,
                    reasons=cand.reasons,
                ),
            )
    with transaction.atomic():
        PossibleDuplicate.objects.bulk_create(
            list(pairs.values()), batch_size=CHUNK, ignore_conflicts=True
        )
        _rematch_inquiries(incident_id, person_ids, index)
        for chunk in _chunks(person_ids):
            Person.objects.filter(pk__in=chunk).update(matched_at=timezone.now())
    return len(pairs)


def _rematch_inquiries(incident_id: int, person_ids: list[int], index: Index) -> None:
    """What `inquiries.rematch_for_person` does for one person, for a batch in a few
    queries: the open inquiries that proposed one of them are asked again as a whole (a
    corrected name may no longer fit), and each person becomes a candidate of the open
    inquiries whose own query now ranks them among the first."""
    from oranje.registry.services import inquiries as inquiry_services

    inquiries = matching.inquiry_index(incident_id)
    if not len(inquiries):
        return
    asked: dict[int, Inquiry] = {}
    for chunk in _chunks(person_ids):
        # Registrations merged into these persons live on in them.
        group = chunk + list(
            Person.objects.filter(merged_into_id__in=chunk).values_list("pk", flat=True)
        )
        asked.update(
            (i.pk, i)
            for i in Inquiry.objects.filter(
                status=InquiryStatus.OPEN,
                anonymised_at__isnull=True,
                candidates__person_id__in=group,
                candidates__state=CandidateState.PROPOSED,
            ).distinct()
        )
    for inquiry in asked.values():
        inquiry_services.rematch_inquiry(inquiry)
    hits: dict[int, dict[int, EngineCandidate]] = {}
    for pid in person_ids:
        found = {
            int(m.inquiry_id): m.candidate
            for m in rematch(index, inquiries, str(pid))
            if int(m.inquiry_id) not in asked
        }
        if found:
            hits[pid] = found
    for person in _load_plain(set(hits)).values():
        if person.active:
            inquiry_services._store_for_person(person, hits[person.pk])


#: The upkeep leaves persons alone this long after their change: the after-commit check of
#: the request that changed them normally comes first.
UPKEEP_GRACE = dt.timedelta(minutes=1)
UPKEEP_LIMIT = 5000


def unmatched_upkeep() -> int:
    """The worker's safety net: match every person whose duplicate check and inquiry
    re-matching did not run after their last change (an after-commit check that failed, a
    process that stopped). Returns how many persons it matched."""
    cutoff = timezone.now() - UPKEEP_GRACE
    pending = (
        Person.objects.filter(merged_into__isnull=True, anonymised_at__isnull=True)
        .filter(Q(matched_at__isnull=True) | Q(matched_at__lt=F("updated_at")))
        .filter(updated_at__lt=cutoff)
        .values_list("incident_id", "pk")[:UPKEEP_LIMIT]
    )
    by_incident: dict[int, list[int]] = {}
    for incident_id, pk in pending:
        by_incident.setdefault(incident_id, []).append(pk)
    for incident_id, ids in by_incident.items():
        match_imported(incident_id, ids)
    return sum(len(ids) for ids in by_incident.values())
