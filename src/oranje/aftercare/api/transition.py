"""API: the transition document's versions — list and make a new draft (with the facts of
now), read and change a draft's texts, approve it. The same doors as the pages: everyone who
sees the incident reads; the aftercare role, the head and those who command the incident
write; those who command it approve."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.aftercare.access import aftercare_incident_for_user, document_for_user
from oranje.aftercare.constants import NOTE_MAX, DocumentStatus
from oranje.aftercare.models import TransitionDocument
from oranje.aftercare.selectors_transition import documents
from oranje.aftercare.services import transition as services
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.fields import FreeTextField
from oranje.core.rest import Pagination
from oranje.incidents.access import incident_for_user


class DocumentOut(serializers.Serializer):
    id = serializers.IntegerField()
    incident = serializers.IntegerField(source="incident_id")
    is_exercise = serializers.BooleanField(source="incident.is_exercise")
    number = serializers.IntegerField()
    status = serializers.ChoiceField(choices=DocumentStatus.choices)
    summary = serializers.CharField()
    open_points = serializers.CharField()
    arrangements = serializers.CharField()
    risks = serializers.CharField()
    facts_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    approved_at = serializers.DateTimeField(allow_null=True)
    approved_by = serializers.CharField(source="approved_by_name")


class DocumentDetailOut(DocumentOut):
    facts = serializers.JSONField(
        help_text="The snapshot from the records (counts and lists, no names of persons): "
        "report, actions, registry, shelters, housing, damage, signals."
    )


class DocumentPatch(serializers.Serializer):
    """Any of the draft's texts; those left out stay as they are."""

    summary = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    open_points = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    arrangements = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)
    risks = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)


def _document(user: AnyUser, pk: int, *, write: bool = False) -> TransitionDocument:
    incident_id = (
        TransitionDocument.objects.filter(pk=pk).values_list("incident_id", flat=True).first()
    )
    if incident_id is None:
        raise Http404
    incident = incident_for_user(user, incident_id)
    return document_for_user(user, incident, pk, write=write)


def _detail(doc: TransitionDocument, code: int = status.HTTP_200_OK) -> Response:
    doc = TransitionDocument.objects.select_related("incident").get(pk=doc.pk)
    return Response(DocumentDetailOut(doc).data, status=code)


@extend_schema(request=None, responses={200: DocumentOut(many=True), 201: DocumentDetailOut})
@api_view(["GET", "POST"])
def transition_documents(request: Request, pk: int) -> Response:
    """The versions, newest first; POST makes a new draft with the facts of now (refused
    while a draft exists)."""
    incident = aftercare_incident_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        doc = services.transition_create(
            actor=core_access.authenticated(request.user), incident=incident
        )
        return _detail(doc, status.HTTP_201_CREATED)
    paginator = Pagination()
    page = paginator.paginate_queryset(documents(incident).select_related("incident"), request)
    return paginator.get_paginated_response(DocumentOut(page, many=True).data)


@extend_schema(methods=["GET"], responses=DocumentDetailOut)
@extend_schema(methods=["PATCH"], request=DocumentPatch, responses=DocumentDetailOut)
@api_view(["GET", "PATCH"])
def transition_document(request: Request, pk: int) -> Response:
    """One version with its facts; PATCH changes a draft's texts."""
    doc = _document(request.user, pk, write=request.method == "PATCH")
    if request.method == "PATCH":
        s = DocumentPatch(data=request.data)
        s.is_valid(raise_exception=True)
        given: dict[str, Any] = dict(s.validated_data)
        doc = services.transition_update(
            actor=core_access.authenticated(request.user),
            doc=doc,
            **{name: given.get(name, getattr(doc, name)) for name in services.TEXTS},
        )
    return _detail(doc)


@extend_schema(request=None, responses=DocumentDetailOut)
@api_view(["POST"])
def transition_approve(request: Request, pk: int) -> Response:
    """Approve a draft (it needs a summary); the version no longer changes after."""
    doc = _document(request.user, pk)
    doc = services.transition_approve(actor=core_access.authenticated(request.user), doc=doc)
    return _detail(doc)


urls: list[URLPattern] = [
    path(
        "incidents/<id:pk>/aftercare/transition-documents/",
        transition_documents,
        name="api-aftercare-transition-documents",
    ),
    path(
        "aftercare/transition-documents/<id:pk>/",
        transition_document,
        name="api-aftercare-transition-document",
    ),
    path(
        "aftercare/transition-documents/<id:pk>/approve/",
        transition_approve,
        name="api-aftercare-transition-approve",
    ),
]
