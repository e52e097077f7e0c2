"""Reads of part "evaluations": a region's evaluations (filtered), one evaluation with its
participants, findings, evidence and improvement actions, what may be linked as evidence
(the incident's logbook lines, decisions and times, the region's norms with the incident's
figure), and the open improvement actions of earlier evaluations of the same region."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.incidents.hooks import Milestone
from oranje.incidents.models import Decision, Incident, LogEntry
from oranje.incidents.norms import duration_text, milestones
from oranje.learning import access
from oranje.learning.constants import EvaluationStatus
from oranje.learning.models import Evaluation, Evidence, Finding
from oranje.organisation.models import Person
from oranje.quality import access as quality_access
from oranje.quality import selectors as quality_selectors
from oranje.quality.constants import ActionStatus
from oranje.quality.indicators.milestones import KEYS as MILESTONE_INDICATORS
from oranje.quality.models import ImprovementAction, Norm
from oranje.quality.periods import quarter_of
from oranje.quality.selectors_actions import is_overdue
from oranje.readiness.models import Exercise

#: The list's filter "of": an incident (real or exercise) or a readiness exercise.
OF_CHOICES = ("incident", "exercise")


@dataclass(frozen=True)
class EvaluationFilter:
    status: str = ""
    of: str = ""
    year: int | None = None


def evaluation_list(
    user: AnyUser, region: Region, f: EvaluationFilter | None = None
) -> list[Evaluation]:
    """The region's evaluations the user may open, newest first. A municipal evaluator sees
    those of their municipalities' incidents only."""
    f = f or EvaluationFilter()
    rows = Evaluation.objects.filter(region=region).select_related("incident", "exercise")
    if f.status:
        rows = rows.filter(status=f.status)
    if f.of == "incident":
        rows = rows.filter(incident__isnull=False)
    elif f.of == "exercise":
        rows = rows.filter(exercise__isnull=False)
    if f.year is not None:
        rows = rows.filter(
            Q(incident__started_at__year=f.year) | Q(exercise__starts_at__year=f.year)
        )
    if not quality_access.can_monitor(user, region.pk):
        municipalities = access.municipal_monitor_regions(user).get(region.pk, frozenset())
        rows = rows.filter(incident__municipality_id__in=list(municipalities))
    return list(rows.order_by("-created_at", "-pk")[:500])


def evaluation_years(region: Region) -> list[int]:
    years = set()
    for started in Incident.objects.filter(region=region, evaluations__isnull=False).values_list(
        "started_at", flat=True
    ):
        years.add(timezone.localtime(started).year)
    for starts in Exercise.objects.filter(region=region, evaluations__isnull=False).values_list(
        "starts_at", flat=True
    ):
        years.add(timezone.localtime(starts).year)
    return sorted(years, reverse=True)


def evaluable_incidents(user: AnyUser, region: Region) -> QuerySet[Incident]:
    """The region's incidents (real and exercises) the user may evaluate, newest first."""
    rows = Incident.objects.filter(region=region).order_by("-started_at", "-pk")
    if not quality_access.can_monitor(user, region.pk):
        municipalities = access.municipal_monitor_regions(user).get(region.pk, frozenset())
        rows = rows.filter(municipality_id__in=list(municipalities))
    return rows


def evaluable_exercises(user: AnyUser, region: Region) -> QuerySet[Exercise]:
    """The region's readiness exercises (only for the region's monitors)."""
    if not quality_access.can_monitor(user, region.pk):
        return Exercise.objects.none()
    return Exercise.objects.filter(region=region).order_by("-starts_at", "-pk")


def region_people(region: Region) -> QuerySet[Person]:
    return Person.objects.filter(region=region, active=True).order_by("surname", "given_name")


def the_day(evaluation: Evaluation) -> dt.date:
    """The day whose norms apply: the incident's or exercise's start."""
    if evaluation.incident is not None:
        return timezone.localtime(evaluation.incident.started_at).date()
    if evaluation.exercise is not None:
        return timezone.localtime(evaluation.exercise.starts_at).date()
    return timezone.localdate()


def region_norms(evaluation: Evaluation) -> list[Norm]:
    """The norms in force for the evaluation's region on the day of its incident or
    exercise (all of the region's current norms when none was in force that day)."""
    found = quality_selectors.effective_norms(evaluation.region, the_day(evaluation))
    return found or quality_selectors.effective_norms(evaluation.region)


def incident_log(incident: Incident) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(incident=incident).order_by("number")


def incident_decisions(incident: Incident) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(incident=incident)
        .select_related("entry")
        .order_by("decided_at", "pk")
    )


def incident_milestones(incident: Incident) -> list[Milestone]:
    return milestones(incident)


def log_summary(line: LogEntry) -> str:
    at = timezone.localtime(line.at).strftime("%d-%m-%Y %H:%M")
    return f"#{line.number} {at} {line.text}"


def decision_summary(decision: Decision) -> str:
    at = timezone.localtime(decision.decided_at).strftime("%d-%m-%Y %H:%M")
    return f"{at} {decision.team}: {decision.text}"


