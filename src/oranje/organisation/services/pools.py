"""Districts, pools and a region's settings per function."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from oranje.core import access as core_access
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Municipality, Region, User
from oranje.organisation import errors
from oranje.organisation.access import can_manage_pool
from oranje.organisation.constants import PoolKind
from oranje.organisation.models import District, Function, Person, Pool, RegionFunction


class Keep:
    """Marks an optional argument left out: keep the current value (None is a value)."""


KEEP = Keep()


@transaction.atomic
def district_save(
    *,
    actor: User,
    region: Region,
    name: str,
    municipalities: Sequence[Municipality],
    district: District | None = None,
) -> District:
    """Create or change an on-call district; a municipality belongs to one district at most."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    problems: list[str] = []
    for municipality in municipalities:
        if municipality.region_id != region.pk:
            problems.append(
                str(errors.OUTSIDE_REGION % {"name": municipality, "region": region.name})
            )
        other = municipality.districts.filter(region=region).exclude(
            pk__in=[district.pk] if district else []
        )
        if other.exists():
            problems.append(
                str(
                    errors.MUNICIPALITY_IN_OTHER_DISTRICT
                    % {"municipality": municipality, "district": other.first()}
                )
            )
    if problems:
        raise ValidationError({"municipalities": problems})
    before = snapshot(district, ["name"]) if district else {}
    before_munis = sorted(m.name for m in district.municipalities.all()) if district else []
    district = district or District(region=region)
    district.name = name.strip()
    district.full_clean()
    district.save()
    district.municipalities.set(list(municipalities))
    changes = diff(
        before | {"municipalities": before_munis},
        {"name": district.name, "municipalities": sorted(m.name for m in municipalities)},
    )
    action = AuditAction.DISTRICT_UPDATE if before else AuditAction.DISTRICT_CREATE
    audit_record(actor=actor, action=action, obj=district, region=region, changes=changes)
    return district


def _validate_pool_area(region: Region, kind: str, municipalities: Sequence[Municipality]) -> None:
    problems: list[str] = []
    for municipality in municipalities:
        if municipality.region_id != region.pk:
            problems.append(
                str(errors.OUTSIDE_REGION % {"name": municipality, "region": region.name})
            )
    if kind == PoolKind.MUNICIPAL and len(municipalities) != 1:
        problems.append(str(errors.MUNICIPAL_POOL_NEEDS_ONE))
    if kind == PoolKind.INTERMUNICIPAL and len(municipalities) < 2:
        problems.append(str(errors.INTERMUNICIPAL_POOL_NEEDS_TWO))
    if kind == PoolKind.REGIONAL and municipalities:
        problems.append(str(errors.REGIONAL_POOL_NO_MUNICIPALITIES))
    if problems:
        raise ValidationError({"municipalities": problems})


@transaction.atomic
def pool_save(
    *,
    actor: User,
    region: Region,
    name: str,
    kind: str,
    municipalities: Sequence[Municipality],
    functions: Sequence[Function],
    members: Sequence[Person] = (),
    coordinator: Person | None = None,
    description: str = "",
    pool: Pool | None = None,
) -> Pool:
    """Create or change a pool: its area, functions and members."""
    if (
        kind == PoolKind.MUNICIPAL
        and len(municipalities) == 1
        and (pool is None or pool.kind == PoolKind.MUNICIPAL)
    ):
        core_access.require(core_access.can_manage_municipality(actor, municipalities[0]))
    else:
        core_access.require(core_access.can_manage_region(actor, region.pk))
    if pool is not None:
        core_access.require(can_manage_pool(actor, pool))
    _validate_pool_area(region, kind, municipalities)
    outsiders = [p for p in members if p.region_id != region.pk]
    if outsiders:
        raise ValidationError(
            {
                "members": [
                    str(errors.OUTSIDE_REGION % {"name": p, "region": region.name})
                    for p in outsiders
                ]
            }
        )
    if not functions:
        raise ValidationError({"functions": [str(errors.FUNCTIONS_REQUIRED)]})

    def state(p: Pool) -> dict:
        return snapshot(p, ["name", "kind", "coordinator", "description"]) | {
            "municipalities": sorted(m.name for m in p.municipalities.all()),
            "functions": sorted(f.code for f in p.functions.all()),
            "members": sorted(m.full_name for m in p.members.all()),
        }

    before = state(pool) if pool else {}
    pool = pool or Pool(region=region)
    pool.name, pool.kind, pool.description = name.strip(), kind, description
    pool.coordinator = coordinator
    pool.full_clean()
    pool.save()
    pool.municipalities.set(list(municipalities))
    pool.functions.set(list(functions))
    pool.members.set(list(members))
    action = AuditAction.POOL_UPDATE if before else AuditAction.POOL_CREATE
    audit_record(
        actor=actor, action=action, obj=pool, region=region, changes=diff(before, state(pool))
    )
    return pool


@transaction.atomic
def region_function_update(
    *,
    actor: User,
    region: Region,
    function: Function,
    local_name: str,
    coverage_unit: str,
    min_hard_on_call: int,
    min_qualified: int | None = None,
    response_norm_minutes: int | Keep | None = KEEP,
    group_override: str | Keep = KEEP,
) -> RegionFunction:
    """Set a region's own name for a function, its minimum on hard on-call, and (when given)
    its minimum of qualified people and response norm."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    setting, _created = RegionFunction.objects.get_or_create(region=region, function=function)
    fields = [
        "local_name",
        "coverage_unit",
        "min_hard_on_call",
        "min_qualified",
        "response_norm_minutes",
        "group_override",
    ]
    before = snapshot(setting, fields)
    setting.local_name = local_name.strip()
    setting.coverage_unit = coverage_unit
    setting.min_hard_on_call = min_hard_on_call
    if min_qualified is not None:
        setting.min_qualified = min_qualified
    if not isinstance(response_norm_minutes, Keep):
        setting.response_norm_minutes = response_norm_minutes
    if not isinstance(group_override, Keep):
        # The national group itself is no override: store it as empty, so that a later change
        # of the catalogue's group reaches the region.
        setting.group_override = "" if group_override == function.group else group_override
    setting.full_clean()
    setting.save()
    audit_record(
        actor=actor,
        action=AuditAction.REGION_FUNCTION_UPDATE,
        obj=setting,
        region=region,
        changes=diff(before, snapshot(setting, fields)),
    )
    return setting
