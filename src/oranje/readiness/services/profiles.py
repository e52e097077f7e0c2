"""Qualification profiles: publishing a region's requirements, never below the national ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.organisation.models import Function, Person
from oranje.readiness import errors
from oranje.readiness.constants import RequirementKind
from oranje.readiness.evaluation import RequirementSpec
from oranje.readiness.models import QualificationProfile, Requirement
from oranje.readiness.selectors import current_requirements
from oranje.readiness.services.recompute import readiness_recompute

ACCREDITED_ONLY_FOR_RESULTS = _(
    "Accredited provider required: only a course or exam has a provider; untick it for %(label)s."
)


def _check_not_weaker(regional: list[dict[str, Any]], national: list[RequirementSpec]) -> list[str]:
    problems = []
    for req in regional:
        for base in national:
            if req["kind"] != base.kind:
                continue
            if req["kind"] in (RequirementKind.COURSE, RequirementKind.EXAM) and (
                req.get("code", "").upper() == base.code.upper()
            ):
                longer = base.valid_months and (
                    not req.get("valid_months") or req["valid_months"] > base.valid_months
                )
                if longer:
                    problems.append(str(errors.WEAKER_THAN_NATIONAL % {"label": req["label"]}))
            if (
                req["kind"] == RequirementKind.UPKEEP
                and base.min_count
                and req.get("min_count")
                and (req["min_count"] < base.min_count)
                and req.get("window_months", 12) >= base.window_months
            ):
                problems.append(str(errors.WEAKER_THAN_NATIONAL % {"label": req["label"]}))
    return problems


@transaction.atomic
def profile_publish(
    *,
    actor: User,
    function: Function,
    region: Region | None,
    requirements: Sequence[dict[str, Any]],
    note: str = "",
) -> QualificationProfile:
    """Publish a new version of a function's national or regional profile.

    A regional profile only adds requirements on top of the national ones (both apply), and
    may not restate a national requirement more leniently.
    """
    if region is None:
        core_access.require(core_access.scopes_for(actor).national_manage)
    else:
        core_access.require(core_access.can_manage_region(actor, region.pk))
    problems: list[str] = []
    for req in requirements:
        if req["kind"] == RequirementKind.UPKEEP and not (
            req.get("min_count") or req.get("min_hours")
        ):
            problems.append(str(errors.NEEDS_A_MINIMUM))
        if req["kind"] != RequirementKind.UPKEEP and not req.get("code"):
            problems.append(str(errors.CODE_REQUIRED))
        if req["kind"] == RequirementKind.UPKEEP and req.get("requires_accredited"):
            problems.append(str(ACCREDITED_ONLY_FOR_RESULTS % {"label": req["label"]}))
    if region is not None:
        national = current_requirements([function.pk]).get((function.pk, None), [])
        problems += _check_not_weaker(list(requirements), national)
    if problems:
        raise ValidationError({"requirements": problems})
    latest = (
        QualificationProfile.objects.filter(function=function, region=region)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    profile = QualificationProfile.objects.create(
        function=function, region=region, version=(latest or 0) + 1, published_by=actor, note=note
    )
    for req in requirements:
        Requirement.objects.create(
            profile=profile,
            kind=req["kind"],
            code=(req.get("code") or "").upper(),
            label=req["label"],
            valid_months=req.get("valid_months") or None,
            min_count=req.get("min_count") or None,
            min_hours=req.get("min_hours") or None,
            window_months=req.get("window_months") or 12,
            requires_accredited=bool(req.get("requires_accredited")),
        )
    audit_record(
        actor=actor,
        action=AuditAction.PROFILE_PUBLISH,
        obj=profile,
        region=region,
        changes={"requirements": [None, [r["label"] for r in requirements]]},
        note=note,
    )
    holders = Person.objects.filter(functions=function)
    if region is not None:
        holders = holders.filter(region=region)
    readiness_recompute(person_ids=list(holders.values_list("pk", flat=True)))
    return profile