def milestone_summary(m: Milestone) -> str:
    """ "Eerste bericht: 2 u 10 min, norm 3 u" (or not reached)."""
    norm = duration_text(m.norm)
    if m.elapsed is None:
        return _("%(label)s: not reached, norm %(norm)s") % {"label": m.label, "norm": norm}
    return _("%(label)s: %(elapsed)s, norm %(norm)s") % {
        "label": m.label,
        "elapsed": duration_text(m.elapsed),
        "norm": norm,
    }


def norm_summary(norm: Norm, evaluation: Evaluation) -> str:
    """The norm with the incident's figure where the quality room computes one: for a
    milestone indicator the incident's own time, else the figure of the incident's
    municipality in its quarter; without a figure the norm's waterlijn."""
    incident = evaluation.incident
    head = f"{norm.code} {norm.title}"
    if incident is not None and norm.indicator in MILESTONE_INDICATORS:
        key = MILESTONE_INDICATORS[norm.indicator]  # type: ignore[index]
        for m in milestones(incident):
            if m.key == key:
                return f"{head}: {milestone_summary(m)}"
    if incident is not None and norm.indicator:
        period = quarter_of(timezone.localtime(incident.started_at).date())
        found = quality_selectors.figures([evaluation.region_id], period).get(
            evaluation.region_id, {}
        )
        figure = quality_selectors.norm_figure(norm, found, incident.municipality_id)
        if figure is not None:
            return _("%(norm)s: %(percent)s%% in %(period)s (waterlijn %(waterlijn)s%%)") % {
                "norm": head,
                "percent": f"{figure.percent:.0f}",
                "period": period.slug,
                "waterlijn": f"{norm.waterlijn:.0f}",
            }
    return _("%(norm)s (waterlijn %(waterlijn)s%%)") % {
        "norm": head,
        "waterlijn": f"{norm.waterlijn:.0f}",
    }


def evaluation_detail(evaluation: Evaluation) -> Evaluation:
    """The evaluation with participants, findings (with evidence and actions) prefetched."""
    return (
        Evaluation.objects.select_related("region", "incident", "exercise")
        .prefetch_related(
            "participants",
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("norm", "pattern").prefetch_related(
                    Prefetch(
                        "evidence",
                        queryset=Evidence.objects.select_related(
                            "log_entry", "decision", "norm", "survey_question"
                        ),
                    ),
                    Prefetch(
                        "actions",
                        queryset=ImprovementAction.objects.select_related("norm").order_by(
                            "deadline", "pk"
                        ),
                    ),
                ),
            ),
        )
        .get(pk=evaluation.pk)
    )


def mark_overdue(actions: list[ImprovementAction]) -> list[ImprovementAction]:
    today = timezone.localdate()
    for action in actions:
        action.overdue = is_overdue(action, today)  # type: ignore[attr-defined]
    return actions


def _when(held_on: dt.date | None, created_at: dt.datetime, pk: int) -> tuple[Any, ...]:
    day = held_on or timezone.localtime(created_at).date()
    return (day, created_at, pk)


def earlier_evaluation_ids(evaluation: Evaluation) -> list[int]:
    """The region's evaluations held before this one (by the day held, else the day
    created; the same day: the one created first)."""
    this = _when(evaluation.held_on, evaluation.created_at, evaluation.pk)
    return [
        pk
        for pk, held_on, created_at in Evaluation.objects.filter(region_id=evaluation.region_id)
        .exclude(pk=evaluation.pk)
        .values_list("pk", "held_on", "created_at")
        if _when(held_on, created_at, pk) < this
    ]


def earlier_open_actions(evaluation: Evaluation) -> list[ImprovementAction]:
    """Open improvement actions of the region that came from findings of evaluations held
    *before* this one (followed across evaluations; a later evaluation's actions do not
    show on an earlier one), earliest deadline first, each with the earlier evaluations it
    came from (`from_evaluations`)."""
    earlier = earlier_evaluation_ids(evaluation)
    rows = list(
        ImprovementAction.objects.filter(
            region_id=evaluation.region_id, findings__evaluation_id__in=earlier
        )
        .exclude(status=ActionStatus.CLOSED)
        .select_related("norm")
        .distinct()
        .order_by("deadline", "pk")[:200]
    )
    links = (
        Finding.actions.through.objects.filter(
            improvementaction_id__in=[a.pk for a in rows], finding__evaluation_id__in=earlier
        )
        .values_list("improvementaction_id", "finding__evaluation_id", "finding__evaluation__title")
        .distinct()
    )
    sources: dict[int, list[tuple[int, str]]] = {}
    for action_id, evaluation_id, title in links:
        sources.setdefault(action_id, []).append((evaluation_id, title))
    for action in rows:
        action.from_evaluations = sorted(set(sources.get(action.pk, [])))  # type: ignore[attr-defined]
    return mark_overdue(rows)


def region_actions(region: Region) -> QuerySet[ImprovementAction]:
    """The region's improvement actions that a finding may be linked to."""
    return ImprovementAction.objects.filter(region=region).order_by("-created_at", "-pk")


def is_final(evaluation: Evaluation) -> bool:
    return evaluation.status == EvaluationStatus.FINAL
