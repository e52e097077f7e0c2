"""Reads of the board reports: a region's list, and one report behind the doors of
`quality.access` (monitors; a municipality's chapter also its own people)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from oranje.core.access import AnyUser
from oranje.core.models import Municipality, Region
from oranje.quality import access
from oranje.quality.models import BoardReport


def region_reports(region: Region) -> QuerySet[BoardReport]:
    return BoardReport.objects.filter(region=region).order_by("-year", "-quarter", "-pk")


def municipality_chapters(municipality: Municipality) -> list[tuple[BoardReport, str]]:
    """The region's reports with the URL of this municipality's chapter in each, newest
    period first: for a municipal page to link to (its people may open their chapter, not
    the whole report)."""
    from django.urls import reverse

    return [
        (report, reverse("quality:report_chapter", args=[report.pk, municipality.pk]))
        for report in region_reports(municipality.region)
    ]


def _get(pk: int) -> BoardReport:
    try:
        return BoardReport.objects.select_related("region").get(pk=pk)
    except BoardReport.DoesNotExist:
        raise Http404 from None


def report_for_user(user: AnyUser, pk: int) -> BoardReport:
    """A report of a region whose monitoring the user sees (404 outside their regions,
    403 inside them without the right)."""
    report = _get(pk)
    access.monitor_region_for_user(user, report.region)
    return report


def chapter_for_user(
    user: AnyUser, pk: int, municipality_pk: int
) -> tuple[BoardReport, Municipality]:
    """A report and one of its region's municipalities, for the region's monitors and the
    municipality's own people (404 when the municipality is not the report's region's)."""
    report = _get(pk)
    municipality = access.municipality_for_user(user, municipality_pk)
    if municipality.region_id != report.region_id:
        raise Http404
    return report, municipality
