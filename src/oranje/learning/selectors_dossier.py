"""Reads of part "dossier": the evaluations a user may link, an entry's page (versions,
comments, the evaluations and findings it came from — shown only where the reader may open
them), and the marked words of search results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


def mark_rows(rows: list[Entry], parsed: Parsed | None) -> list[Entry]:
    """Each entry with `title_marked` and `snippet_marked` (segments: text, marked)."""
    terms = parsed.terms if parsed is not None else []
    for entry in rows:
        entry.title_marked = highlight(entry.title, terms)  # type: ignore[attr-defined]
        entry.snippet_marked = snippet(entry.text, terms)  # type: ignore[attr-defined]
    return rows
