"""Builders for the norms tests: a quality monitor of Kennemerland, a norm's input, and a
national version 2 adopted on top of the seeded version 1."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.quality import selectors
from oranje.quality.models import Norm, NormSet
from oranje.quality.services import norms as service
from oranje.quality.services.norms import NormInput


def monitor(region: Region, username: str = "kwaliteit") -> User:
    user = User.objects.create_user(username=username, password="x")
    Membership.objects.create(user=user, role=Role.QUALITY_MONITOR, region=region)
    return user


def norm_input(norm: Norm | None = None, **changes: object) -> NormInput:
    """The input of an existing norm (or a plain self-assessment norm), with `changes`."""
    if norm is None:
        base = NormInput(
            code="OPV-PLAN",
            title="Opvangplan actueel",
            text="De gemeente heeft een actueel opvangplan.",
            process="shelter",
            measure="self",
            question="Is het opvangplan herzien?",
            waterlijn=Decimal(100),
            bandbreedte=Decimal(50),
        )
    else:
        base = NormInput(
            code=norm.code,
            title=norm.title,
            text=norm.text,
            process=norm.process,
            measure=norm.measure,
            indicator=norm.indicator,
            function_id=norm.function_id,
            question=norm.question,
            waterlijn=norm.waterlijn,
            bandbreedte=norm.bandbreedte,
            valid_from=norm.valid_from,
            valid_until=norm.valid_until,
            national_norm_id=norm.national_norm_id,
            source=norm.source,
            sort_order=norm.sort_order,
        )
    return replace(base, **changes)  # type: ignore[arg-type]


def national_norm(code: str) -> Norm:
    current = selectors.current_set(None)
    return Norm.objects.get(norm_set=current, code=code)


def adopt_national_v2(admin: User, *, cpg_waterlijn: int = 98) -> NormSet:
    """National version 2: ORG-CPG raised, OPK-OEF removed, a new norm CC-OGA added."""
    draft, _created = service.norm_set_draft_create(actor=admin, region=None)
    cpg = Norm.objects.get(norm_set=draft, code="ORG-CPG")
    cpg.growth_steps.all().delete()
    service.norm_save(
        actor=admin,
        norm_set=draft,
        norm=cpg,
        data=norm_input(cpg, waterlijn=Decimal(cpg_waterlijn), bandbreedte=Decimal(2)),
    )
    service.norm_delete(actor=admin, norm=Norm.objects.get(norm_set=draft, code="OPK-OEF"))
    service.norm_save(
        actor=admin,
        norm_set=draft,
        data=norm_input(
            code="CC-OGA",
            title="Omgevingsanalyse",
            text="Binnen 2 uur is er een eerste omgevingsanalyse.",
            process="communication",
            question="Is er een omgevingsanalist op piket?",
        ),
    )
    return service.norm_set_adopt(
        actor=admin, norm_set=draft, body="Veiligheidsberaad", adopted_on=dt.date(2026, 6, 1)
    )
