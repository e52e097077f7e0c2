"""What the nafase tests share: an aftercare officer of the region, a started nafase."""

from __future__ import annotations

from oranje.aftercare.models import Aftercare
from oranje.aftercare.services.phase import aftercare_start
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.incidents.models import Incident
from oranje.organisation.tests.factories import World


def officer(region: Region, username: str = "nazorg") -> User:
    """An aftercare and IAC officer of the region (password test-pass-123)."""
    user = User.objects.create_user(
        username=username, password="test-pass-123", first_name="Nadia", last_name="Nazorg"
    )
    Membership.objects.create(user=user, role=Role.AFTERCARE, region=region)
    return user


def start_nafase(world: World, incident: Incident, head: User | None = None) -> Aftercare:
    return aftercare_start(
        actor=world.coordinator,
        incident=incident,
        head=head or officer(world.region),
        note="Brand meester.",
    )


def facts_world(world: World, incident: Incident) -> dict[str, object]:
    """What the transition document's facts come from, written directly: a published
    situation report, an open action, a registry person, an open shelter with people in and
    a household waiting for housing (for 3 days), a damage report and two signals."""
    import datetime as dt

    from django.utils import timezone

    from oranje.care import models as care
    from oranje.communication.models import Signal
    from oranje.damage.models import DamageReport
    from oranje.incidents.models import Action, SituationReport
    from oranje.registry.models import Person

    now = timezone.now()
    SituationReport.objects.create(
        incident=incident,
        version=1,
        status="published",
        published_at=now,
        summary="Brand in zorgcentrum geblust.",
        sections={"shelter": {"picture": "40 bewoners in sporthal", "judgement": "", "advice": ""}},
    )
    SituationReport.objects.create(
        incident=incident, version=2, summary="Concept, niet gepubliceerd"
    )
    action = Action.objects.create(
        incident=incident,
        text="Tijdelijke huisvesting regelen",
        owner_function=world.ovd,
        deadline=now - dt.timedelta(hours=1),
    )
    Person.objects.create(incident=incident, given_names="Johanna", surname="Feitsma")
    location = care.Location.objects.create(
        municipality=world.velsen,
        code=f"F{incident.pk}",
        name="Sporthal De Feiten",
        capacity_day=100,
        capacity_night=60,
        latitude=52.46,
        longitude=4.63,
    )
    shelter = care.Shelter.objects.create(
        incident=incident,
        location=location,
        decided_by="Burgemeester",
        decided_at=now,
        capacity_day=100,
        capacity_night=60,
        present=7,
        ready_at=now,
    )
    household = care.Household.objects.create(
        incident=incident, code=f"HF{incident.pk}", name="Fam. Feitsma", shelter=shelter
    )
    care.Housing.objects.create(household=household, needed_since=now - dt.timedelta(days=3))
    DamageReport.objects.create(
        incident=incident,
        reference=f"S-FACT-{incident.pk:04d}",
        channel="phone",
        reporter_name="J. Feitsma",
        postcode="1951AB",
        house_number=3,
        kind="home",
        description="Dak lek.",
        unsafe=True,
        triage="urgent",
    )
    Signal.objects.create(
        incident=incident,
        source="phone",
        text="Is de rook giftig?",
        at=now,
        topic="rook",
        goal="limit_harm",
        count=12,
    )
    Signal.objects.create(
        incident=incident,
        source="social",
        text="Er zijn doden",
        at=now,
        topic="slachtoffers",
        rumour=True,
    )
    return {"action": action, "shelter": shelter}
