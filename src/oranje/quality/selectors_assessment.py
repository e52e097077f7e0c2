"""Reads of the self-assessment: which rounds and municipalities a user sees, progress per
municipality, a municipality's questions with their evidence, and the doors to them (404
outside the user's regions, 403 inside them without the right)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.models import Municipality, Region
from oranje.quality import access
from oranje.quality.constants import Review
from oranje.quality.models import AssessmentRound, Evidence, SelfAssessment


def own_municipalities(user: AnyUser, region: Region) -> frozenset[int]:
    """The region's municipalities whose self-assessment the user sees: all for the region's
    monitors, else those where the user is the coordinator or quality monitor."""
    if access.can_monitor(user, region.pk):
        return frozenset(Municipality.objects.filter(region=region).values_list("pk", flat=True))
    return frozenset(
        Municipality.objects.filter(
            region=region, pk__in=access.monitored_municipalities(user)
        ).values_list("pk", flat=True)
    )


def region_for_assessment(user: AnyUser, region: Region) -> Region:
    """The region if the user sees some of its self-assessment (404 / 403 otherwise)."""
    if not core_access.can_read_region(user, region.pk):
        raise Http404
    if not own_municipalities(user, region):
        raise PermissionDenied
    return region


def round_for_user(user: AnyUser, pk: int) -> AssessmentRound:
    found = AssessmentRound.objects.select_related("region").filter(pk=pk).first()
    if found is None:
        raise Http404
    region_for_assessment(user, found.region)
    return found


def municipality_in_round(user: AnyUser, round_: AssessmentRound, pk: int) -> Municipality:
    """A municipality of the round's region whose answers the user sees."""
    municipality = access.municipality_for_user(user, pk)
    if municipality.region_id != round_.region_id:
        raise Http404
    return municipality


def evidence_for_user(user: AnyUser, pk: int) -> Evidence:
    """An evidence item whose municipality's self-assessment the user sees."""
    item = (
        Evidence.objects.select_related(
            "assessment__municipality", "assessment__round__region", "assessment__norm"
        )
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    municipality = access.municipality_for_user(user, item.assessment.municipality_id)
    if municipality.region_id != item.assessment.round.region_id:
        raise Http404
    return item


def rounds(region: Region) -> QuerySet[AssessmentRound]:
    return AssessmentRound.objects.filter(region=region).order_by("-year")


@dataclass(frozen=True)
class Progress:
    municipality_id: int
    name: str
    total: int
    answered: int
    submitted: int
    accepted: int
    returned: int
    overdue: bool

    @property
    def done(self) -> bool:
        return self.total > 0 and self.accepted == self.total


def progress(round_: AssessmentRound, municipality_ids: frozenset[int]) -> list[Progress]:
    """Per municipality: answered / submitted / accepted / returned of total; overdue when
    the deadline has passed and not everything was submitted."""
    rows = (
        SelfAssessment.objects.filter(round=round_, municipality_id__in=list(municipality_ids))
        .values("municipality_id", "municipality__name")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=~Q(answer="")),
            submitted=Count("pk", filter=Q(status=Review.SUBMITTED)),
            accepted=Count("pk", filter=Q(status=Review.ACCEPTED)),
            returned=Count("pk", filter=Q(status=Review.RETURNED)),
        )
        .order_by("municipality__name")
    )
    late = timezone.localdate() > round_.deadline
    return [
        Progress(
            municipality_id=r["municipality_id"],
            name=r["municipality__name"],
            total=r["total"],
            answered=r["answered"],
            submitted=r["submitted"],
            accepted=r["accepted"],
            returned=r["returned"],
            overdue=late and r["submitted"] + r["accepted"] < r["total"],
        )
        for r in rows
    ]


def questions(round_: AssessmentRound, municipality: Municipality) -> list[SelfAssessment]:
    """The municipality's questions in the round, in the norms' order, with evidence."""
    return list(
        SelfAssessment.objects.filter(round=round_, municipality=municipality)
        .select_related("norm", "submitted_by", "reviewed_by")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "pk"))
        )
        .order_by("norm__sort_order", "norm__code")
    )


def visible_answers(user: AnyUser, round_: AssessmentRound) -> QuerySet[SelfAssessment]:
    """Every answer of the round the user sees (API)."""
    return (
        SelfAssessment.objects.filter(
            round=round_,
            municipality_id__in=list(own_municipalities(user, round_.region)),
        )
        .select_related("norm", "municipality")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "pk"))
        )
        .order_by("municipality__name", "norm__sort_order", "norm__code")
    )
