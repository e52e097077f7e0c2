"""API: the region's agreements on who communicates, per level or team and kind of message.
GET for everyone in the region; PUT replaces the whole matrix (a cell left out: no agreement)
for the region's managers and its communication role."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.communication.access import can_manage_agreements
from oranje.communication.constants import NOTE_MAX, Communicator, MessageKind
from oranje.communication.models import Agreement
from oranje.communication.services.agreements import SCOPE_KEYS, Cell, agreements_save
from oranje.core import access as core_access
from oranje.core.fields import FreeTextField
from oranje.core.models import Region

#: Every cell of the matrix at most once: 9 levels or teams × 5 kinds.
MAX_CELLS = len(SCOPE_KEYS) * len(MessageKind.values)


class AgreementIO(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=SCOPE_KEYS, help_text="GRIP level (grip1..grip5) or flexible team (copi, rot, …)."
    )
    kind = serializers.ChoiceField(choices=MessageKind.choices, help_text="Kind of message.")
    communicator = serializers.ChoiceField(
        choices=Communicator.choices, help_text="Who communicates."
    )
    note = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True, default="")


class AgreementsIO(serializers.Serializer):
    """The region's matrix: one entry per cell with an agreement."""

    region = serializers.CharField(read_only=True, help_text="Region code (VR12).")
    agreements = serializers.ListField(child=AgreementIO(), max_length=MAX_CELLS)

    def validate_agreements(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[tuple[str, str]] = set()
        for row in value:
            key = (row["scope"], row["kind"])
            if key in seen:
                raise serializers.ValidationError(
                    _("agreements: %(scope)s / %(kind)s appears twice.")
                    % {"scope": key[0], "kind": key[1]}
                )
            seen.add(key)
        return value


def _out(region: Region) -> Response:
    rows = Agreement.objects.filter(region=region).order_by("scope", "kind")
    ordered = sorted(
        rows,
        key=lambda a: (
            SCOPE_KEYS.index(a.scope) if a.scope in SCOPE_KEYS else 99,
            MessageKind.values.index(a.kind) if a.kind in MessageKind.values else 99,
        ),
    )
    return Response(
        AgreementsIO(
            {
                "region": region.code,
                "agreements": [
                    {
                        "scope": a.scope,
                        "kind": a.kind,
                        "communicator": a.communicator,
                        "note": a.note,
                    }
                    for a in ordered
                ],
            }
        ).data
    )


@extend_schema(methods=["GET"], responses=AgreementsIO)
@extend_schema(methods=["PUT"], request=AgreementsIO, responses=AgreementsIO)
@api_view(["GET", "PUT"])
def communication_agreements(request: Request, code: str) -> Response:
    """Who communicates, per level or team and kind of message; PUT replaces the matrix."""
    region = core_access.region_for_user(request.user, code[:20])
    if request.method == "PUT":
        core_access.require(can_manage_agreements(request.user, region.pk))
        s = AgreementsIO(data=request.data)
        s.is_valid(raise_exception=True)
        cells = {
            (row["scope"], row["kind"]): Cell(row["communicator"], row["note"])
            for row in s.validated_data["agreements"]
        }
        agreements_save(actor=request.user, region=region, cells=cells)
    return _out(region)


urls: list[URLPattern] = [
    path(
        "regions/<str:code>/communication-agreements/",
        communication_agreements,
        name="api-communication-agreements",
    ),
]
