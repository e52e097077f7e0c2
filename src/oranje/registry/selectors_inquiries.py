"""Reads of relatives' inquiries: the operators' queue, one inquiry with its candidates, and
the inquiries linked through the person they are about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from oranje.core.models import Region
from oranje.incidents.models import Incident
from oranje.registry.constants import CandidateState, InquiryStatus
from oranje.registry.models import Candidate, Inquiry, Person, RegistrySettings

#: What the queue shows: inquiries still to answer.
QUEUE_STATUSES = (InquiryStatus.OPEN, InquiryStatus.FOUND)
#: The longest queue a page shows (the rest follows as the top is answered).
QUEUE_LIMIT = 200


def callback_minutes(region: Region) -> int:
    """The region's call-back norm: a caller hears back within this many minutes."""
    settings, _created = RegistrySettings.objects.get_or_create(region=region)
    return settings.callback_minutes


def queue(incident: Incident, *, statuses: tuple[str, ...] = QUEUE_STATUSES) -> QuerySet[Inquiry]:
    """Open and found-to-inform inquiries, most urgent first: a confirmed or "match"
    candidate (or one waiting for a second officer), then the priority flags (child, reduced
    self-reliance, medical need), then the best score, then the oldest."""
    waiting = Candidate.objects.filter(inquiry=OuterRef("pk"), state=CandidateState.AWAITING_SECOND)
    return (
        Inquiry.objects.filter(incident=incident, status__in=statuses, anonymised_at__isnull=True)
        .select_related("assigned_to", "person")
        .annotate(
            awaiting_second=Exists(waiting),
            calls_made=Count("calls"),
            last_call_at=Max("calls__at"),
        )
        .annotate(
            strong=Case(
                When(
                    Q(status=InquiryStatus.FOUND)
                    | Q(best_decision="match")
                    | Q(awaiting_second=True),
                    then=Value(0),
                ),
                default=Value(1),
                output_field=IntegerField(),
            ),
            flagged=Case(
                When(
                    Q(is_child=True) | Q(reduced_self_reliance=True) | Q(medical_need=True),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("strong", "-flagged", F("best_score").desc(nulls_last=True), "created_at", "pk")
    )


@dataclass(frozen=True)
class QueueRow:
    inquiry: Inquiry
    age: dt.timedelta
    overdue: bool

    @property
    def age_minutes(self) -> int:
        return int(self.age.total_seconds() // 60)


def queue_rows(incident: Incident, *, limit: int = QUEUE_LIMIT) -> tuple[list[QueueRow], int]:
    """The queue's rows with their age and whether the call-back norm is past (no call made
    yet), and the norm in minutes."""
    norm = callback_minutes(incident.region)
    now = timezone.now()
    rows = []
    for inquiry in queue(incident)[:limit]:
        age = now - inquiry.created_at
        overdue = not inquiry.calls_made and age > dt.timedelta(minutes=norm)  # type: ignore[attr-defined]
        rows.append(QueueRow(inquiry, age, overdue))
    return rows, norm


def with_the_police(incident: Incident) -> list[Inquiry]:
    """Inquiries about a deceased person waiting for the police, oldest first, each with
    `asked_at` (None: the police have not been asked yet)."""
    found = list(
        Inquiry.objects.filter(
            incident=incident, status=InquiryStatus.POLICE, anonymised_at__isnull=True
        )
        .select_related("person__police")
        .order_by("created_at")[:QUEUE_LIMIT]
    )
    for inquiry in found:
        notice = getattr(inquiry.person, "police", None) if inquiry.person else None
        inquiry.asked_at = notice.asked_at if notice else None  # type: ignore[attr-defined]
    return found


def candidates(inquiry: Inquiry) -> list[Candidate]:
    """The inquiry's candidates, best first, rejected ones last, with their person."""
    found = list(
        inquiry.candidates.select_related(
            "person", "person__merged_into", "first_by", "second_by"
        ).order_by("-score", "pk")
    )
    return sorted(found, key=lambda c: c.state == CandidateState.REJECTED)


def person_group(person: Person) -> set[int]:
    """A registration with those merged into it (and where it was merged into): one person."""
    top = person
    seen = {person.pk}
    while top.merged_into_id is not None and top.merged_into_id not in seen:
        seen.add(top.merged_into_id)
        top = Person.objects.get(pk=top.merged_into_id)
    group = {top.pk}
    frontier = {top.pk}
    while frontier:
        frontier = (
            set(Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
            - group
        )
        group |= frontier
    return group


def linked(inquiry: Inquiry) -> list[Inquiry]:
    """Other inquiries about the same person (one registration or merged ones)."""
    if inquiry.person_id is None or inquiry.person is None:
        return []
    return list(
        Inquiry.objects.filter(person_id__in=person_group(inquiry.person))
        .exclude(pk=inquiry.pk)
        .order_by("created_at")
    )


def maybe_linked(inquiry: Inquiry) -> list[Inquiry]:
    """Open inquiries that have this inquiry's confirmed person among their candidates, not
    yet decided: the callers waiting for the same answer."""
    if inquiry.person_id is None or inquiry.person is None:
        return []
    return list(
        Inquiry.objects.filter(
            status=InquiryStatus.OPEN,
            candidates__person_id__in=person_group(inquiry.person),
            candidates__state__in=[CandidateState.PROPOSED, CandidateState.AWAITING_SECOND],
        )
        .exclude(pk=inquiry.pk)
        .distinct()
        .order_by("created_at")
    )


def inquiries_about(person: Person) -> list[Inquiry]:
    """Every inquiry confirmed to be about this person (for the person's page)."""
    return list(Inquiry.objects.filter(person_id__in=person_group(person)).order_by("created_at"))
