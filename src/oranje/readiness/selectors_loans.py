"""Readiness of people lent to a region: their qualification counts there by the national
profile only (the borrowing region's own extra requirements do not apply to them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from oranje.core.models import Region
from oranje.organisation import qualification
from oranje.organisation.models import Function, Loan
from oranje.organisation.selectors_loans import effective_end, not_over
from oranje.readiness.evaluation import status_on


@dataclass
class BorrowedRow:
    loan: Loan
    ends_at: dt.datetime
    #: (function, status, qualified until) per lent function, by the national profile
    functions: list[tuple[Function, str, dt.date | None]]


def borrowed_readiness(
    region: Region, today: dt.date, now: dt.datetime | None = None
) -> list[BorrowedRow]:
    """Per current or coming loan to the region: the lent functions' status by the national
    profile, in a fixed number of queries."""
    now = now or timezone.now()
    loans = list(
        Loan.objects.filter(not_over(now), to_region=region)
        .select_related("person", "from_region")
        .prefetch_related("functions")
        .order_by("person__surname", "starts_at")
    )
    pairs = {(loan.person_id, f.pk) for loan in loans for f in loan.functions.all()}
    until = qualification.national_qualified_until(pairs)
    return [
        BorrowedRow(
            loan,
            effective_end(loan),
            [
                (f, status_on(until[(loan.person_id, f.pk)], today), until[(loan.person_id, f.pk)])
                for f in sorted(loan.functions.all(), key=lambda f: (f.sort_order, f.code))
            ],
        )
        for loan in loans
    ]
