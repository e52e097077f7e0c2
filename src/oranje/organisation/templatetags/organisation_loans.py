"""`{% person_loans person %}`: a person's current and coming loans to other regions, for
the lending region's person page ("uitgeleend aan …")."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from oranje.organisation.models import Loan, Person
from oranje.organisation.selectors_loans import effective_end, not_over

register = template.Library()


@register.inclusion_tag("organisation/_person_loans.html")
def person_loans(person: Person) -> dict[str, Any]:
    now = timezone.now()
    loans = (
        Loan.objects.filter(not_over(now), person=person)
        .select_related("to_region")
        .prefetch_related("functions")
        .order_by("starts_at")
    )
    return {"loans": [(loan, effective_end(loan), loan.starts_at <= now) for loan in loans]}
