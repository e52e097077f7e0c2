"""The public page of a region (`/publiek/<region>/`): what it shows, and its cache.

It shows the region's real incidents that have a published public message (public
information or a warning meant for the public page) — the open ones first, then those closed
in the last `PUBLIC_CLOSED_DAYS` days — each with its messages newest first, the open
shelters' addresses and the approved public questions and answers. Never an exercise, never a
draft, never a person: a shelter is its location's name and address and whether it is ready.

The whole town may look at once, so the answer is kept in Django's cache per region and
language for `PUBLIC_PAGE_SECONDS` and served again before the rest of the middleware
(`communication.middleware`): a change shows within that time in every server process, and at
once in the process that made it (`public_page_forget`, called when a message is published).
With a shared cache (Memcached, Redis) the forgetting reaches every process; the default cache
is each process's own memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from oranje.care.models import Shelter
from oranje.communication.constants import (
    PUBLIC_CLOSED_DAYS,
    PUBLIC_KINDS,
    MessageStatus,
    ReviewStatus,
)
from oranje.communication.models import Message, QAItem
from oranje.core.models import Region
from oranje.incidents.models import Incident


@dataclass(frozen=True)
class PublicShelter:
    """An open shelter as the public sees it: where, and whether it receives people yet."""

    name: str
    address: str
    ready: bool
    latitude: float | None
    longitude: float | None


@dataclass
class PublicIncident:
    incident: Incident
    #: Published public messages, newest first; the first is the current one.
    messages: list[Message] = field(default_factory=list)
    shelters: list[PublicShelter] = field(default_factory=list)
    questions: list[QAItem] = field(default_factory=list)

    @property
    def current(self) -> Message | None:
        return self.messages[0] if self.messages else None

    @property
    def earlier(self) -> list[Message]:
        return self.messages[1:]

    @property
    def closed(self) -> bool:
        return self.incident.closed_at is not None

    @property
    def last_update(self) -> dt.datetime | None:
        moments = [m.published_at for m in self.messages if m.published_at is not None]
        moments += [q.approved_at for q in self.questions if q.approved_at is not None]
        moments += [q.updated_at for q in self.questions]
        if self.incident.closed_at is not None:
            moments.append(self.incident.closed_at)
        return max(moments, default=None)


def _public_messages() -> QuerySet[Message]:
    return (
        Message.objects.filter(
            status=MessageStatus.PUBLISHED, kind__in=PUBLIC_KINDS, on_public_page=True
        )
        .select_related("incident", "incident__municipality", "parent")
        .order_by("-published_at", "-pk")
    )


def _fill(found: dict[int, PublicIncident]) -> list[PublicIncident]:
    """Add the shelters and Q&A of the incidents (two queries), open incidents first, each
    group by its newest message."""
    if found:
        shelters = (
            Shelter.objects.filter(incident_id__in=found, closed_at__isnull=True)
            .select_related("location")
            .only(
                "incident_id",
                "ready_at",
                "closed_at",
                "opened_at",
                "location__name",
                "location__street",
                "location__house_number",
                "location__house_addition",
                "location__postcode",
                "location__city",
                "location__latitude",
                "location__longitude",
            )
            .order_by("location__name", "pk")
        )
        for s in shelters:
            place = s.location
            found[s.incident_id].shelters.append(
                PublicShelter(
                    name=place.name,
                    address=place.address_text,
                    ready=s.ready_at is not None,
                    latitude=float(place.latitude) if place.latitude is not None else None,
                    longitude=float(place.longitude) if place.longitude is not None else None,
                )
            )
        questions = QAItem.objects.filter(
            incident_id__in=found, status=ReviewStatus.APPROVED, public=True, retired=False
        ).order_by("position", "pk")
        for q in questions:
            found[q.incident_id].questions.append(q)
    newest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(
        found.values(),
        key=lambda p: (
            p.closed,
            -(p.messages[0].published_at or newest).timestamp() if p.messages else 0,
        ),
    )


def public_incidents(region: Region, *, now: dt.datetime | None = None) -> list[PublicIncident]:
    """What the region's public page shows: real incidents with a published public message,
    open or closed within the last days. Three queries."""
    since = (now or timezone.now()) - dt.timedelta(days=PUBLIC_CLOSED_DAYS)
    found: dict[int, PublicIncident] = {}
    messages = _public_messages().filter(
        Q(incident__closed_at__isnull=True) | Q(incident__closed_at__gte=since),
        incident__region=region,
        incident__is_exercise=False,
    )
    for m in messages:
        found.setdefault(m.incident_id, PublicIncident(m.incident)).messages.append(m)
    return _fill(found)


def incident_public(incident: Incident) -> PublicIncident:
    """What the public page shows (or, for an exercise, would show) of one incident: the
    preview for staff."""
    found = {incident.pk: PublicIncident(incident)}
    for m in _public_messages().filter(incident=incident):
        found[incident.pk].messages.append(m)
    return _fill(found)[0]


def on_public_page(incident: Incident, *, now: dt.datetime | None = None) -> bool:
    """Whether the incident appears on its region's public page now (an exercise never)."""
    if incident.is_exercise:
        return False
    since = (now or timezone.now()) - dt.timedelta(days=PUBLIC_CLOSED_DAYS)
    if incident.closed_at is not None and incident.closed_at < since:
        return False
    return _public_messages().filter(incident=incident).exists()


def map_points(incidents: list[PublicIncident]) -> list[dict[str, object]]:
    """The shelters with coordinates, for the map (only drawn with a tile server)."""
    return [
        {"lat": s.latitude, "lon": s.longitude, "name": s.name, "address": s.address}
        for p in incidents
        for s in p.shelters
        if s.latitude is not None and s.longitude is not None
    ]


#: Region codes are VR01–VR25; a longer one is no region (and no cache key).
REGION_CODE_MAX = 8


def page_cache_key(region_code: str, language: str) -> str:
    return f"communication:public:{region_code.upper()}:{language}"


def public_page_forget(region_code: str) -> None:
    """Drop the cached public page of the region (every language): the next visitor sees
    the change at once (in this process; in every process with a shared cache)."""
    cache.delete_many([page_cache_key(region_code, code) for code, _name in settings.LANGUAGES])


def public_page_forget_for(incident: Incident) -> None:
    """`public_page_forget` for the incident's region, unless it is an exercise (which is
    never on the page)."""
    if not incident.is_exercise:
        public_page_forget(incident.region.code)


def _published(message: Message) -> None:
    public_page_forget_for(message.incident)


def _shelter_changed(shelter: Shelter) -> None:
    public_page_forget_for(shelter.incident)


def register() -> None:
    """A published message, and a shelter opening, ready or closing, clear the region's kept
    page at once (after the commit)."""
    from oranje.care.services import shelters
    from oranje.communication.services import messages

    if _published not in messages.published_listeners:
        messages.published_listeners.append(_published)
    if _shelter_changed not in shelters.shelter_listeners:
        shelters.shelter_listeners.append(_shelter_changed)
