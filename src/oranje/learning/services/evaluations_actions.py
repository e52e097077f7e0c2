"""Writes of part "evaluations": the improvement actions a finding leads to. A new action is
made by the quality room's own service (`quality.services.actions.action_create`: the
region, the finding's norm, title, owner, deadline) and linked to the finding in the same
transaction; an existing action of the region may be linked too. Actions stay linked when
the evaluation is final: they are followed across evaluations until closed."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.learning import access
from oranje.learning.models import Evaluation, Finding
from oranje.quality import access as quality_access
from oranje.quality.models import ImprovementAction
from oranje.quality.services.actions import action_create


def _checked(actor: User, finding: Finding) -> Finding:
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("region", "incident")
        .get(pk=finding.evaluation_id)
    )
    core_access.require(access.can_evaluate(actor, evaluation))
    # Improvement actions are the quality room's: only its monitors of the region make or
    # link them (a municipal evaluator writes the finding; the region follows it up).
    core_access.require(quality_access.can_monitor(actor, evaluation.region_id))
    finding = Finding.objects.select_related("norm").get(pk=finding.pk)
    finding.evaluation = evaluation
    return finding


@transaction.atomic
def finding_action_create(
    *,
    actor: User,
    finding: Finding,
    title: str,
    deadline: dt.date | None,
    owner_name: str = "",
    owner: User | None = None,
    description: str = "",
) -> ImprovementAction:
    """A new improvement action of the evaluation's region for this finding (its norm the
    finding's), linked to the finding."""
    finding = _checked(actor, finding)
    evaluation = finding.evaluation
    if not description:
        description = _("From the evaluation “%(title)s”: %(finding)s") % {
            "title": evaluation.title,
            "finding": finding.text,
        }
    action = action_create(
        actor=actor,
        region=evaluation.region,
        title=title,
        owner_name=owner_name,
        owner=owner,
        deadline=deadline,
        norm=finding.norm,
        municipality=evaluation.incident.municipality if evaluation.incident else None,
        description=description[:8000],
    )
    finding.actions.add(action)
    audit_record(
        actor=actor,
        action=AuditAction.FINDING_ACTION,
        obj=finding,
        region=evaluation.region,
        changes={"action": [None, action.pk]},
    )
    return action


@transaction.atomic
def finding_action_link(
    *, actor: User, finding: Finding, action: ImprovementAction
) -> ImprovementAction:
    """Link an existing improvement action of the evaluation's region to the finding."""
    finding = _checked(actor, finding)
    evaluation = finding.evaluation
    if action.region_id != evaluation.region_id:
        raise ValidationError(
            {"action": [_("action: choose an improvement action of this region.")]}
        )
    if finding.actions.filter(pk=action.pk).exists():
        raise ValidationError(
            {"action": [_("action: this action is already linked to the finding.")]}
        )
    finding.actions.add(action)
    audit_record(
        actor=actor,
        action=AuditAction.FINDING_ACTION,
        obj=finding,
        region=evaluation.region,
        changes={"action": [None, action.pk]},
    )
    return action


@transaction.atomic
def finding_action_unlink(*, actor: User, finding: Finding, action: ImprovementAction) -> None:
    """Take the link away (the action itself stays in the quality room)."""
    finding = _checked(actor, finding)
    finding.actions.remove(action)
    audit_record(
        actor=actor,
        action=AuditAction.FINDING_ACTION,
        obj=finding,
        region=finding.evaluation.region,
        changes={"action": [action.pk, None]},
    )
