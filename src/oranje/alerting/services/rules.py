"""Alert rules: which functions a scaling calls up, how many people, how fast."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from oranje.alerting import errors
from oranje.alerting.models import AlertRule
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User
from oranje.incidents.constants import GripLevel, Team
from oranje.organisation.models import Function


@transaction.atomic
def rule_save(
    *,
    actor: User,
    region: Region,
    function: Function,
    grip_level: int | None,
    team: str,
    people_needed: int,
    escalation_minutes: int,
) -> AlertRule:
    """Add or change the region's rule for a function at a level or team."""
    core_access.require(core_access.can_manage_region(actor, region.pk))
    problems: dict[str, list[str]] = {}
    if (grip_level is None) == (not team):
        problems["grip_level"] = [str(errors.RULE_NEEDS_TRIGGER)]
    if not 1 <= people_needed <= 1000:
        problems["people_needed"] = [str(errors.PEOPLE_NEEDED_RANGE)]
    if not 1 <= escalation_minutes <= 120:
        problems["escalation_minutes"] = [str(errors.ESCALATION_RANGE)]
    if problems:
        raise ValidationError(problems)
    rule, created = AlertRule.objects.update_or_create(
        region=region,
        function=function,
        grip_level=grip_level,
        team=team,
        defaults={"people_needed": people_needed, "escalation_minutes": escalation_minutes},
    )
    audit_record(
        actor=actor,
        action=AuditAction.ALERT_RULE_SAVE,
        obj=rule,
        region=region,
        changes={"rule": [None if created else "changed", str(rule)]},
    )
    return rule


@transaction.atomic
def rule_delete(*, actor: User, rule: AlertRule) -> None:
    core_access.require(core_access.can_manage_region(actor, rule.region_id))
    audit_record(
        actor=actor,
        action=AuditAction.ALERT_RULE_DELETE,
        obj=rule,
        region=rule.region,
        changes={"rule": [str(rule), None]},
    )
    rule.delete()


def teams_per_level(region: Region) -> dict[int, list[str]]:
    """Per GRIP level, the standard teams whose every function (by the region's team rules)
    the region's level rules already alert at that level or below. Choosing the level
    pre-ticks them; ticking another team alerts more people."""
    level_functions: dict[int, set[int]] = {}
    team_functions: dict[str, set[int]] = {}
    for level, team, function in AlertRule.objects.filter(region=region).values_list(
        "grip_level", "team", "function_id"
    ):
        if level is not None:
            level_functions.setdefault(level, set()).add(function)
        elif team:
            team_functions.setdefault(team, set()).add(function)
    result: dict[int, list[str]] = {}
    alerted: set[int] = set()
    for level in sorted(GripLevel.values):
        alerted |= level_functions.get(level, set())
        result[level] = [
            team
            for team in Team.values
            if team_functions.get(team) and team_functions[team] <= alerted
        ]
    return result
