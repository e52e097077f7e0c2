"""The API of issue 17's part "people" on functionaries: moving a person between
key-function holder and civil servant without a path (with a reason), and importing people
from a spreadsheet with their kind. Mixed into `api.PersonViewSet`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.fields import FreeTextField
from oranje.core.models import Region
from oranje.organisation import access, errors, imports_people, services
from oranje.organisation.constants import PersonKind


class PersonKindIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PersonKind.choices)
    reason = FreeTextField(max_length=255)


def _region_from(request: Request) -> Region:
    code = request.query_params.get("region")
    if not code:
        raise DjangoValidationError({"region": [errors.REGION_REQUIRED]})
    return core_access.region_for_user(request.user, code)


class PersonPeopleActions:
    """The viewset's actions `kind` and `import`."""

    get_serializer: Any

    @extend_schema(request=PersonKindIn)
    @action(detail=True, methods=["post"], url_path="kind")
    def kind(self, request: Request, pk: int) -> Response:
        """Move the person between key-function holder and civil servant without a path,
        with a reason (kept as history and audited)."""
        person = access.person_for_user(request.user, pk, manage=True)
        data_in = PersonKindIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        try:
            person = services.person_change_kind(
                actor=core_access.authenticated(request.user),
                person=person,
                to_kind=data_in.validated_data["kind"],
                reason=data_in.validated_data["reason"],
            )
        except DjangoValidationError as exc:
            raise DjangoValidationError(
                {("kind" if k == "to_kind" else k): v for k, v in exc.message_dict.items()}
            ) from exc
        return Response(self.get_serializer(person).data)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "PeopleImportIn", {"file": serializers.FileField()}
            )
        },
        parameters=[OpenApiParameter("region", str, required=True)],
        responses={
            201: inline_serializer("PeopleImportOut", {"created": serializers.IntegerField()}),
            400: inline_serializer(
                "PeopleImportErrors",
                {
                    "errors": inline_serializer(
                        "PeopleRowErrorOut",
                        {
                            "line": serializers.IntegerField(),
                            "field": serializers.CharField(),
                            "message": serializers.CharField(),
                        },
                        many=True,
                    )
                },
            ),
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_(self, request: Request) -> Response:
        """Import functionaries from a spreadsheet (CSV or .xlsx), with an optional column
        soort (sleutelfunctionaris or ambtenaar): all rows or none."""
        region = _region_from(request)
        upload = request.FILES.get("file")
        if upload is None:
            raise DjangoValidationError({"file": [errors.FILE_REQUIRED]})
        rows = imports_people.read_table(upload, upload.name)
        report = imports_people.people_import(
            actor=core_access.authenticated(request.user),
            region=region,
            rows=rows,
            filename=upload.name,
        )
        if not report.ok:
            problems = [
                {"line": e.line, "field": e.field, "message": e.message} for e in report.errors
            ]
            return Response({"errors": problems}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"created": report.created}, status=status.HTTP_201_CREATED)
