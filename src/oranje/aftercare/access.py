"""The aftercare room's chokepoints.

- **Reading** the nafase, the transition document, the aftercare tasks and the IAC's figures
  (counts only): everyone who may see the incident (`incidents.access.incident_for_user`);
  others get 404.
- **Starting the nafase** (ending the acute phase, naming the head of the aftercare),
  **approving** the transition document, the **deployments** and the **thank-you** to the
  people who came: those who command the incident (`incidents.access.can_command`).
- **Writing** the transition document and the aftercare tasks: those who command the
  incident, the aftercare role of the incident's region and the head of the aftercare.
- **The IAC's cases** (households, their questions, contacts, follow-ups, referrals) and the
  **newsletters**: the aftercare role of the region and the head of the aftercare — not the
  region's coordinators or administrators, as in the registry. Every read of a case or a
  list with names is audited.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from oranje.aftercare.models import AftercareTask, IacCase, Newsletter, TransitionDocument
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.constants import AFTERCARE_ROLES
from oranje.incidents.access import can_command, incident_for_user
from oranje.incidents.models import Incident


def aftercare_regions(user: AnyUser) -> frozenset[int]:
    return core_access.role_regions(user, AFTERCARE_ROLES)


def is_head(user: AnyUser, incident: Incident) -> bool:
    if not user.is_authenticated:
        return False
    from oranje.aftercare.models import Aftercare

    return Aftercare.objects.filter(incident=incident, head_id=user.pk).exists()


def can_iac(user: AnyUser, incident: Incident) -> bool:
    """May see and work the IAC's cases and send newsletters."""
    return core_access.can_read_region(user, incident.region_id) and (
        incident.region_id in aftercare_regions(user) or is_head(user, incident)
    )


def can_write(user: AnyUser, incident: Incident) -> bool:
    """May write the transition document and the aftercare tasks."""
    return can_iac(user, incident) or can_command(user, incident)


def aftercare_incident_for_user(
    user: AnyUser,
    pk: int,
    *,
    write: bool = False,
    iac: bool = False,
    command: bool = False,
) -> Incident:
    """The incident if the user may see it (404); 403 when the asked right is missing."""
    incident = incident_for_user(user, pk)
    if write and not can_write(user, incident):
        raise PermissionDenied
    if iac and not can_iac(user, incident):
        raise PermissionDenied
    if command and not can_command(user, incident):
        raise PermissionDenied
    return incident


def document_for_user(
    user: AnyUser, incident: Incident, pk: int, *, write: bool = False
) -> TransitionDocument:
    doc = TransitionDocument.objects.filter(pk=pk, incident=incident).first()
    if doc is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if write and not can_write(user, incident):
        raise PermissionDenied
    return doc


def task_for_user(
    user: AnyUser, incident: Incident, pk: int, *, write: bool = False
) -> AftercareTask:
    task = AftercareTask.objects.filter(pk=pk, incident=incident).first()
    if task is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if write and not can_write(user, incident):
        raise PermissionDenied
    return task


def cases_for_user(user: AnyUser, incident: Incident) -> QuerySet[IacCase]:
    if not can_iac(user, incident):
        return IacCase.objects.none()
    return IacCase.objects.filter(incident=incident)


def case_for_user(user: AnyUser, incident: Incident, pk: int) -> IacCase:
    """One IAC case: 404 unless the user sees the incident, 403 unless the user works the
    IAC."""
    case = IacCase.objects.filter(pk=pk, incident=incident).first()
    if case is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if not can_iac(user, incident):
        raise PermissionDenied
    return case


def case_by_id_for_user(user: AnyUser, pk: int) -> IacCase:
    incident_id = IacCase.objects.filter(pk=pk).values_list("incident_id", flat=True).first()
    if incident_id is None:
        raise Http404
    return case_for_user(user, incident_for_user(user, incident_id), pk)


def newsletter_for_user(user: AnyUser, incident: Incident, pk: int) -> Newsletter:
    letter = Newsletter.objects.filter(pk=pk, incident=incident).first()
    if letter is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if not can_iac(user, incident):
        raise PermissionDenied
    return letter


def newsletter_by_id_for_user(user: AnyUser, pk: int) -> Newsletter:
    """A newsletter by its own id (the API): 404 unless the user sees its incident, 403
    unless the user works the IAC."""
    incident_id = Newsletter.objects.filter(pk=pk).values_list("incident_id", flat=True).first()
    if incident_id is None:
        raise Http404
    return newsletter_for_user(user, incident_for_user(user, incident_id), pk)
