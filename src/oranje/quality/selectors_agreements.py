"""Reads of the agreements with municipalities and the inhabitants: who sees which
agreement (the region's monitors all, a municipality's own people theirs), the current
figures per municipality."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from oranje.core.access import AnyUser
from oranje.core.models import Municipality, Region
from oranje.quality import access
from oranje.quality.models import AgreementLine, Inhabitants, MunicipalAgreement
from oranje.quality.selectors_assessment import own_municipalities


def agreements(user: AnyUser, region: Region) -> QuerySet[MunicipalAgreement]:
    return (
        MunicipalAgreement.objects.filter(
            region=region, municipality_id__in=list(own_municipalities(user, region))
        )
        .select_related("municipality", "region")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=AgreementLine.objects.select_related("function", "pool").order_by(
                    "function__sort_order", "pk"
                ),
            )
        )
        .order_by("municipality__name", "-starts_on", "pk")
    )


def agreement_for_user(user: AnyUser, pk: int) -> MunicipalAgreement:
    """An agreement whose municipality the user sees (404 outside the user's regions, 403
    inside them without the right)."""
    found = MunicipalAgreement.objects.filter(pk=pk).select_related("municipality").first()
    if found is None:
        raise Http404
    municipality = access.municipality_for_user(user, found.municipality_id)
    if municipality.region_id != found.region_id:
        raise Http404
    return agreements(user, found.region).get(pk=pk)


@dataclass(frozen=True)
class Figure:
    municipality: Municipality
    year: int | None
    count: int | None


def current_inhabitants(region: Region) -> list[Figure]:
    """Per current municipality of the region its latest imported figure (or none)."""
    latest: dict[int, Inhabitants] = {}
    for item in Inhabitants.objects.filter(municipality__region=region).order_by(
        "municipality_id", "-year"
    ):
        latest.setdefault(item.municipality_id, item)
    return [
        Figure(
            m,
            latest[m.pk].year if m.pk in latest else None,
            latest[m.pk].count if m.pk in latest else None,
        )
        for m in Municipality.objects.current().filter(region=region).order_by("name")
    ]
