"""Objects the partner view's tests read: a partner login, incidents (real and an exercise)
with report versions, messages, shelters and scaling, written directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from oranje.care.models import Household, Location, Shelter
from oranje.communication.constants import MessageKind, MessageStatus
from oranje.communication.models import Message
from oranje.core.models import Municipality, Region, User
from oranje.incidents.constants import IncidentType, ReportStatus, ScalingMode
from oranje.incidents.models import Incident, ScalingStep, SituationReport
from oranje.partners.constants import PartnerKind
from oranje.partners.models import PartnerAccess


def make_partner(region: Region, username: str = "politie@example.nl") -> User:
    user = User.objects.create_user(username=username, email=username, password="test-pass-123")
    PartnerAccess.objects.create(
        user=user, region=region, kind=PartnerKind.POLICE, organisation="Politie Noord-Holland"
    )
    return user


def make_incident(
    region: Region, municipality: Municipality, title: str, *, exercise: bool = False
) -> Incident:
    incident = Incident.objects.create(
        region=region,
        title=title,
        kind=IncidentType.UTILITY_OUTAGE,
        is_exercise=exercise,
        started_at=timezone.now() - dt.timedelta(hours=3),
        municipality=municipality,
    )
    incident.municipalities.set([municipality])
    return incident


def report(incident: Incident, version: int, status: str, summary: str) -> SituationReport:
    published = timezone.now() if status == ReportStatus.PUBLISHED else None
    return SituationReport.objects.create(
        incident=incident,
        version=version,
        status=status,
        summary=summary,
        sections={"shelter": {"picture": f"Beeld {summary}", "judgement": "", "advice": ""}},
        figures={"Open acties": "3"},
        published_at=published,
    )


def message(incident: Incident, kind: str, status: str, title: str) -> Message:
    published = timezone.now() if status == MessageStatus.PUBLISHED else None
    return Message.objects.create(
        incident=incident,
        kind=kind,
        title=title,
        text=f"Tekst van {title}",
        status=status,
        approved_at=published,
        published_at=published,
    )


def shelter(incident: Incident, municipality: Municipality, name: str, **extra: object) -> Shelter:
    location = Location.objects.create(
        municipality=municipality, code=name, name=name, city="Velsen-Noord"
    )
    return Shelter.objects.create(
        incident=incident,
        location=location,
        decided_by="Burgemeester",
        decided_at=timezone.now(),
        capacity_day=120,
        capacity_night=80,
        present=14,
        **extra,
    )


def step(incident: Incident, level: int, reason: str, decided_by: str) -> ScalingStep:
    return ScalingStep.objects.create(
        incident=incident,
        mode=ScalingMode.GRIP,
        grip_level=level,
        teams=["copi"],
        reason=reason,
        decided_by=decided_by,
    )


@dataclass
class PartnerWorld:
    partner: User
    real: Incident
    exercise: Incident
    other_region: Incident


def build_partner_world(region: Region, other: Region, velsen: Municipality) -> PartnerWorld:
    """VR12 with a real incident (published v1 and v2, a draft v3), an exercise (published
    v1), drafts and published messages, two shelters (one with a guest household, one
    closed) and scaling; an incident of another region with a published report."""
    partner = make_partner(region)
    real = make_incident(region, velsen, "Gasstoring Velsen-Noord")
    report(real, 1, ReportStatus.PUBLISHED, "Eerste beeld")
    report(real, 2, ReportStatus.PUBLISHED, "Tweede beeld")
    report(real, 3, ReportStatus.DRAFT, "Concept derde beeld")
    exercise = make_incident(region, velsen, "Oefening dijkdoorbraak", exercise=True)
    report(exercise, 1, ReportStatus.PUBLISHED, "Oefenbeeld")
    message(real, MessageKind.PUBLIC, MessageStatus.PUBLISHED, "Geen gas in Velsen-Noord")
    message(real, MessageKind.STAFF, MessageStatus.PUBLISHED, "Voor partners: informatiepunt")
    message(real, MessageKind.PUBLIC, MessageStatus.DRAFT, "Concept bewonersbrief")
    message(real, MessageKind.AFFECTED, MessageStatus.PUBLISHED, "Aan getroffenen: vergoeding")
    hall = shelter(real, velsen, "Sporthal De Kooi")
    Household.objects.create(incident=real, code="ABCD-EFGH", name="Familie Jansen", shelter=hall)
    shelter(real, velsen, "Buurthuis De Stek", closed_at=timezone.now())
    step(real, 1, "Afstemming ter plaatse", "Piet Pietersen")
    step(real, 3, "Welzijn van 1.300 huishoudens", "Burgemeester van Velsen")
    step(exercise, 2, "Oefenstap", "Oefenleider")
    utrecht = Municipality.objects.current().filter(region=other).order_by("cbs_code").first()
    assert utrecht is not None
    elsewhere = make_incident(other, utrecht, "Brand Utrecht")
    report(elsewhere, 1, ReportStatus.PUBLISHED, "Utrechts beeld")
    return PartnerWorld(partner, real, exercise, elsewhere)
