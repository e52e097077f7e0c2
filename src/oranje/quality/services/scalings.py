"""The board's review of a flexible scaling: after the incident (its acute phase ended, or
it is closed) the region's monitors record whether scaling flexibly was wise and legitimate,
with the reasoning and the board meeting that discussed it. One review per incident; saving
again changes it. Only incidents that scaled flexibly are reviewed."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.quality import access
from oranje.quality.constants import TEXT_MAX, Verdict
from oranje.quality.models import ScalingReview
from oranje.quality.selectors_actions import scaled_flexibly

#: How far after today a board meeting may be planned.
MEETING_HORIZON_DAYS = 366


@transaction.atomic
def scaling_review_save(
    *,
    actor: User,
    incident: Incident,
    wise: str,
    legitimate: str,
    reasoning: str,
    board_meeting_on: dt.date | None = None,
) -> ScalingReview:
    incident = Incident.objects.select_for_update().select_related("region").get(pk=incident.pk)
    core_access.require(access.can_monitor(actor, incident.region_id))
    if not scaled_flexibly(incident):
        raise ValidationError(
            {
                "incident": [
                    _(
                        "incident: this incident never scaled flexibly; only flexible scalings "
                        "are reviewed."
                    )
                ]
            }
        )
    if incident.acute_ended_at is None and incident.closed_at is None:
        raise ValidationError(
            {
                "incident": [
                    _(
                        "incident: a review comes after the incident; its acute phase has not "
                        "ended yet."
                    )
                ]
            }
        )
    errors: dict[str, list[str]] = {}
    allowed = ", ".join(Verdict.values)
    if wise not in Verdict.values:
        errors["wise"] = [_("wise: choose one of %(allowed)s.") % {"allowed": allowed}]
    if legitimate not in Verdict.values:
        errors["legitimate"] = [_("legitimate: choose one of %(allowed)s.") % {"allowed": allowed}]
    reasoning = reasoning.strip()
    if not reasoning:
        errors["reasoning"] = [_("reasoning: explain the verdict.")]
    elif len(reasoning) > TEXT_MAX:
        errors["reasoning"] = [_("reasoning: at most %(max)s characters.") % {"max": TEXT_MAX}]
    if board_meeting_on is not None:
        first = timezone.localtime(incident.started_at).date()
        last = timezone.localdate() + dt.timedelta(days=MEETING_HORIZON_DAYS)
        if not first <= board_meeting_on <= last:
            errors["board_meeting_on"] = [
                _("board meeting: choose a day from %(first)s to %(last)s.")
                % {"first": first.strftime("%d-%m-%Y"), "last": last.strftime("%d-%m-%Y")}
            ]
    if errors:
        raise ValidationError(errors)
    review = ScalingReview.objects.filter(incident=incident).first()
    old = (
        {}
        if review is None
        else {
            "wise": review.wise,
            "legitimate": review.legitimate,
            "board": review.board_meeting_on,
        }
    )
    if review is None:
        review = ScalingReview(incident=incident)
    review.wise = wise
    review.legitimate = legitimate
    review.reasoning = reasoning
    review.board_meeting_on = board_meeting_on
    review.reviewed_at = timezone.now()
    review.reviewed_by = actor
    review.save()
    new = {"wise": wise, "legitimate": legitimate, "board": board_meeting_on}
    audit_record(
        actor=actor,
        action=AuditAction.SCALING_REVIEW_SAVE,
        obj=review,
        region=incident.region,
        changes={
            k: [str(old[k]) if old.get(k) else None, str(v) if v else None] for k, v in new.items()
        },
    )
    return review
