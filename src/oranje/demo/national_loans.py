"""Demo, issue 17, part "loans" (see demo/national.py): two of Kennemerland's OvD-BZ officers
lent to Hollands Midden (VR16) now, for the high water in Alphen aan den Rijn, and on shift
in Hollands Midden's assistance pool: one on hard, one on soft on-call. Tops up: while two
such loans run, it adds nothing."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from oranje.core.models import Region
from oranje.demo.national import DemoContext
from oranje.organisation import qualification
from oranje.organisation.constants import OnCallKind, PersonKind, PoolKind
from oranje.organisation.models import Function, Loan, OnCallShift, Person, Pool
from oranje.organisation.selectors_loans import not_over, running_between
from oranje.organisation.services import shift_create
from oranje.organisation.services.loans import loan_create

BORROWER = "VR16"
POOL_NAME = "Bijstand OvD-BZ Hollands Midden"
REASON = "Bijstand hoogwater Alphen aan den Rijn"
LOAN_DAYS = 5
SHIFT_DAYS = 3


def _candidates(
    region: Region, ovd: Function, starts: dt.datetime, ends: dt.datetime
) -> list[Person]:
    """Kennemerland's active key-function holders with OvD-BZ and no login of their own (the
    personas stay home), free over the whole period (no shift, loan or absence), the
    nationally qualified first."""
    busy_shifts = OnCallShift.objects.filter(starts_at__lt=ends, ends_at__gt=starts).values(
        "person_id"
    )
    busy_loans = Loan.objects.filter(running_between(starts, ends)).values("person_id")
    people = list(
        Person.objects.filter(
            region=region, active=True, kind=PersonKind.KEY, functions=ovd, user__isnull=True
        )
        .exclude(Q(pk__in=busy_shifts) | Q(pk__in=busy_loans))
        .exclude(unavailabilities__starts_at__lt=ends, unavailabilities__ends_at__gt=starts)
        .order_by("surname", "given_name", "pk")
        .distinct()
    )
    until = qualification.national_qualified_until((p.pk, ovd.pk) for p in people)
    day = timezone.localtime(ends).date()

    def qualified(person: Person) -> bool:
        found = until.get((person.pk, ovd.pk))
        return found is not None and found >= day

    return sorted(people, key=lambda p: not qualified(p))


def build(ctx: DemoContext) -> None:
    region = ctx.region
    borrower = Region.objects.get(code=BORROWER)
    ovd = Function.objects.get(code="OVD-BZ")
    now = timezone.now()
    running = Loan.objects.filter(not_over(now), from_region=region, to_region=borrower).count()
    if running >= 2:
        return
    pool, _created = Pool.objects.get_or_create(
        region=borrower,
        name=POOL_NAME,
        defaults={
            "kind": PoolKind.REGIONAL,
            "description": "Functionarissen van andere regio's, tijdens hun uitlening.",
        },
    )
    pool.functions.add(ovd)
    starts = timezone.localtime(now).replace(minute=0, second=0, microsecond=0) - dt.timedelta(
        hours=2
    )
    ends = starts + dt.timedelta(days=LOAN_DAYS)
    kinds = [OnCallKind.HARD, OnCallKind.SOFT][running:]
    for person, kind in zip(_candidates(region, ovd, starts, ends), kinds, strict=False):
        loan_create(
            actor=ctx.coordinator,
            from_region=region,
            person=person,
            to_region=borrower,
            functions=[ovd],
            starts_at=starts,
            ends_at=ends,
            reason=REASON,
        )
        shift_create(
            actor=ctx.admin,
            pool=pool,
            function=ovd,
            person=person,
            kind=kind,
            starts_at=starts,
            ends_at=starts + dt.timedelta(days=SHIFT_DAYS),
            note=REASON,
            override_reason="Demo: bijstand" if kind == OnCallKind.HARD else "",
        )
        ctx.log(f"loans: {person} lent to {borrower.code}, {kind} on-call there")
