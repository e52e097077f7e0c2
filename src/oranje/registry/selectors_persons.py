"""Reads for the persons part of the registry: the person list, one person's history,
inquiries and possible duplicates, the open pairs and the merges. Each is a fixed number of
queries whatever the number of rows (no query per row)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from oranje.incidents.models import Incident
from oranje.registry.constants import DuplicateState
from oranje.registry.models import (
    Candidate,
    Inquiry,
    Merge,
    Person,
    PossibleDuplicate,
    StatusEntry,
)

#: A name search needs this many characters (no listing by one letter).
MIN_SEARCH = 2
#: At most this many words in a name search.
MAX_TERMS = 5


def person_list(
    incident: Incident, *, status: str = "", where: str = "", search: str = ""
) -> QuerySet[Person]:
    """The incident's active registrations (not merged, not anonymised), by name.

    `search` finds each of its words in the given names, the surname (with prefix) or the
    partner's surname, case-insensitively: within one incident, for the registry roles only
    (never a public search)."""
    persons = Person.objects.filter(
        incident=incident, merged_into__isnull=True, anonymised_at__isnull=True
    )
    if status:
        persons = persons.filter(current_status=status)
    if where:
        persons = persons.filter(current_whereabouts=where)
    terms = [t for t in search.split() if len(t) >= MIN_SEARCH][:MAX_TERMS]
    for term in terms:
        persons = persons.filter(
            Q(given_names__icontains=term)
            | Q(surname__icontains=term)
            | Q(prefix__iexact=term)
            | Q(partner_surname__icontains=term)
        )
    return persons.only(
        "pk",
        "incident_id",
        "given_names",
        "prefix",
        "surname",
        "partner_prefix",
        "partner_surname",
        "name_use",
        "birth_year",
        "birth_month",
        "birth_day",
        "age_estimate",
        "sex",
        "street",
        "house_number",
        "house_addition",
        "postcode",
        "city",
        "current_status",
        "current_whereabouts",
        "current_place",
        "status_at",
    ).order_by("surname", "given_names", "pk")


@dataclass(frozen=True)
class HistoryLine:
    entry: StatusEntry
    #: The merged registration the entry came from (None: the person's own).
    merged_from: Person | None


def person_history(person: Person) -> list[HistoryLine]:
    """The person's status history, newest source time first, with the history of every
    registration merged into it (marked)."""
    merged = {p.pk: p for p in Person.objects.filter(merged_into=person)}
    entries = (
        StatusEntry.objects.filter(person_id__in=[person.pk, *merged])
        .select_related("batch")
        .order_by("-source_at", "-pk")
    )
    return [HistoryLine(e, merged.get(e.person_id)) for e in entries]


@dataclass(frozen=True)
class LinkedInquiry:
    inquiry: Inquiry
    #: The candidate line for this person, if the engine proposed them.
    candidate: Candidate | None


def person_inquiries(person: Person) -> list[LinkedInquiry]:
    """The inquiries about this person: confirmed (the inquiry's person) or proposed as a
    candidate, newest first."""
    candidates = {
        c.inquiry_id: c for c in Candidate.objects.filter(person=person).select_related("inquiry")
    }
    inquiries = {i.pk: i for i in Inquiry.objects.filter(person=person)}
    for inquiry_id, candidate in candidates.items():
        inquiries.setdefault(inquiry_id, candidate.inquiry)
    return [
        LinkedInquiry(i, candidates.get(i.pk))
        for i in sorted(inquiries.values(), key=lambda i: -i.number)
    ]


def _open() -> Q:
    return Q(
        state=DuplicateState.OPEN,
        person__merged_into__isnull=True,
        other__merged_into__isnull=True,
        person__anonymised_at__isnull=True,
        other__anonymised_at__isnull=True,
    )


def open_duplicates(incident: Incident) -> QuerySet[PossibleDuplicate]:
    """Open pairs of the incident whose two registrations are both still active, the most
    likely first."""
    return (
        PossibleDuplicate.objects.filter(_open(), incident=incident)
        .select_related("person", "other")
        .order_by("-score", "pk")
    )


def person_duplicates(person: Person) -> QuerySet[PossibleDuplicate]:
    """The open pairs this person is in."""
    return (
        PossibleDuplicate.objects.filter(_open(), Q(person=person) | Q(other=person))
        .select_related("person", "other")
        .order_by("-score")
    )


def merges(incident: Incident) -> QuerySet[Merge]:
    return (
        Merge.objects.filter(incident=incident)
        .select_related("kept", "merged", "merged_by", "undone_by")
        .order_by("-merged_at", "-pk")
    )
