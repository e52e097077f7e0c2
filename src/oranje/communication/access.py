"""The communication room's chokepoints.

- **Reading** an incident's messages (drafts included), signals, analyses and Q&A: everyone
  who may see the incident (`incidents.access.incident_for_user`); others get 404.
- **Writing** messages, analyses and Q&A (and approving and publishing them): the
  communication role of the incident's region (a membership for the region or one of its
  municipalities) and whoever commands the incident (`incidents.access.can_command`).
  A warning is approved by a second person: not one who wrote a version of it (four eyes).
- **Signals** (what the public asks and says): everyone who may work in the incident
  (`incidents.access.can_operate`) records them — the information line sits in the registry.
- **Agreements** (who communicates): the region's managers and its communication role change
  them; everyone in the region reads them.
- **The public page** needs no login and shows only published public messages of real
  incidents, approved public Q&A and open shelters' addresses — never a person.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from oranje.communication.constants import MessageKind, MessageStatus
from oranje.communication.models import Analysis, Message, QAItem, Signal
from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.incidents.access import can_command, can_operate, incident_for_user
from oranje.incidents.models import Incident

_CACHE_ATTR = "_oranje_communication_regions"


def communication_regions(user: AnyUser) -> frozenset[int]:
    """The regions where the user holds the communication role; once per user object."""
    cached: frozenset[int] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    regions: set[int] = set()
    if isinstance(user, User) and user.is_active:
        for region_id, municipality_region in Membership.objects.filter(
            user=user, role=Role.COMMUNICATION
        ).values_list("region_id", "municipality__region_id"):
            region = region_id or municipality_region
            if region is not None:
                regions.add(region)
    found = frozenset(regions)
    setattr(user, _CACHE_ATTR, found)
    return found


def can_communicate(user: AnyUser, incident: Incident) -> bool:
    """May draft, approve and publish the incident's messages, analyses and Q&A."""
    return incident.region_id in communication_regions(user) or can_command(user, incident)


def approver_role(user: AnyUser, incident: Incident) -> str:
    """In which capacity the user approves: recorded on the message ("which role")."""
    if incident.region_id in communication_regions(user):
        return "communicatieadviseur"
    return "leiding incident"


def four_eyes_ok(user: AnyUser, message: Message) -> bool:
    """A warning is approved by someone who wrote none of its versions."""
    if message.kind != MessageKind.WARNING:
        return True
    return not message.versions.filter(changed_by_id=user.pk).exists()


def can_write_signals(user: AnyUser, incident: Incident) -> bool:
    return can_operate(user, incident)


def can_manage_agreements(user: AnyUser, region_id: int) -> bool:
    return core_access.can_manage_region(user, region_id) or region_id in communication_regions(
        user
    )


def communication_incident_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Incident:
    """The incident if the user may see it (404); with `write`, only for those who may
    communicate in it (403)."""
    incident = incident_for_user(user, pk)
    if write and not can_communicate(user, incident):
        raise PermissionDenied
    return incident


def messages_for_user(user: AnyUser, incident: Incident) -> QuerySet[Message]:
    if not core_access.can_read_region(user, incident.region_id):
        return Message.objects.none()
    return Message.objects.filter(incident=incident)


def _one(queryset: QuerySet, user: AnyUser, incident: Incident, pk: int, write: bool):
    obj = queryset.filter(pk=pk, incident=incident).first()
    if obj is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if write and not can_communicate(user, incident):
        raise PermissionDenied
    return obj


def message_for_user(user: AnyUser, incident: Incident, pk: int, *, write: bool = False) -> Message:
    """One message of the incident (404 otherwise); `write`: may communicate (403)."""
    message: Message = _one(
        Message.objects.select_related("incident", "incident__region", "parent"),
        user,
        incident,
        pk,
        write,
    )
    return message


def message_by_id_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Message:
    """A message by its own id (the API's `communication/messages/<id>/`): 404 unless the
    user sees its incident; `write`: may communicate in it (403)."""
    incident_id = Message.objects.filter(pk=pk).values_list("incident_id", flat=True).first()
    if incident_id is None:
        raise Http404
    incident = communication_incident_for_user(user, incident_id)
    return message_for_user(user, incident, pk, write=write)


def analysis_for_user(
    user: AnyUser, incident: Incident, pk: int, *, write: bool = False
) -> Analysis:
    analysis: Analysis = _one(Analysis.objects.all(), user, incident, pk, write)
    return analysis


def qa_for_user(user: AnyUser, incident: Incident, pk: int, *, write: bool = False) -> QAItem:
    item: QAItem = _one(QAItem.objects.all(), user, incident, pk, write)
    return item


def signal_for_user(user: AnyUser, incident: Incident, pk: int, *, write: bool = False) -> Signal:
    """One signal (404 otherwise); `write` needs the right to work in the incident (403)."""
    signal = Signal.objects.filter(pk=pk, incident=incident).first()
    if signal is None or not core_access.can_read_region(user, incident.region_id):
        raise Http404
    if write and not can_write_signals(user, incident):
        raise PermissionDenied
    return signal


def public_region(code: str) -> Region:
    """The region of a public page, by its code (any case); 404 for an unknown one."""
    region = Region.objects.filter(code=code.upper()).first()
    if region is None:
        raise Http404
    return region


# ---------------------------------------------------------------- part: cap
# CAP for anyone: the Atom feed of a region's warnings and each warning's CAP file.


def public_warnings(region: Region) -> QuerySet[Message]:
    """The region's warnings anyone may read as CAP: published, of a real incident (never an
    exercise), meant for the public page; newest first."""
    return (
        Message.objects.filter(
            incident__region=region,
            incident__is_exercise=False,
            kind=MessageKind.WARNING,
            status=MessageStatus.PUBLISHED,
            on_public_page=True,
        )
        .select_related("incident", "incident__region", "incident__municipality", "parent")
        .order_by("-published_at", "-pk")
    )


def public_warning(region: Region, pk: int) -> Message:
    """One of `public_warnings` (404 for anything else)."""
    message = public_warnings(region).filter(pk=pk).first()
    if message is None:
        raise Http404
    return message
