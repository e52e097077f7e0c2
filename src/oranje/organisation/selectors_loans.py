"""Reads about loans of people across regions: who is lent where, at a moment or over a
period. A loan runs from `starts_at` to `ends_at`, or to `ended_at` when it was ended early
(the row is kept)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from oranje.core.models import Region
from oranje.organisation.models import Function, Loan, Person

STATUS_LABELS = {
    "planned": pgettext_lazy("loan status", "planned"),
    "current": pgettext_lazy("loan status", "running"),
    "over": pgettext_lazy("loan status", "over"),
    "ended_early": pgettext_lazy("loan status", "ended early"),
}


def effective_end(loan: Loan) -> dt.datetime:
    """When the loan really ends: its planned end, or earlier when it was ended early."""
    if loan.ended_at is not None and loan.ended_at < loan.ends_at:
        return loan.ended_at
    return loan.ends_at


def loan_status(loan: Loan, now: dt.datetime) -> str:
    if loan.ended_at is not None and loan.ended_at < loan.ends_at:
        return "ended_early"
    if loan.ends_at <= now:
        return "over"
    if loan.starts_at > now:
        return "planned"
    return "current"


def running_between(starts_at: dt.datetime, ends_at: dt.datetime) -> Q:
    """Loans whose (effective) period overlaps [starts_at, ends_at)."""
    return Q(starts_at__lt=ends_at, ends_at__gt=starts_at) & (
        Q(ended_at__isnull=True) | (Q(ended_at__gt=starts_at) & Q(ended_at__gt=F("starts_at")))
    )


def running_at(at: dt.datetime) -> Q:
    """Loans that run at the moment `at`."""
    return Q(starts_at__lte=at, ends_at__gt=at) & (Q(ended_at__isnull=True) | Q(ended_at__gt=at))


def not_over(now: dt.datetime) -> Q:
    """Loans that run now or are still to come (and were not ended)."""
    return Q(ends_at__gt=now) & (Q(ended_at__isnull=True) | Q(ended_at__gt=now))


def lent_in_at(region_id: int, at: dt.datetime) -> dict[int, Loan]:
    """People lent to this region at `at`, by person id, with their loan."""
    loans = Loan.objects.filter(running_at(at), to_region_id=region_id).select_related(
        "from_region"
    )
    return {loan.person_id: loan for loan in loans}


def lent_out_at(region_id: int, at: dt.datetime) -> dict[int, Loan]:
    """People this region has lent to another region at `at`, by person id."""
    loans = Loan.objects.filter(running_at(at), from_region_id=region_id).select_related(
        "to_region"
    )
    return {loan.person_id: loan for loan in loans}


def lent_in_for_function(region_id: int, function_id: int, at: dt.datetime) -> list[int]:
    """Ids of the active people lent to the region at `at` for this function."""
    return list(
        Loan.objects.filter(
            running_at(at),
            to_region_id=region_id,
            functions=function_id,
            person__active=True,
            person__functions=function_id,
        )
        .values_list("person_id", flat=True)
        .distinct()
    )


def loan_covering(
    person: Person, region_id: int, function_id: int, starts_at: dt.datetime, ends_at: dt.datetime
) -> Loan | None:
    """The loan of `person` to the region for the function over the whole period, if any."""
    for loan in Loan.objects.filter(
        person=person,
        to_region_id=region_id,
        functions=function_id,
        starts_at__lte=starts_at,
        ends_at__gte=ends_at,
    ):
        if effective_end(loan) >= ends_at:
            return loan
    return None


def people_lent_to(
    region: Region, now: dt.datetime | None = None, *, function_id: int | None = None
) -> QuerySet[Person]:
    """Active people with a current or coming loan to the region (for rostering choices),
    for one function when given."""
    now = now or timezone.now()
    loans = Loan.objects.filter(not_over(now), to_region=region)
    if function_id is not None:
        loans = loans.filter(functions=function_id)
    return Person.objects.filter(pk__in=loans.values("person_id"), active=True)


@dataclass
class LoanRow:
    loan: Loan
    status: str
    ends: dt.datetime

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def open(self) -> bool:
        return self.status in ("planned", "current")


def _rows(qs: QuerySet[Loan], now: dt.datetime) -> list[LoanRow]:
    loans = qs.select_related("person", "from_region", "to_region").prefetch_related("functions")
    rows = [LoanRow(loan, loan_status(loan, now), effective_end(loan)) for loan in loans]
    order = {"current": 0, "planned": 1, "ended_early": 2, "over": 2}
    rows.sort(key=lambda r: (order[r.status], -r.loan.starts_at.timestamp()))
    return rows


def loans_of_region(
    region: Region, now: dt.datetime | None = None
) -> tuple[list[LoanRow], list[LoanRow]]:
    """(lent out by the region, borrowed by the region): current and planned first."""
    now = now or timezone.now()
    return (
        _rows(Loan.objects.filter(from_region=region), now),
        _rows(Loan.objects.filter(to_region=region), now),
    )


def loan_functions(loan: Loan) -> list[Function]:
    return sorted(loan.functions.all(), key=lambda f: (f.sort_order, f.code))
