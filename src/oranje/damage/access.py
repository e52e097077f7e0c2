"""The damage room's chokepoints.

- **Counts** (the overview by kind and area, by street and postcode, the number of unsafe
  homes, the map as cells of ~200 × 130 m with a count each): everyone who may see the
  incident (`incidents.access.incident_for_user`); others get 404. The unsafe homes *as
  addresses* (with house numbers) and the map's single points are for those who handle the
  reports: an address tied to "unsafe to stay" names a household (`selectors_overview`).
- **Reports** with the reporter's name and contact details, photos, intake by phone, triage,
  status, handler, the export for insurers: the registry roles and the aftercare role of the
  incident's region (`damage_regions`) — not the region's coordinators or administrators, as
  in the registry. Every read of a report or list with names is audited.
- **The public form** (switching it on or off, its introduction): those who command the
  incident, the managers of an involved municipality or the region, and the aftercare role.
- **The public form itself** needs no login and exists only for a real incident whose form
  is open; an exercise's form is a preview for those who see the incident, marked OEFENING.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.constants import AFTERCARE_ROLES, REGISTRY_ROLES
from oranje.damage.models import DamagePhoto, DamageReport, PublicForm
from oranje.incidents.access import can_command, incident_for_user
from oranje.incidents.models import Incident

#: The roles that handle damage reports (see the module docstring).
HANDLING_ROLES = REGISTRY_ROLES | AFTERCARE_ROLES


def damage_regions(user: AnyUser) -> frozenset[int]:
    """The regions where the user may see and handle damage reports."""
    return core_access.role_regions(user, HANDLING_ROLES)


def can_handle(user: AnyUser, incident: Incident) -> bool:
    """May see reporters' details, take reports by phone, triage and export."""
    return incident.region_id in damage_regions(user)


def can_manage_form(user: AnyUser, incident: Incident) -> bool:
    """May switch the public form on or off: who commands the incident, and the aftercare
    role of its region."""
    return can_command(user, incident) or incident.region_id in core_access.role_regions(
        user, AFTERCARE_ROLES
    )


def damage_incident_for_user(user: AnyUser, pk: int, *, handle: bool = False) -> Incident:
    """The incident if the user may see it (404); with `handle`, only for those who may
    handle its reports (403)."""
    incident = incident_for_user(user, pk)
    if handle and not can_handle(user, incident):
        raise PermissionDenied
    return incident


def reports_for_user(user: AnyUser, incident: Incident) -> QuerySet[DamageReport]:
    """The incident's reports with names, for those who handle them (none otherwise)."""
    if not can_handle(user, incident):
        return DamageReport.objects.none()
    return DamageReport.objects.filter(incident=incident)


def report_for_user(user: AnyUser, incident: Incident, pk: int) -> DamageReport:
    """One report of the incident: 404 unless the user sees the incident; 403 unless the user
    handles its reports."""
    report = DamageReport.objects.filter(pk=pk, incident=incident).first()
    if report is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if not can_handle(user, incident):
        raise PermissionDenied
    return report


def report_by_id_for_user(user: AnyUser, pk: int) -> DamageReport:
    """A report by its own id (the API's `damage/reports/<id>/`)."""
    incident_id = DamageReport.objects.filter(pk=pk).values_list("incident_id", flat=True).first()
    if incident_id is None:
        raise Http404
    incident = incident_for_user(user, incident_id)
    return report_for_user(user, incident, pk)


def photo_for_user(user: AnyUser, incident: Incident, pk: int) -> DamagePhoto:
    photo = DamagePhoto.objects.select_related("report").filter(pk=pk).first()
    if photo is None or photo.report.incident_id != incident.pk:
        raise Http404
    report_for_user(user, incident, photo.report_id)
    return photo


def public_form_incident(pk: int) -> tuple[Incident, PublicForm]:
    """For the public form without login: a real, open incident whose form is open (404
    otherwise — an exercise's or closed incident's form does not exist for the public)."""
    incident = Incident.objects.select_related("region", "municipality").filter(pk=pk).first()
    if incident is None or incident.is_exercise:
        raise Http404
    form = PublicForm.objects.filter(incident=incident, is_open=True).first()
    if form is None or incident.closed_at is not None:
        raise Http404
    return incident, form
