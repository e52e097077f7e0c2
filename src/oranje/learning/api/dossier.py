"""The learning room's API, part "dossier": the living dossier: entries (search with the
page's filters, create), one entry with its versions and comments, a new version, a comment.
The same doors as the pages: every member reads; those who evaluate write, for their own
regions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.core import access as core_access
from oranje.core.fields import FreeTextField, IdField
from oranje.core.models import Region
from oranje.core.rest import Pagination
from oranje.incidents.models import Incident
from oranje.learning import access, search
from oranje.learning import selectors_dossier as selectors
from oranje.learning.constants import (
    NATIONAL,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    EntryKind,
    EntryStatus,
    Theme,
)
from oranje.learning.models import Entry, Finding, WorkSession
from oranje.learning.services import dossier as services


class EntryOut(serializers.Serializer):
    id = serializers.IntegerField()
    theme = serializers.ChoiceField(choices=Theme.choices)
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    status = serializers.ChoiceField(choices=EntryStatus.choices)
    title = serializers.CharField()
    text = serializers.CharField()
    region = serializers.CharField(source="region.code", allow_null=True)
    incident = serializers.IntegerField(source="incident_id", allow_null=True)
    work_session = serializers.IntegerField(source="work_session_id", allow_null=True)
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    rank = serializers.FloatField(required=False, allow_null=True, default=None)


class VersionOut(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=EntryStatus.choices)
    region = serializers.CharField(source="region.code", allow_null=True)
    note = serializers.CharField()
    work_session = serializers.IntegerField(source="work_session_id", allow_null=True)
    work_session_title = serializers.CharField(source="work_session.title", allow_null=True)
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(source="changed_by_name")


class CommentOut(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    region = serializers.CharField(source="region.code", allow_null=True)
    author = serializers.CharField(source="author_name")
    created_at = serializers.DateTimeField()


class EntryDetailOut(EntryOut):
    versions = VersionOut(many=True)
    comments = CommentOut(many=True)
    evaluations = serializers.ListField(child=serializers.IntegerField())
    findings = serializers.ListField(child=serializers.IntegerField())


_REGION_HELP = "The code of a region you write for (VR12)."


class EntryIn(serializers.Serializer):
    """A new entry (version 1)."""

    region = serializers.CharField(max_length=4, help_text=_REGION_HELP)
    theme = serializers.ChoiceField(choices=Theme.choices)
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    status = serializers.ChoiceField(choices=EntryStatus.choices, required=False)
    title = FreeTextField(max_length=TITLE_MAX, required=False, allow_blank=True)
    text = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    incident = IdField(required=False, allow_null=True, help_text="An incident of the region.")
    work_session = IdField(required=False, allow_null=True)
    finding = IdField(required=False, allow_null=True, help_text="A finding you may read.")


class VersionIn(serializers.Serializer):
    """A new version: the title, text and status as they now stand, and what changed."""

    region = serializers.CharField(max_length=4, help_text=_REGION_HELP)
    title = FreeTextField(max_length=TITLE_MAX, required=False, allow_blank=True)
    text = FreeTextField(max_length=TEXT_MAX, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=EntryStatus.choices, required=False)
    note = FreeTextField(
        max_length=NOTE_MAX, required=False, allow_blank=True, help_text="What changed (required)."
    )
    work_session = IdField(
        required=False,
        allow_null=True,
        help_text="The work session it was refined at: one your region hosts or takes part in.",
    )


class CommentIn(serializers.Serializer):
    region = serializers.CharField(
        max_length=9,
        required=False,
        allow_blank=True,
        help_text="The code of a region you are a member of (VR12), or `landelijk` with a "
        "national membership; may be left out when you have only one.",
    )
    text = FreeTextField(max_length=NOTE_MAX, required=False, allow_blank=True)


def _region(code: str) -> Region | None:
    """The region by code; the service says when it is not one the actor writes for."""
    if not (code.isascii() and code.isalnum()):
        return None
    return Region.objects.filter(code=code.upper()).first()


def _comment_region(user: Any, code: str) -> Region | None:
    """The region a comment is written under: the code given, None for `landelijk`, or the
    member's only choice when left out."""
    code = code.strip()
    if code.lower() == NATIONAL:
        return None
    if code:
        region = _region(code)
        if region is None:
            raise ValidationError({"region": [_("region: no region with this code.")]})
        return region
    choices = access.comment_as(user)
    if len(choices) != 1:
        raise ValidationError({"region": [_("Region: choose a region you are a member of.")]})
    return choices[0]


def _get(model: Any, pk: int | None, name: str) -> Any:
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({name: [_("%(field)s: no such id.") % {"field": name}]})
    return obj


