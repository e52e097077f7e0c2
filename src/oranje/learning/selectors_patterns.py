"""Reads of part "patterns": the patterns with the page's filters (recurring ones and those
seen once apart), one pattern for a user, and its findings with where they were found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.access import AnyUser
from oranje.learning import access
from oranje.learning.models import Finding, Pattern

#: The highest "at least n incidents" a filter accepts.
MAX_OCCASIONS = 1000


@dataclass(frozen=True)
class PatternFilter:
    process: str = ""
    kind: str = ""
    norm_code: str = ""
    min_incidents: int | None = None


def seen_once(pattern: Pattern) -> bool:
    """Seen at one incident or exercise only: a change should not rest on it alone."""
    return pattern.incident_count <= 1


def reach_text(pattern: Pattern) -> str:
    """ "Seen in 4 incidents in 3 regions", or "Seen once"."""
    if seen_once(pattern):
        return _("Seen once")
    if pattern.region_count <= 1:
        return _("Seen in %(incidents)s incidents in one region") % {
            "incidents": pattern.incident_count
        }
    return _("Seen in %(incidents)s incidents in %(regions)s regions") % {
        "incidents": pattern.incident_count,
        "regions": pattern.region_count,
    }


def pattern_rows(f: PatternFilter | None = None) -> QuerySet[Pattern]:
    """Patterns, most incidents first, filtered."""
    f = f or PatternFilter()
    rows = Pattern.objects.all()
    if f.process:
        # a pattern linked across processes by its norm shows under each of them
        of_process = Finding.objects.filter(process=f.process, pattern__isnull=False)
        rows = rows.filter(Q(process=f.process) | Q(pk__in=of_process.values("pattern_id")))
    if f.kind:
        rows = rows.filter(kind=f.kind)
    if f.norm_code:
        rows = rows.filter(norm_code=f.norm_code)
    if f.min_incidents:
        rows = rows.filter(incident_count__gte=f.min_incidents)
    return rows.order_by("-incident_count", "-region_count", "-finding_count", "pk")


def split(rows: QuerySet[Pattern]) -> tuple[QuerySet[Pattern], QuerySet[Pattern]]:
    """(recurring, seen once)."""
    return rows.filter(incident_count__gt=1), rows.filter(incident_count__lte=1)


def norm_codes() -> list[str]:
    """The norm codes patterns concern, for the filter."""
    return list(
        Pattern.objects.exclude(norm_code="")
        .order_by("norm_code")
        .values_list("norm_code", flat=True)
        .distinct()
    )


def last_computed() -> dt.datetime | None:
    found = Pattern.objects.order_by("-computed_at").values_list("computed_at", flat=True)
    return found.first()


def require_patterns(user: AnyUser) -> None:
    """The patterns are for everyone who evaluates somewhere (403 for others)."""
    if not access.can_evaluate_somewhere(user):
        raise PermissionDenied


def pattern_for_user(user: AnyUser, pk: int) -> Pattern:
    require_patterns(user)
    found = Pattern.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass
class FindingLine:
    """A finding of a pattern as its page shows it; `readable` when the user may open its
    evaluation."""

    finding: Finding
    region_name: str
    occasion: str
    year: int | None
    is_exercise: bool
    readable: bool


def processes(lines: list[FindingLine]) -> list[str]:
    """The processes of a pattern's findings (more than one when a norm links them), in the
    order they first appear."""
    found: dict[str, str] = {}
    for line in lines:
        found.setdefault(line.finding.process, str(line.finding.get_process_display()))
    return list(found.values())


def pattern_findings(user: AnyUser, pattern: Pattern) -> list[FindingLine]:
    findings = (
        pattern.findings.select_related(
            "evaluation__region", "evaluation__incident", "evaluation__exercise", "norm"
        )
        .order_by("pk")
        .all()
    )
    lines = []
    for finding in findings:
        evaluation = finding.evaluation
        incident, exercise = evaluation.incident, evaluation.exercise
        if incident is not None:
            title, when, is_exercise = incident.title, incident.started_at, incident.is_exercise
        else:
            assert exercise is not None
            title, when, is_exercise = exercise.title, exercise.starts_at, True
        lines.append(
            FindingLine(
                finding=finding,
                region_name=evaluation.region.name,
                occasion=title,
                year=timezone.localtime(when).year if when else None,
                is_exercise=is_exercise,
                readable=access.can_evaluate(user, evaluation),
            )
        )
    return lines
