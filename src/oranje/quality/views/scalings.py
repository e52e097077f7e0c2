"""Flexible scalings: the region's incidents that scaled flexibly (real and exercises apart),
each with its scaling history and the board's review, and the review form once the incident's
acute phase is over."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oranje.core import access as core_access
from oranje.core.models import Region
from oranje.core.views import apply_errors, current_region
from oranje.incidents.models import Incident
from oranje.quality import access, nav
from oranje.quality import selectors_actions as selectors
from oranje.quality.forms_actions import ScalingReviewForm
from oranje.quality.services.scalings import scaling_review_save


def _page(
    request: HttpRequest,
    region: Region,
    failed: tuple[int, ScalingReviewForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    real, exercises = selectors.flexible_scalings(region)
    orphan = failed[1] if failed is not None else None
    for scaling in [*real, *exercises]:
        review = scaling.review
        if failed is not None and failed[0] == scaling.incident.pk:
            scaling.form = failed[1]  # type: ignore[attr-defined]
            orphan = None
        elif scaling.reviewable:
            initial = (
                {}
                if review is None
                else {
                    "wise": review.wise,
                    "legitimate": review.legitimate,
                    "reasoning": review.reasoning,
                    "board_meeting_on": review.board_meeting_on,
                }
            )
            scaling.form = ScalingReviewForm(  # type: ignore[attr-defined]
                initial=initial, auto_id=f"review{scaling.incident.pk}_%s"
            )
    return render(
        request,
        "quality/scalings.html",
        {
            "region": region,
            "groups": [
                ("real", _("Incidents"), real),
                ("exercise", _("Exercises (OEFENING)"), exercises),
            ],
            "orphan": orphan,
            **nav.context(request, "scalings"),
        },
        status=status,
    )


@login_required
def scalings(request: HttpRequest) -> HttpResponse:
    region = access.monitor_region_for_user(request.user, current_region(request))
    return _page(request, region)


@login_required
@require_POST
def scaling_review(request: HttpRequest, pk: int) -> HttpResponse:
    incident: Incident = selectors.scaling_incident_for_user(request.user, pk)
    form = ScalingReviewForm(request.POST, auto_id=f"review{incident.pk}_%s")
    if form.is_valid():
        v = form.cleaned_data
        try:
            scaling_review_save(
                actor=core_access.authenticated(request.user),
                incident=incident,
                wise=v["wise"],
                legitimate=v["legitimate"],
                reasoning=v["reasoning"],
                board_meeting_on=v["board_meeting_on"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Review of “%(incident)s” saved.") % {"incident": str(incident)}
            )
            return redirect("quality:scalings")
    return _page(request, incident.region, (incident.pk, form), 400)
