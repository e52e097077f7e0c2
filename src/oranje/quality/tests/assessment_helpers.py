"""Fixtures of the self-assessment and agreements tests: an adopted national set with one
self-assessment norm and one computed norm, the region's quality monitor and Haarlem's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Max

from oranje.core.constants import Role
from oranje.core.models import User
from oranje.organisation.tests.factories import World, make_user
from oranje.quality.models import Norm, NormSet


@pytest.fixture
def norms(world: World) -> list[Norm]:
    # The highest adopted national version is the one in force (a loaded set may exist).
    version = (
        NormSet.objects.filter(region=None).aggregate(Max("version"))["version__max"] or 0
    ) + 1
    national = NormSet.objects.create(
        region=None,
        version=version,
        title="Landelijk",
        status="adopted",
        adopted_on=dt.date(2020, 1, 1),
    )
    return [
        Norm.objects.create(
            norm_set=national,
            code="OPV-PLAN",
            title="Opvangplan",
            text="Actueel opvangplan.",
            process="shelter",
            measure="self",
            question="Is het opvangplan herzien?",
            waterlijn=Decimal(100),
            bandbreedte=Decimal(0),
            sort_order=1,
        ),
        Norm.objects.create(
            norm_set=national,
            code="COM-OEF",
            title="Oefenen",
            text="Er wordt geoefend.",
            process="communication",
            measure="self",
            question="Oefent het team jaarlijks?",
            waterlijn=Decimal(100),
            bandbreedte=Decimal(0),
            sort_order=2,
        ),
        Norm.objects.create(
            norm_set=national,
            code="ORG-CPG",
            title="CPG",
            text="CPG op piket.",
            process="organisation",
            measure="indicator",
            indicator="coverage",
            function=world.cpg,
            waterlijn=Decimal(95),
            bandbreedte=Decimal(5),
        ),
    ]


@pytest.fixture
def monitor(world: World) -> User:
    return make_user("kwaliteit", Role.QUALITY_MONITOR, region=world.region)


@pytest.fixture
def haarlem_monitor(world: World) -> User:
    return make_user("kwaliteit-haarlem", Role.QUALITY_MONITOR, municipality=world.haarlem)


@pytest.fixture
def media(settings: object, tmp_path: object) -> object:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    return tmp_path
