"""The network's directory: every member reads it (grouped by role; filters role, region,
body, text, former members); a region's coordinators and administrators add and change their
own region's lines, the national monitors and administrators every line."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.models import Region
from oranje.core.views import apply_errors
from oranje.learning import access, nav
from oranje.learning import selectors_network as selectors
from oranje.learning.forms_network import DirectoryFilterForm, MemberForm
from oranje.learning.models import NetworkMember
from oranje.learning.services import network as services


def keepable_regions(user: Any) -> Any:
    """The regions whose directory lines the user keeps."""
    if access.is_national(user):
        return Region.objects.order_by("code")
    ids = [pk for pk in core_access.scopes_for(user).manage_regions]
    return Region.objects.filter(pk__in=ids).order_by("code")


def may_keep_any(user: Any) -> bool:
    return access.is_national(user) or keepable_regions(user).exists()


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    filters = DirectoryFilterForm(request.GET or None)
    f = selectors.DirectoryFilter()
    if filters.is_valid():
        v = filters.cleaned_data
        f = selectors.DirectoryFilter(
            role=v["rol"] or "",
            region_id=v["regio"].pk if v["regio"] else None,
            body=v["orgaan"] or "",
            text=(v["zoek"] or "").strip(),
            former=bool(v["vertrokken"]),
        )
    groups = selectors.directory(f)
    user = request.user
    for group in groups:
        for member in group.members:
            member.body_labels = selectors.body_labels(member)  # type: ignore[attr-defined]
            member.may_keep = access.can_keep_member(user, member.region_id)  # type: ignore[attr-defined]
            member.former = not services.is_current(member)  # type: ignore[attr-defined]
    return render(
        request,
        "learning/network.html",
        {
            "filters": filters,
            "groups": groups,
            "count": sum(len(g.members) for g in groups),
            "may_add": may_keep_any(user),
            **nav.context(request, "network"),
        },
    )


def _fields(form: MemberForm) -> dict[str, Any]:
    v = form.cleaned_data
    return {
        name: v[name]
        for name in (
            "name",
            "role",
            "region",
            "organisation",
            "portfolio",
            "bodies",
            "email",
            "phone",
            "since",
            "until",
        )
    }


def _page(request: HttpRequest, form: MemberForm, member: NetworkMember | None) -> HttpResponse:
    return render(
        request,
        "learning/network_member_edit.html",
        {"form": form, "member": member, **nav.context(request, "network")},
        status=400 if form.is_bound else 200,
    )


@login_required
def member_new(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    user = core_access.authenticated(request.user)
    core_access.require(may_keep_any(user))
    form = MemberForm(
        request.POST if request.method == "POST" else None,
        regions=keepable_regions(user),
        national=access.is_national(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_save(actor=user, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(name)s added to the directory.") % {"name": member.name})
            return redirect("learning:network")
    return _page(request, form, None)


@login_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = access.member_for_user(request.user, pk, write=True)
    user = core_access.authenticated(request.user)
    initial = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
    initial["region"] = member.region_id
    form = MemberForm(
        request.POST if request.method == "POST" else None,
        regions=keepable_regions(user),
        national=access.is_national(user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_save(actor=user, member=member, **_fields(form))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Directory line saved."))
            return redirect("learning:network")
    return _page(request, form, member)
