"""Reads of the transition document: the facts it is prefilled with, gathered from the
records of every room (counts and lists, never a person's name), and their display.

`transition_prefill` returns plain JSON (stored as the version's `facts` snapshot): keys and
numbers, so that the snapshot reads the same in any language; `facts_display` turns it into
labelled rows for the pages and the print view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.aftercare.models import TransitionDocument
from oranje.care.models import CareNorms, Shelter
from oranje.care.selectors_needs import housing_counts
from oranje.communication import selectors_signals as signals
from oranje.communication.constants import Goal
from oranje.damage.hooks import counts as damage_counts
from oranje.incidents.constants import OPEN_ACTION_STATUSES, Process, ReportStatus
from oranje.incidents.models import Incident, SituationReport
from oranje.registry.selectors import counts as registry_counts

#: The most open actions the snapshot lists by name (the count says how many there are).
ACTIONS_LISTED = 50
#: The most topics of the public's questions the snapshot lists.
TOPICS_LISTED = 5


def documents(incident: Incident) -> QuerySet[TransitionDocument]:
    """The incident's versions, newest first."""
    return TransitionDocument.objects.filter(incident=incident).order_by("-number")


def _report(incident: Incident) -> dict[str, Any] | None:
    """The last published situation report, else the newest version."""
    reports = SituationReport.objects.filter(incident=incident)
    report = (
        reports.filter(status=ReportStatus.PUBLISHED).order_by("-version").first()
        or reports.order_by("-version").first()
    )
    if report is None:
        return None
    sections = []
    for process in Process.values:
        given = (report.sections or {}).get(process) or {}
        if not isinstance(given, dict):
            continue
        texts = {k: str(given.get(k) or "").strip() for k in ("picture", "judgement", "advice")}
        if any(texts.values()):
            sections.append({"process": process, **texts})
    return {
        "version": report.version,
        "status": report.status,
        "at": (report.published_at or report.approved_at or report.created_at).isoformat(),
        "summary": report.summary.strip(),
        "sections": sections,
    }


def _actions(incident: Incident) -> tuple[int, int, list[dict[str, Any]]]:
    rows = incident.actions.filter(status__in=OPEN_ACTION_STATUSES).select_related("owner_function")
    now = timezone.now()
    total = rows.count()
    overdue = rows.filter(deadline__lt=now).count()
    listed = [
        {
            "text": a.text[:500],
            "owner": a.owner_function.code,
            "owner_name": a.owner_function.name,
            "deadline": a.deadline.isoformat(),
            "overdue": a.deadline < now,
            "status": a.status,
        }
        for a in rows.order_by("deadline", "pk")[:ACTIONS_LISTED]
    ]
    return total, overdue, listed


def _shelters(incident: Incident) -> dict[str, Any]:
    running = Shelter.objects.filter(incident=incident, closed_at__isnull=True)
    totals = running.aggregate(
        open=Count("pk"),
        with_people=Count("pk", filter=Q(present__gt=0)),
        present=Sum("present"),
    )
    listed = [
        {"name": name, "present": present, "beds": beds}
        for name, present, beds in running.filter(present__gt=0)
        .order_by("-present", "pk")
        .values_list("location__name", "present", "capacity_night")
    ]
    return {
        "open": totals["open"],
        "with_people": totals["with_people"],
        "present": totals["present"] or 0,
        "listed": listed,
    }


def _housing(incident: Incident) -> dict[str, int]:
    counts = housing_counts(incident)
    return {
        "needed": counts["needed"],
        "needed_over": counts["needed_over"],
        "placed": counts["placed"],
        "hours": CareNorms.for_region(incident.region_id).housing_hours,
    }


def _signals(incident: Incident) -> dict[str, Any]:
    totals = signals.totals(incident)
    return {
        "contacts": totals.contacts,
        "open_rumours": totals.open_rumours,
        "topics": [
            {"topic": row.key, "contacts": row.contacts}
            for row in signals.top_topics(incident, limit=TOPICS_LISTED)
        ],
        "goals": [
            {"goal": row.key, "contacts": row.contacts}
            for row in signals.counts_by(incident, "goal")
        ],
    }


