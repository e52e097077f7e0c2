"""Reads of part "dossier": the evaluations a user may link, an entry's page (versions,
comments, the evaluations and findings it came from — shown only where the reader may open
them), the entries that came from a finding or an evaluation (for their pages), and the marked
words of search results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from oranje.core.access import AnyUser
from oranje.learning import access
from oranje.learning.models import Entry, EntryComment, EntryVersion, Evaluation, Finding
from oranje.learning.search import Parsed, highlight, snippet


def evaluation_url(pk: int) -> str:
    """The evaluation's page (part "evaluations"), or "" while that part has none."""
    try:
        return reverse("learning:evaluation", args=[pk])
    except NoReverseMatch:
        return ""


def readable_evaluations(user: AnyUser) -> list[int]:
    """Pks of the evaluations the user may read (and so link an entry to)."""
    regions = access.contributor_regions(user)
    if not regions:
        return []
    rows = Evaluation.objects.filter(region_id__in=regions).select_related("incident")
    return [e.pk for e in rows if access.can_evaluate(user, e)]


@dataclass
class EntryPage:
    entry: Entry
    versions: list[EntryVersion]
    comments: list[EntryComment]
    evaluations: list[Evaluation]
    findings: list[Finding]
    hidden: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def entry_page(user: AnyUser, entry: Entry) -> EntryPage:
    versions = list(entry.versions.select_related("region", "work_session").order_by("-number"))
    comments = list(entry.comments.select_related("region").order_by("created_at", "pk"))
    evaluations = list(
        entry.evaluations.select_related("region", "incident", "exercise").order_by("-held_on")
    )
    findings = list(entry.findings.select_related("evaluation__region", "evaluation__incident"))
    shown_evaluations = [e for e in evaluations if access.can_evaluate(user, e)]
    shown_findings = [f for f in findings if access.can_evaluate(user, f.evaluation)]
    for evaluation in [*shown_evaluations, *(f.evaluation for f in shown_findings)]:
        evaluation.url = evaluation_url(evaluation.pk)  # type: ignore[attr-defined]
    hidden = len(evaluations) - len(shown_evaluations) + len(findings) - len(shown_findings)
    return EntryPage(entry, versions, comments, shown_evaluations, shown_findings, hidden)


def entry_new_url(finding: Finding) -> str:
    """The new-entry page, prefilled from the finding."""
    return f"{reverse('learning:entry_new')}?bevinding={finding.pk}"


def finding_entries(user: AnyUser, finding: Finding) -> list[Entry]:
    """The dossier entries that came from the finding (every member reads the dossier)."""
    if not access.is_member(user):
        return []
    return list(finding.dossier_entries.select_related("region").order_by("-updated_at", "pk"))


def evaluation_entries(user: AnyUser, evaluation: Evaluation) -> list[Entry]:
    """The dossier entries that came from the evaluation or one of its findings; each with
    `from_findings`: those of its findings it came from."""
    if not access.is_member(user):
        return []
    from_findings = Entry.findings.through.objects.filter(finding__evaluation=evaluation)
    rows = list(
        Entry.objects.filter(
            Q(pk__in=from_findings.values("entry_id"))
            | Q(
                pk__in=Entry.evaluations.through.objects.filter(evaluation=evaluation).values(
                    "entry_id"
                )
            )
        )
        .select_related("region")
        .order_by("-updated_at", "pk")
    )
    found: dict[int, list[Finding]] = {}
    for link in from_findings.select_related("finding").order_by("finding_id"):
        found.setdefault(link.entry_id, []).append(link.finding)
    for entry in rows:
        entry.from_findings = found.get(entry.pk, [])  # type: ignore[attr-defined]
    return rows


def mark_rows(rows: list[Entry], parsed: Parsed | None) -> list[Entry]:
    """Each entry with `title_marked` and `snippet_marked` (segments: text, marked)."""
    terms = parsed.terms if parsed is not None else []
    for entry in rows:
        entry.title_marked = highlight(entry.title, terms)  # type: ignore[attr-defined]
        entry.snippet_marked = snippet(entry.text, terms)  # type: ignore[attr-defined]
    return rows
