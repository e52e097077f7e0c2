"""Patterns across incidents: the list (filters process, kind, norm, "at least n
incidents"; the patterns seen once apart), a pattern's page with its findings and where they
were found, and "Group again"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from oranje.core import access as core_access
from oranje.learning import access, nav
from oranje.learning import selectors_patterns as selectors
from oranje.learning.forms_patterns import PatternFilterForm
from oranje.learning.services import patterns as services

#: At most this many patterns in each of the two lists of the page.
SHOWN = 200


@require_safe
@login_required
def pattern_list(request: HttpRequest) -> HttpResponse:
    selectors.require_patterns(request.user)
    filters = PatternFilterForm(request.GET or None, norm_codes=selectors.norm_codes())
    f = selectors.PatternFilter()
    if filters.is_valid():
        data = filters.cleaned_data
        f = selectors.PatternFilter(
            process=data["proces"] or "",
            kind=data["soort"] or "",
            norm_code=data["norm"] or "",
            min_incidents=data["minimaal"],
        )
    recurring, once = selectors.split(selectors.pattern_rows(f))
    return render(
        request,
        "learning/patterns.html",
        {
            "filters": filters,
            "recurring": recurring[:SHOWN],
            "recurring_count": recurring.count(),
            "once": once[:SHOWN],
            "once_count": once.count(),
            "shown": SHOWN,
            "computed_at": selectors.last_computed(),
            "may_regroup": access.can_evaluate_somewhere(request.user),
            **nav.context(request, "patterns"),
        },
        status=400 if filters.is_bound and not filters.is_valid() else 200,
    )


@require_safe
@login_required
def pattern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pattern = selectors.pattern_for_user(request.user, pk)
    lines = selectors.pattern_findings(request.user, pattern)
    return render(
        request,
        "learning/pattern.html",
        {
            "pattern": pattern,
            "lines": lines,
            "processes": selectors.processes(lines),
            "seen_once": selectors.seen_once(pattern),
            "reach": selectors.reach_text(pattern),
            **nav.context(request, "patterns"),
        },
    )


@require_POST
@login_required
def patterns_regroup(request: HttpRequest) -> HttpResponse:
    selectors.require_patterns(request.user)
    count = services.patterns_compute(actor=core_access.authenticated(request.user))
    messages.success(request, _("Findings grouped again: %(count)s patterns.") % {"count": count})
    return redirect("learning:patterns")
