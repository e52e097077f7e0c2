"""The care benchmarks' world: an incident in Kennemerland (VR12) with shelters open, desk
officers (care role) with one password, and the check-in bodies the desks send. Needs Django
set up (bench.common.setup_django) for everything but `check_in_body`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

REGION = "VR12"
#: Names for the households the benchmarks check in (a surname per household).
SURNAMES = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]
GIVEN = ["Anna", "Bram", "Cor", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Ivo", "Joke"]


@dataclass
class CareBench:
    incident_id: int
    shelter_id: int
    other_id: int
    desks: list[str]


def care_incident(
    password: str, *, desks: int, capacity: int, present: int = 0, prefix: str = "balie"
) -> CareBench:
    """A new incident with a shelter of `capacity` places, `present` of them taken by
    households checked in through the service (10 people each and a rest), and a second,
    roomy shelter nearby (the alternative a full shelter names); `desks` care officers."""
    from django.utils import timezone

    from bench.server import bench_users
    from oranje.care.models import Location, Shelter
    from oranje.care.services.checkin import GuestData, HouseholdData, household_check_in
    from oranje.core.constants import Role
    from oranje.core.models import Municipality, Region, User
    from oranje.incidents import services

    region = Region.objects.get(code=REGION)
    names = bench_users(REGION, prefix, Role.CARE_OFFICER, desks, password)
    lead = bench_users(REGION, f"{prefix}lead", Role.COORDINATOR, 1, password)[0]
    municipality = Municipality.objects.current().filter(region=region).first()
    assert municipality is not None
    now = timezone.now()
    incident = services.incident_start(
        actor=User.objects.get(username=lead),
        region=region,
        title=f"Opvang {now:%H:%M:%S}",
        kind="other",
        started_at=now,
        municipality=municipality,
        is_exercise=True,
    )
    shelters = []
    for n, (name, places, lat) in enumerate(
        (("Sporthal Bench", capacity, 52.37), ("Buurthuis Bench", 500, 52.38))
    ):
        place = Location.objects.create(
            municipality=municipality,
            code=f"B{incident.pk}-{n}",
            name=name,
            capacity_day=places,
            capacity_night=places,
            latitude=lat,
            longitude=4.64,
        )
        shelters.append(
            Shelter.objects.create(
                incident=incident,
                location=place,
                decided_by="Burgemeester",
                decided_at=now,
                capacity_day=places,
                capacity_night=places,
                ready_at=now,
            )
        )
    desk = User.objects.get(username=names[0])
    left = present
    while left > 0:
        size = min(10, left)
        household_check_in(
            shelter=shelters[0],
            actor=desk,
            household=HouseholdData(city="Haarlem"),
            guests=[GuestData(given_names=GIVEN[i], surname="Voorbezet") for i in range(size)],
            client_key=str(uuid.uuid4()),
        )
        left -= size
    return CareBench(incident.pk, shelters[0].pk, shelters[1].pk, names)


def check_in_body(n: int, *, people: int = 1, key: str | None = None) -> dict[str, object]:
    """The API body of household `n` (`people` persons), with a fresh client key."""
    surname = SURNAMES[n % len(SURNAMES)]
    return {
        "client_key": key or str(uuid.uuid4()),
        "household": {"postcode": "2011AB", "house": str(1 + n % 300), "city": "Haarlem"},
        "persons": [
            {
                "given_names": GIVEN[(n + i) % len(GIVEN)],
                "surname": surname,
                "birth": str(1940 + (n * 7 + i) % 80),
            }
            for i in range(people)
        ],
    }