def _detail(user: Any, entry: Entry, code: int = status.HTTP_200_OK) -> Response:
    entry = Entry.objects.select_related("region").get(pk=entry.pk)
    data = selectors.entry_page(user, entry)
    out = dict(EntryOut(entry).data)
    out["versions"] = VersionOut(data.versions, many=True).data
    out["comments"] = CommentOut(data.comments, many=True).data
    out["evaluations"] = [e.pk for e in data.evaluations]
    out["findings"] = [f.pk for f in data.findings]
    return Response(out, status=code)


def _choice(value: str, choices: Any, name: str) -> str:
    if value and value not in choices.values:
        raise ValidationError(
            {
                name: [
                    _("%(field)s: choose one of %(allowed)s.")
                    % {"field": name, "allowed": ", ".join(choices.values)}
                ]
            }
        )
    return value


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description='Words in Dutch; "phrase", or, -word.'),
        OpenApiParameter("theme", str, enum=Theme.values),
        OpenApiParameter("kind", str, enum=EntryKind.values),
        OpenApiParameter("status", str, enum=EntryStatus.values),
        OpenApiParameter("region", str, description="A region's code (VR12)."),
    ],
    request=EntryIn,
    responses={200: EntryOut(many=True), 201: EntryDetailOut},
)
@api_view(["GET", "POST"])
def entries(request: Request) -> Response:
    """The dossier's entries: with `q` best match first, else last changed first; POST adds
    one."""
    access.require_member(request.user)
    if request.method == "POST":
        s = EntryIn(data=request.data)
        s.is_valid(raise_exception=True)
        v = s.validated_data
        entry = services.entry_create(
            actor=core_access.authenticated(request.user),
            region=_region(v["region"]),
            theme=v["theme"],
            kind=v["kind"],
            status=v.get("status") or EntryStatus.PROPOSAL,
            title=v.get("title", ""),
            text=v.get("text", ""),
            incident=_get(Incident, v.get("incident"), "incident"),
            work_session=_get(WorkSession, v.get("work_session"), "work_session"),
            finding=_get(Finding, v.get("finding"), "finding"),
        )
        return _detail(request.user, entry, status.HTTP_201_CREATED)
    q = request.query_params
    region_id = None
    code = q.get("region", "")
    if code:
        region = _region(code[:10])
        if region is None:
            raise ValidationError({"region": [_("region: no region with this code.")]})
        region_id = region.pk
    f = search.EntryFilter(
        q=q.get("q", "")[: search.QUERY_MAX],
        theme=_choice(q.get("theme", ""), Theme, "theme"),
        kind=_choice(q.get("kind", ""), EntryKind, "kind"),
        status=_choice(q.get("status", ""), EntryStatus, "status"),
        region_id=region_id,
    )
    rows = search.search(f)
    paginator = Pagination()
    page: Any = paginator.paginate_queryset(rows, request)  # type: ignore[arg-type]
    return paginator.get_paginated_response(EntryOut(page, many=True).data)


@extend_schema(responses=EntryDetailOut)
@api_view(["GET"])
def entry(request: Request, pk: int) -> Response:
    """One entry with its versions (newest first), comments, and the evaluations and findings
    it came from that the reader may open."""
    return _detail(request.user, access.entry_for_user(request.user, pk))


@extend_schema(request=VersionIn, responses={201: EntryDetailOut})
@api_view(["POST"])
def entry_versions(request: Request, pk: int) -> Response:
    """A new version of the entry, written for one of the actor's regions."""
    found = access.entry_for_user(request.user, pk, write=True)
    s = VersionIn(data=request.data)
    s.is_valid(raise_exception=True)
    v = s.validated_data
    found = services.entry_revise(
        actor=core_access.authenticated(request.user),
        entry=found,
        region=_region(v["region"]),
        title=v.get("title", found.title),
        text=v.get("text", found.text),
        status=v.get("status") or found.status,
        note=v.get("note", ""),
        work_session=_get(WorkSession, v.get("work_session"), "work_session"),
    )
    return _detail(request.user, found, status.HTTP_201_CREATED)


@extend_schema(request=CommentIn, responses={201: CommentOut})
@api_view(["POST"])
def entry_comments(request: Request, pk: int) -> Response:
    """A comment on the entry from any member, under one of their regions or `landelijk`."""
    found = access.entry_for_user(request.user, pk)
    s = CommentIn(data=request.data)
    s.is_valid(raise_exception=True)
    v = s.validated_data
    comment = services.entry_comment(
        actor=core_access.authenticated(request.user),
        entry=found,
        region=_comment_region(request.user, v.get("region", "")),
        text=v.get("text", ""),
    )
    return Response(CommentOut(comment).data, status=status.HTTP_201_CREATED)


urls: list[URLPattern] = [
    path("learning/entries/", entries, name="api-learning-entries"),
    path("learning/entries/<id:pk>/", entry, name="api-learning-entry"),
    path("learning/entries/<id:pk>/versions/", entry_versions, name="api-learning-entry-versions"),
    path("learning/entries/<id:pk>/comments/", entry_comments, name="api-learning-entry-comments"),
]
