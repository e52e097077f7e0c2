"""The demo's loans: two Kennemerland officers lent to Hollands Midden now, on shift there
(one hard, one soft); built twice, it adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from oranje.demo import national_loans
from oranje.demo.tests.national_context import demo_context
from oranje.organisation import selectors
from oranje.organisation.models import Loan
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_the_demo_lends_two_officers_to_hollands_midden_on_shift_there(world: World) -> None:
    national_loans.build(demo_context(world))
    national_loans.build(demo_context(world))

    loans = list(Loan.objects.filter(from_region=world.region, to_region__code="VR16"))
    assert len(loans) == 2
    rows = selectors.on_call_at(loans[0].to_region, timezone.now())
    on_call = {
        (e.shift.person_id, e.shift.kind): e.lent_from
        for row in rows
        for e in [*row.hard, *row.soft]
    }
    kinds = sorted(kind for (person, kind) in on_call if person in {ln.person_id for ln in loans})
    assert kinds == ["hard", "soft"]
    assert set(on_call.values()) == {world.region}