def transition_prefill(incident: Incident) -> dict[str, Any]:
    """The facts of the records, now: the last situation report's texts, the open actions,
    the registry's counts, shelters and housing, damage counts and what the public asks."""
    total, overdue, listed = _actions(incident)
    return {
        "report": _report(incident),
        "actions": {"open": total, "overdue": overdue, "listed": listed},
        "registry": registry_counts(incident),
        "shelters": _shelters(incident),
        "housing": _housing(incident),
        "damage": damage_counts(incident),
        "signals": _signals(incident),
    }


# ---------------------------------------------------------------- display


@dataclass
class FactsView:
    """The snapshot as the pages show it: labelled rows per theme."""

    report: dict[str, Any] | None = None
    report_at: dt.datetime | None = None
    sections: list[dict[str, str]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    actions_open: int = 0
    actions_overdue: int = 0
    #: (heading, [(label, value)]) per theme.
    groups: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    shelters: list[dict[str, Any]] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)


def _n(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return str(value) if isinstance(value, int) else "0"


def _moment(text: Any) -> dt.datetime | None:
    moment = parse_datetime(text) if isinstance(text, str) else None
    return timezone.localtime(moment) if moment is not None else None


def facts_display(facts: dict[str, Any]) -> FactsView:
    """Labelled rows of a snapshot (a missing or odd part shows as zero, never an error)."""
    view = FactsView()
    process_labels = dict(Process.choices)
    report = facts.get("report")
    if isinstance(report, dict):
        view.report = report
        view.report_at = _moment(report.get("at"))
        view.sections = [
            {**s, "label": str(process_labels.get(s.get("process", ""), s.get("process", "")))}
            for s in report.get("sections") or []
            if isinstance(s, dict)
        ]
    actions = facts.get("actions") or {}
    view.actions_open = int(actions.get("open") or 0)
    view.actions_overdue = int(actions.get("overdue") or 0)
    view.actions = [
        {**a, "deadline_at": _moment(a.get("deadline"))}
        for a in actions.get("listed") or []
        if isinstance(a, dict)
    ]
    registry = facts.get("registry") or {}
    shelters = facts.get("shelters") or {}
    housing = facts.get("housing") or {}
    damage = facts.get("damage") or {}
    sig = facts.get("signals") or {}
    view.shelters = [s for s in shelters.get("listed") or [] if isinstance(s, dict)]
    view.topics = [t for t in sig.get("topics") or [] if isinstance(t, dict)]
    goal_labels = {str(k): str(v) for k, v in Goal.choices}
    view.groups = [
        (
            _("Registry of affected persons"),
            [
                (_("Persons registered"), _n(registry, "persons")),
                (_("Injured"), _n(registry, "injured")),
                (_("In hospital"), _n(registry, "hospitalised")),
                (_("Deceased"), _n(registry, "deceased")),
                (_("Missing"), _n(registry, "missing")),
                (_("Open inquiries of relatives"), _n(registry, "open_inquiries")),
                (_("Relatives still to inform"), _n(registry, "to_inform")),
            ],
        ),
        (
            _("Shelter and housing"),
            [
                (_("Shelters open"), _n(shelters, "open")),
                (_("Shelters with people in them"), _n(shelters, "with_people")),
                (_("People in shelters"), _n(shelters, "present")),
                (_("Households still needing temporary housing"), _n(housing, "needed")),
                (
                    _("… of which waiting longer than the %(hours)s-hour norm")
                    % {"hours": _n(housing, "hours")},
                    _n(housing, "needed_over"),
                ),
                (_("Households in temporary housing"), _n(housing, "placed")),
            ],
        ),
        (
            _("Damage"),
            [
                (_("Damage reports"), _n(damage, "total")),
                (_("Still open"), _n(damage, "open")),
                (_("Urgent and open"), _n(damage, "urgent")),
                (_("Unsafe to stay"), _n(damage, "unsafe")),
                (_("Addresses"), _n(damage, "addresses")),
            ],
        ),
        (
            _("What the public asks"),
            [
                (_("Contacts (questions and remarks)"), _n(sig, "contacts")),
                (_("Rumours not yet countered"), _n(sig, "open_rumours")),
                *[
                    (
                        _("Goal: %(goal)s")
                        % {"goal": goal_labels.get(g.get("goal", ""), _("(no goal)"))},
                        _n(g, "contacts"),
                    )
                    for g in sig.get("goals") or []
                    if isinstance(g, dict)
                ],
            ],
        ),
    ]
    return view


def facts_time(doc: TransitionDocument) -> str:
    return date_format(timezone.localtime(doc.facts_at), "j-n-Y H:i")
