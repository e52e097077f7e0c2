"""The quality room's API, part "norms" (read-only): the norm sets the user may read (the
national ones and those of readable regions), one set with its norms and in-growth steps, and
the norms that apply to a region today (`selectors.effective_norms`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import URLPattern, path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.quality import selectors
from oranje.quality import selectors_norms as sn
from oranje.quality.constants import Indicator, Measure, Process, SetStatus
from oranje.quality.models import Norm, NormSet


class StepOut(serializers.Serializer):
    due_on = serializers.DateField(help_text="The step's waterlijn applies until this date.")
    waterlijn = serializers.DecimalField(max_digits=4, decimal_places=1)
    note = serializers.CharField()


class NormOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    process = serializers.ChoiceField(choices=Process.choices)
    measure = serializers.ChoiceField(choices=Measure.choices)
    indicator = serializers.CharField(help_text=f"One of {', '.join(Indicator.values)}, or empty.")
    function = serializers.CharField(allow_null=True, help_text="Function code, or null.")
    question = serializers.CharField()
    waterlijn = serializers.DecimalField(max_digits=4, decimal_places=1)
    bandbreedte = serializers.DecimalField(max_digits=4, decimal_places=1)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    national_norm = serializers.CharField(
        allow_null=True, help_text="Code of the national norm this norm tightens."
    )
    source = serializers.CharField()  # type: ignore[assignment]
    growth_steps = StepOut(many=True)
    growth_path = serializers.CharField(help_text="The in-growth path in words.")


class EffectiveNormOut(NormOut):
    set_id = serializers.IntegerField()
    waterlijn_today = serializers.DecimalField(max_digits=4, decimal_places=1)


class NormSetOut(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(allow_null=True, help_text="Region code; null: national.")
    version = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=SetStatus.choices)
    current = serializers.BooleanField(help_text="The adopted version in force.")
    based_on = serializers.IntegerField(allow_null=True)
    adopted_by_body = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    note = serializers.CharField()


class NormSetDetailOut(NormSetOut):
    norms = NormOut(many=True)


def _norm(norm: Norm) -> dict[str, Any]:
    return {
        "id": norm.pk,
        "code": norm.code,
        "title": norm.title,
        "text": norm.text,
        "process": norm.process,
        "measure": norm.measure,
        "indicator": norm.indicator,
        "function": norm.function.code if norm.function else None,
        "question": norm.question,
        "waterlijn": norm.waterlijn,
        "bandbreedte": norm.bandbreedte,
        "valid_from": norm.valid_from,
        "valid_until": norm.valid_until,
        "national_norm": norm.national_norm.code if norm.national_norm else None,
        "source": norm.source,
        "growth_steps": [
            {"due_on": s.due_on, "waterlijn": s.waterlijn, "note": s.note}
            for s in norm.growth_steps.all()
        ],
        "growth_path": sn.path_words(norm),
    }


def _set(norm_set: NormSet, current_ids: set[int]) -> dict[str, Any]:
    return {
        "id": norm_set.pk,
        "region": norm_set.region.code if norm_set.region else None,
        "version": norm_set.version,
        "title": norm_set.title,
        "status": norm_set.status,
        "current": norm_set.pk in current_ids,
        "based_on": norm_set.based_on_id,
        "adopted_by_body": norm_set.adopted_by_body,
        "adopted_on": norm_set.adopted_on,
        "note": norm_set.note,
    }


def _current_ids() -> set[int]:
    """The adopted version in force of every scope: the highest adopted version."""
    found: dict[int | None, tuple[int, int]] = {}
    for pk, region_id, version in NormSet.objects.filter(status=SetStatus.ADOPTED).values_list(
        "pk", "region_id", "version"
    ):
        if region_id not in found or found[region_id][0] < version:
            found[region_id] = (version, pk)
    return {pk for _version, pk in found.values()}


@extend_schema(responses=NormSetOut(many=True))
@api_view(["GET"])
def norm_sets(request: Request) -> Response:
    """The national norm sets and those of the regions the user may read, every version."""
    scopes = core_access.scopes_for(request.user)
    if not sn.may_read_national(request.user):
        return Response([])
    wanted = Q(region__isnull=True)
    if scopes.national_read:
        wanted |= Q(region__isnull=False)
    else:
        wanted |= Q(region_id__in=list(scopes.read_regions))
    sets = (
        NormSet.objects.filter(wanted).select_related("region").order_by("region__code", "-version")
    )
    current = _current_ids()
    return Response(NormSetOut([_set(s, current) for s in sets], many=True).data)


@extend_schema(responses=NormSetDetailOut)
@api_view(["GET"])
def norm_set(request: Request, pk: int) -> Response:
    """One norm set with its norms and their in-growth steps."""
    found = sn.readable_set(request.user, pk)
    data = _set(found, _current_ids())
    data["norms"] = [_norm(n) for n in sn.norms_of(found)]
    return Response(NormSetDetailOut(data).data)


@extend_schema(responses=EffectiveNormOut(many=True))
@api_view(["GET"])
def region_norms(request: Request, code: str) -> Response:
    """The norms that apply to the region today: the national ones, each replaced by the
    region's stricter version, and the region's own; with the waterlijn in force today."""
    region = core_access.region_for_user(request.user, code[:20])
    today = timezone.localdate()
    rows = []
    for norm in selectors.effective_norms(region, today):
        row = _norm(norm)
        row["set_id"] = norm.norm_set_id
        row["waterlijn_today"] = selectors.waterlijn_on(norm, today)
        rows.append(row)
    return Response(EffectiveNormOut(rows, many=True).data)


urls: list[URLPattern] = [
    path("quality/norm-sets/", norm_sets, name="api-quality-norm-sets"),
    path("quality/norm-sets/<id:pk>/", norm_set, name="api-quality-norm-set"),
    path("quality/regions/<str:code>/norms/", region_norms, name="api-quality-region-norms"),
]
