"""What the tests of part "actions" share: a national and a regional norm set (and another
region's), a quality monitor, an improvement action, and an incident that scaled flexibly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.incidents.constants import ScalingMode
from oranje.incidents.models import Incident
from oranje.incidents.services import incident_scale
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.quality.models import ImprovementAction, Norm, NormSet
from oranje.quality.periods import Period
from oranje.quality.services import actions as services


@dataclass
class Norms:
    national: Norm
    regional: Norm
    foreign: Norm


def monitor(region: Region | None, username: str = "monitor", **scope: object) -> User:
    """A quality monitor of the region (national without one; password test-pass-123)."""
    user = User.objects.create_user(
        username=username, password="test-pass-123", first_name="Kim", last_name="Kwaliteit"
    )
    Membership.objects.create(user=user, role=Role.QUALITY_MONITOR, region=region, **scope)
    return user


def _norm(norm_set: NormSet, code: str, waterlijn: int, **extra: object) -> Norm:
    return Norm.objects.create(
        norm_set=norm_set,
        code=code,
        title=f"CPG op harde piket ({code})",
        text="Elke gemeente heeft op elk uur een CPG op harde piket.",
        process="organisation",
        measure="indicator",
        indicator="coverage",
        waterlijn=Decimal(waterlijn),
        bandbreedte=Decimal(5),
        **extra,
    )


def norm_sets(world: World) -> Norms:
    adopted = dt.date(2024, 1, 1)
    # The national set v1 is seeded by the norms' migration; made here when it is not.
    national_set, _new = NormSet.objects.get_or_create(
        region=None,
        version=1,
        defaults={"title": "Landelijk", "status": "adopted", "adopted_on": adopted},
    )
    regional_set = NormSet.objects.create(
        region=world.region, version=1, title="Kennemerland", status="adopted", adopted_on=adopted
    )
    foreign_set = NormSet.objects.create(
        region=world.other_region, version=1, title="Utrecht", status="adopted", adopted_on=adopted
    )
    national = Norm.objects.filter(norm_set=national_set, code="ORG-CPG").first() or _norm(
        national_set, "ORG-CPG", 90, function=world.cpg
    )
    regional = _norm(regional_set, "ORG-CPG", 95, function=world.cpg, national_norm=national)
    foreign = _norm(foreign_set, "UTR-1", 95)
    return Norms(national, regional, foreign)


def make_action(actor: User, world: World, norms: Norms, **changes: object) -> ImprovementAction:
    values: dict[str, object] = {
        "region": world.region,
        "municipality": world.haarlem,
        "norm": norms.regional,
        "title": "Tweede CPG werven",
        "owner_name": "Gemeentesecretaris Haarlem",
        "deadline": timezone.localdate() + dt.timedelta(days=60),
    }
    values.update(changes)
    return services.action_create(actor=actor, **values)  # type: ignore[arg-type]


def flexible_incident(world: World, *, exercise: bool = False, title: str = "Dijkdoorbraak"):
    """An incident that scaled flexibly (then to GRIP 2), still in its acute phase."""
    incident: Incident = start_incident(world, exercise=exercise, title=title)
    incident_scale(
        actor=world.coordinator,
        incident=incident,
        mode=ScalingMode.FLEXIBLE,
        grip_level=None,
        teams=("copi",),
        reason="Alleen een CoPI nodig",
        decided_by="Burgemeester Velsen",
    )
    return incident


@dataclass
class RedCell:
    """A world where Haarlem's CPG on-call coverage in the last complete quarter is below
    the bandbreedte: hard on-call for the whole quarter but a gap of 300 hours."""

    period: Period
    norm: Norm
    gap_start: dt.datetime
    gap_end: dt.datetime


def red_coverage(world: World) -> RedCell:
    from oranje.organisation.constants import CoverageUnit
    from oranje.organisation.models import RegionFunction
    from oranje.organisation.tests.factories import make_shift
    from oranje.quality.periods import last_complete_quarter
    from oranje.quality.services.compute import indicators_compute

    norm_set = NormSet.objects.get(region=None, version=1)
    norm = Norm.objects.get(norm_set=norm_set, code="ORG-CPG")
    RegionFunction.objects.update_or_create(
        region=world.region,
        function=world.cpg,
        defaults={"coverage_unit": CoverageUnit.MUNICIPALITY, "min_hard_on_call": 1},
    )
    period = last_complete_quarter()
    start, end = period.starts_at, period.ends_at
    gap_start = start + dt.timedelta(hours=1000)
    gap_end = gap_start + dt.timedelta(hours=300)
    person = world.contacts[0]
    make_shift(world.cpg_haarlem, world.cpg, person, start, hours=1000)
    make_shift(
        world.cpg_haarlem,
        world.cpg,
        person,
        gap_end,
        hours=(end - gap_end).total_seconds() / 3600,
    )
    indicators_compute(periods=[period], regions=[world.region])
    return RedCell(period, norm, gap_start, gap_end)
