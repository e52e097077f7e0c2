"""Pages of the description of population care, the regional point of contact, and the
partner's EDXL-SitRep download.

The description page serves staff and partners alike: every member of the region and every
partner with access to it reads it (`access.partner_region_for_user`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region
from oranje.core.views import apply_errors
from oranje.incidents.constants import ReportStatus
from oranje.incidents.edxl import edxl_response
from oranje.incidents.models import SituationReport
from oranje.partners import access
from oranje.partners import services_description as svc
from oranje.partners.forms_description import ContactPointForm, DescriptionForm
from oranje.partners.models import ContactPoint, Description


def _is_partner_reader(request: HttpRequest, region: Region) -> bool:
    """Reading as a partner (no membership that lets the login see the region)."""
    return not core_access.can_read_region(request.user, region.pk)


@login_required
def description(request: HttpRequest, code: str) -> HttpResponse:
    """The region's description of population care: the national text with the region's
    additions, and its point of contact."""
    region = access.partner_region_for_user(request.user, code)
    partner = _is_partner_reader(request, region)
    if partner:
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=AuditAction.DESCRIPTION_PARTNER_READ,
                obj=region,
                region=region,
            )
    return render(
        request,
        "partners/description.html",
        {
            "region": region,
            "parts": svc.composed(region),
            "national": svc.national_current(),
            "regional": svc.regional_current(region),
            "can_write_regional": svc.can_write_regional(request.user, region),
            "can_write_national": svc.can_write_national(request.user),
            "nav": "partners" if partner else "description",
        },
    )


@login_required
def description_history(request: HttpRequest, code: str) -> HttpResponse:
    """Every version of the national text and of the region's additions, newest first. Who
    published a version is shown to the region's staff only: a partner sees "the region" or
    "national", never a person; a partner's read is audited, as the description page's is."""
    region = access.partner_region_for_user(request.user, code)
    partner = _is_partner_reader(request, region)
    if partner:
        with transaction.atomic():
            audit_record(
                actor=core_access.authenticated(request.user),
                action=AuditAction.DESCRIPTION_PARTNER_READ,
                obj=region,
                region=region,
                changes={"page": "versions"},
            )
    national = Description.objects.filter(region__isnull=True).select_related("published_by")
    regional = Description.objects.filter(region=region).select_related("published_by")
    return render(
        request,
        "partners/description_history.html",
        {
            "region": region,
            "national": national.order_by("-version"),
            "regional": regional.order_by("-version"),
            "part_fields": svc.PARTS,
            "show_publisher": not partner,
            "nav": "partners" if partner else "description",
        },
    )


def _description_form(request: HttpRequest, region: Region | None, back: Region) -> HttpResponse:
    current = svc.regional_current(region) if region else svc.national_current()
    initial = {code: getattr(current, code, "") for code in svc.PARTS} if current else {}
    form = DescriptionForm(
        request.POST if request.method == "POST" else None, initial=initial, national=region is None
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = svc.description_publish(
                actor=core_access.authenticated(request.user),
                region=region,
                texts=form.texts(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Version %(version)s published.") % {"version": row.version}
            )
            return redirect("partners:description", code=back.code)
    return render(
        request,
        "partners/description_form.html",
        {
            "form": form,
            "region": back,
            "national_form": region is None,
            "current": current,
            "national": svc.national_current(),
            "nav": "description",
        },
        status=400 if form.errors else 200,
    )


@login_required
def description_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The region's managers write a new version of the region's additions."""
    region = core_access.region_for_user(request.user, code[:20], manage=True)
    return _description_form(request, region, region)


@login_required
def description_national_edit(request: HttpRequest, code: str) -> HttpResponse:
    """National administrators write a new version of the national text (reached from a
    region's page, and back to it)."""
    region = core_access.region_for_user(request.user, code[:20])
    core_access.require(svc.can_write_national(request.user))
    return _description_form(request, None, region)


@login_required
def contact_point_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The region's managers name its point of contact for population care."""
    region = core_access.region_for_user(request.user, code[:20], manage=True)
    current = ContactPoint.objects.filter(region=region).first()
    initial = (
        {k: getattr(current, k) for k in ("name", "role", "phone", "email", "note")}
        if current
        else {}
    )
    form = ContactPointForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.contact_point_save(
                actor=core_access.authenticated(request.user),
                region=region,
                **{k: form.cleaned_data[k] for k in ("name", "role", "phone", "email", "note")},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Point of contact saved."))
            return redirect("partners:description", code=region.code)
    return render(
        request,
        "partners/contact_point_form.html",
        {"form": form, "region": region, "current": current, "nav": "description"},
        status=400 if form.errors else 200,
    )


@login_required
def partner_report_edxl(request: HttpRequest, code: str, pk: int, version: int) -> HttpResponse:
    """A partner's EDXL-SitRep of a published report of one of the region's real incidents
    (never a draft, never an exercise)."""
    region = access.partner_region_for_user(request.user, code)
    report = (
        SituationReport.objects.select_related("incident__region", "incident__municipality")
        .filter(
            incident__pk=pk,
            incident__region=region,
            incident__is_exercise=False,
            version=version,
            status=ReportStatus.PUBLISHED,
        )
        .first()
    )
    if report is None:
        raise Http404
    return edxl_response(report, actor=core_access.authenticated(request.user), channel="partner")
