"""The access chokepoint for loans: both regions of a loan see it (404 for anyone else); the
managers of either region may end it (403 for the other readers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.organisation.models import Loan
from oranje.organisation.services.loans import can_end_loan


def can_read_loan(user: AnyUser, loan: Loan) -> bool:
    return core_access.can_read_region(user, loan.from_region_id) or core_access.can_read_region(
        user, loan.to_region_id
    )


def loan_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Loan:
    loan = Loan.objects.select_related("person", "from_region", "to_region").filter(pk=pk).first()
    if loan is None or not can_read_loan(user, loan):
        raise Http404
    if manage and not can_end_loan(user, loan):
        raise PermissionDenied
    return loan


def loans_for_user(user: AnyUser) -> QuerySet[Loan]:
    """Every loan the user may see: those of the regions they read, lending or borrowing."""
    s = core_access.scopes_for(user)
    qs = Loan.objects.select_related("person", "from_region", "to_region")
    if s.national_read:
        return qs
    return qs.filter(Q(from_region_id__in=s.read_regions) | Q(to_region_id__in=s.read_regions))
