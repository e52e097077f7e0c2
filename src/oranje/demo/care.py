"""The care room in the demo (issue 12): Kennemerland's shelter locations, two personas, the
shelters of the care-home fire in Haarlem; the vulnerable residents, gas outage and road
works of the Velsen-Noord exercise.

The fire's shelter desks check households in through the care room's check-in, which writes
the registry: the registry exercise's desk registrations *are* these check-ins (called from
`registry.build` in the order things happened). The sports hall takes whom the full
community centre sends on; two households move there later, six people are picked up by
family, one family leaves for temporary housing, and the houses across the street come in
last (smoke), which fills the community centre again. The services do the work; only the
clock is set back after. Both exercises stay exercises (OEFENING).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from oranje.care.constants import CheckOutReason, MealMoment, NeedKind
from oranje.care.models import (
    Case,
    CaseEntry,
    CleanupTask,
    Guest,
    Household,
    Housing,
    IncidentCare,
    Location,
    LocationContact,
    MealCount,
    Need,
    Outage,
    RoadClosure,
    Shelter,
    Stay,
    Supplier,
)
from oranje.care.services import shelters as shelter_services
from oranje.care.services import vulnerable
from oranje.care.services.checkin import (
    GuestData,
    HouseholdData,
    ShelterFull,
    household_check_in,
    household_check_out,
    household_transfer,
)
from oranje.care.vulnerable_rows import guess_mapping
from oranje.core import tabular
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.demo import care_data as data
from oranje.demo.care_data import HAARLEM_SHELTERS, NEIGHBOURS, NEIGHBOURS_AT, POSTCODE, STREET
from oranje.demo.registry_data import Resident as Affected
from oranje.incidents import services as incidents
from oranje.incidents.constants import Process
from oranje.incidents.models import Incident
from oranje.registry.models import Person, StatusEntry

DESK = "opvang.kennemerland"
COORDINATOR = "opvangcoordinator.kennemerland"


def personas(region: Region, make_user: Callable[[str, str, str], User]) -> None:
    """The shelter desk officer and the care coordinator of Kennemerland (world.PERSONAS)."""
    desk = make_user(DESK, "Ilona", "Verbeek")
    Membership.objects.get_or_create(user=desk, role=Role.CARE_OFFICER, region=region)
    coordinator = make_user(COORDINATOR, "Hasan", "Demir")
    Membership.objects.get_or_create(user=coordinator, role=Role.CARE_COORDINATOR, region=region)


def locations(region: Region, today: dt.date) -> dict[str, Location]:
    """The municipalities' shelter locations; existing ones (and changes made to them in the
    interface) are left alone."""
    municipalities = {m.name: m for m in Municipality.objects.filter(region=region)}
    found: dict[str, Location] = {}
    for place in data.PLACES:
        municipality = municipalities[place.municipality]
        location, created = Location.objects.get_or_create(
            municipality=municipality,
            code=place.code,
            defaults={
                "name": place.name,
                "kind": place.kind,
                "street": place.street,
                "house_number": place.number,
                "postcode": place.postcode,
                "city": place.city,
                "latitude": Decimal(place.lat),
                "longitude": Decimal(place.lon),
                "capacity_day": place.day,
                "capacity_night": place.night,
                "owner": place.owner,
                "note": place.note,
                "agreement_until": None
                if place.agreement_days is None
                else today + dt.timedelta(days=place.agreement_days),
                "available": place.unavailable_days is None,
                "unavailable_until": None
                if place.unavailable_days is None
                else today + dt.timedelta(days=place.unavailable_days),
                **{facility: facility in place.facilities for facility in data.ALL | {"pets"}},
            },
        )
        if created:
            for order, (name, role, phone) in enumerate(place.contacts):
                LocationContact.objects.create(
                    location=location, name=name, role=role, phone=phone, order=order
                )
        found[place.code] = location
    return found


def _open(
    incident: Incident,
    location: Location,
    actor: User,
    *,
    decided: dt.datetime,
    ready: dt.datetime,
    day: int,
    night: int,
    expected: int,
    decided_by: str,
) -> Shelter:
    """Open the location as a shelter and record it ready, as the coordinator did then."""
    shelter = shelter_services.shelter_open(
        incident=incident,
        actor=actor,
        location=location,
        decided_by=decided_by,
        decided_at=decided,
        expected=expected,
        capacity_day=day,
        capacity_night=night,
    )
    Shelter.objects.filter(pk=shelter.pk).update(opened_at=decided)
    return shelter_services.shelter_ready(shelter=shelter, actor=actor, at=ready)


def _backdate(since: dt.datetime, when: dt.datetime, homes: list[Household]) -> None:
    """Set what a service just wrote for these households (stays, registry status entries)
    back to `when`, the moment it happened in the exercise."""
    ids = [h.pk for h in homes]
    Stay.objects.filter(household_id__in=ids, checked_in_at__gte=since).update(checked_in_at=when)
    Stay.objects.filter(household_id__in=ids, checked_out_at__gte=since).update(checked_out_at=when)
    persons = Guest.objects.filter(household_id__in=ids, person__isnull=False).values("person")
    StatusEntry.objects.filter(person__in=persons, recorded_at__gte=since).update(
        source_at=when, recorded_at=when
    )
    Person.objects.filter(pk__in=persons, status_at__gte=since).update(status_at=when)


def _guest_needs(rng: random.Random, person: Affected) -> dict[str, Any]:
    """What the desk writes down for one person of the fire."""
    needs: dict[str, Any] = {}
    if person.care_home:
        needs["care_organisation"] = data.CARE_ORGANISATION
        if rng.random() < 0.8:
            needs["medication"] = rng.choice(data.MEDICATION)
        if rng.random() < 0.5:
            needs["mobility_aid"] = rng.choice(data.AIDS)
        if rng.random() < 0.3:
            needs["diet"] = rng.choice(data.DIETS)
    else:
        if rng.random() < 0.12:
            needs["diet"] = rng.choice(data.DIETS[:5])
        if rng.random() < 0.1:
            needs["medication"] = rng.choice(data.MEDICATION)
    return needs


class HaarlemCare:
    """The shelters of the care-home fire, worked by the registry exercise's two desks."""

    def __init__(
        self, incident: Incident, coordinator: User, desks: dict[str, User], involved: int
    ) -> None:
        self.incident = incident
        self.start = incident.started_at
        self.coordinator = coordinator
        self.desks = desks
        self.rng = random.Random(2036)
        places = locations(incident.region, timezone.localdate())
        self.shelters: dict[str, Shelter] = {}
        for (code, decided, ready, day, night), desk in zip(
            HAARLEM_SHELTERS, ("desk_a", "desk_b"), strict=True
        ):
            self.shelters[desk] = _open(
                incident,
                places[code],
                coordinator,
                decided=self.at(decided),
                ready=self.at(ready),
                day=day,
                night=night,
                expected=day,
                decided_by="Burgemeester van Haarlem",
            )
        shelter_services.involved_set(incident=incident, actor=coordinator, people=involved)
        self.homes: dict[str, Household] = {}
        self.guests: dict[str, int] = {}
        self.refused: list[str] = []
        self.pets_given = self.wheelchair_given = False

    def at(self, minutes: int) -> dt.datetime:
        return self.start + dt.timedelta(minutes=minutes)

    def _check_in(
        self, desk: str, home: HouseholdData, guests: list[GuestData], minutes: int
    ) -> Household:
        """At the desk's own shelter, or where the full shelter's message sends them."""
        since = timezone.now()
        shelter = self.shelters[desk]
        try:
            household = household_check_in(
                shelter=shelter, actor=self.desks[desk], household=home, guests=guests
            )
        except ShelterFull as full:
            if full.alternative is None:
                raise
            self.refused.append(home.name)
            household = household_check_in(
                shelter=full.alternative, actor=self.desks[desk], household=home, guests=guests
            )
        when = self.at(minutes)
        Household.objects.filter(pk=household.pk).update(created_at=when)
        _backdate(since, when, [household])
        return household

    def check_in(self, people: list[Affected], minutes: int) -> list[Person]:
        """One household of the fire at its desk; the registry persons it wrote, completed
        with what the registry's own desk form asks beyond the check-in (sex, partner's
        name) and with how they were (some lightly injured)."""
        first = people[0]
        guests = []
        for person in people:
            needs = _guest_needs(self.rng, person)
            if first.source == "desk_b" and person.care_home and not self.wheelchair_given:
                needs["mobility_aid"], self.wheelchair_given = "rolstoel", True
            if first.source == "desk_b" and not person.care_home and not self.pets_given:
                needs["pets"], self.pets_given = "kat (in reismand)", True
            guests.append(
                GuestData(
                    given_names=person.given,
                    prefix=person.prefix,
                    surname=person.surname,
                    birth_year=person.born.year,
                    birth_month=person.born.month,
                    birth_day=person.born.day,
                    phone=("+31" + person.phone[1:]) if person.phone else "",
                    share_whereabouts=person.consent,
                    **needs,
                )
            )
        home = HouseholdData(
            name=" ".join(p for p in (first.prefix, first.surname) if p),
            phone=("+31" + first.phone[1:]) if first.phone else "",
            street=first.street,
            house_number=first.number,
            house_addition=first.addition,
            postcode=first.postcode.replace(" ", ""),
            city="Haarlem",
        )
        household = self._check_in(first.source, home, guests, minutes)
        self.homes[first.key] = household
        when = self.at(minutes)
        persons = []
        for guest, person in zip(household.guests.order_by("pk"), people, strict=True):
            assert guest.person_id is not None
            self.homes[person.key] = household
            self.guests[person.key] = guest.pk
            Person.objects.filter(pk=guest.person_id).update(
                sex=person.sex,
                name_use=person.name_use,
                partner_prefix=person.partner_prefix,
                partner_surname=person.partner_surname,
                postcode=person.postcode,
                created_at=when,
                current_status=person.status,
                consent_recorded_at=when,
            )
            StatusEntry.objects.filter(person_id=guest.person_id).update(status=person.status)
            persons.append(Person.objects.get(pk=guest.person_id))
        return persons

    def neighbours(self) -> list[Person]:
        """The houses across the street, last in: the community centre first (nearest)."""
        persons: list[Person] = []
        for n, (prefix, surname, members, needs) in enumerate(NEIGHBOURS):
            guests = [
                GuestData(
                    given_names=given,
                    prefix=prefix,
                    surname=surname,
                    birth_year=year,
                    birth_month=1 + (n * 5 + m * 3) % 12,
                    birth_day=1 + (n * 7 + m * 11) % 28,
                    share_whereabouts=True,
                    **(needs if m == 0 else {k: v for k, v in needs.items() if k == "diet"}),
                )
                for m, (given, year) in enumerate(members)
            ]
            home = HouseholdData(
                name=" ".join(p for p in (prefix, surname) if p),
                phone=f"+316{40112233 + n * 7919}",
                street=STREET,
                house_number=2 + 2 * n,
                postcode=POSTCODE,
                city="Haarlem",
            )
            when = NEIGHBOURS_AT + 3 * n
            household = self._check_in("desk_b", home, guests, when)
            ids = household.guests.values("person")
            Person.objects.filter(pk__in=ids).update(created_at=self.at(when))
            persons.extend(Person.objects.filter(pk__in=ids).order_by("pk"))
        return persons

    def transfer(self, minutes: int, need: str) -> None:
        """A household moves from the community centre to the sports hall."""
        source, target = self.shelters["desk_b"], self.shelters["desk_a"]
        field = "mobility_aid" if need == "wheelchair" else "pets"
        value = "rolstoel" if need == "wheelchair" else ""
        guests = Guest.objects.filter(household__shelter=source, present=True)
        guest = (guests.filter(**{field: value}) if value else guests.exclude(pets="")).first()
        if guest is None:
            return
        since = timezone.now()
        household_transfer(household=guest.household, to=target, actor=self.desks["desk_b"])
        _backdate(since, self.at(minutes), [guest.household])

    def leave(self, key: str, minutes: int, note: str) -> None:
        """A guest picked up by family."""
        household = self.homes[key]
        since = timezone.now()
        try:
            household_check_out(
                household=household,
                actor=self.desks["desk_a"],
                reason=CheckOutReason.FAMILY,
                note=note,
                guest_ids=[self.guests[key]],
            )
        except ValidationError:
            return  # moved on already
        _backdate(since, self.at(minutes), [household])

    def finish(self, log: Callable[[str], None]) -> None:
        """Supplies, meals and temporary housing; the figures in the log."""
        shelters = list(self.shelters.values())
        for minutes, index, kind, quantity, text, status, handler in data.NEEDS:
            when = self.at(minutes)
            Need.objects.create(
                incident=self.incident,
                shelter=None if index is None else shelters[index],
                kind=NeedKind(kind),
                quantity=quantity,
                description=text,
                status=status,
                handler=handler,
                requested_at=when,
                requested_by=self.coordinator,
                updated_at=min(when + dt.timedelta(minutes=25), timezone.now()),
            )
        today = timezone.localdate()
        for shelter in shelters:
            shelter.refresh_from_db()
            diets = Guest.objects.filter(household__shelter=shelter, present=True).exclude(diet="")
            for day, moment, count in (
                (today, MealMoment.DINNER, shelter.present),
                (today + dt.timedelta(days=1), MealMoment.BREAKFAST, shelter.capacity_night),
            ):
                MealCount.objects.create(
                    shelter=shelter,
                    day=day,
                    moment=moment,
                    count=min(count, shelter.present),
                    special=diets.count(),
                    recorded_by=self.coordinator,
                )
        for key, placed in data.HOUSING:
            household = self.homes.get(key)
            if household is None:
                continue
            Housing.objects.create(
                household=household,
                needed_since=self.at(150),
                status="placed" if placed else "needed",
                placed_at=self.at(225) if placed else None,
                address=placed,
                until=today + dt.timedelta(days=21) if placed else None,
                note="Flat onbewoonbaar door rook- en bluswaterschade.",
                updated_by=self.coordinator,
            )
            if placed:  # the family leaves the shelter for its temporary home
                since = timezone.now()
                household_check_out(
                    household=household,
                    actor=self.desks["desk_a"],
                    reason=CheckOutReason.HOUSING,
                    note=placed,
                )
                _backdate(since, self.at(225), [household])
        for shelter in shelters:
            shelter.refresh_from_db()
        people = sum(s.present for s in shelters)
        log(
            f"Opvang: {len(shelters)} opvanglocaties, {people} mensen aanwezig in "
            f"{Household.objects.filter(incident=self.incident, shelter__isnull=False).count()} huishoudens; "
            + ", ".join(f"{s.location.name} {s.present}/{s.capacity_day}" for s in shelters)
        )


def velsen(incident: Incident, lead: User, log: Callable[[str], None]) -> None:
    """The gas outage's surroundings and its worklist of vulnerable residents; each part is
    made once, so a second run changes nothing."""
    region = incident.region
    start = incident.started_at
    locations(region, timezone.localdate())
    coordinator = User.objects.filter(username=COORDINATOR).first() or lead
    # About 2,900 people in the 1,300 households: the norm would ask for 200 places, though
    # the mayor decided that people first arrange their own way (incident.py).
    if not IncidentCare.objects.filter(incident=incident).exists():
        shelter_services.involved_set(incident=incident, actor=coordinator, people=2900)
    if not incident.outages.exists():
        Outage.objects.create(
            incident=incident,
            utility="gas",
            area="Velsen-Noord, rond de Wijkerstraatweg",
            households=1300,
            started_at=start,
            expected_end=start + dt.timedelta(days=4),
            note="Water in het gasnet (Liander); leegpompen en vak voor vak weer aansluiten.",
            updated_by=coordinator,
        )
        RoadClosure.objects.create(
            incident=incident,
            road="Wijkerstraatweg",
            stretch="Stationsweg – Heirweg",
            reason="Liander pompt het gasnet leeg; één rijstrook open voor hulpdiensten.",
            closed_at=start + dt.timedelta(minutes=150),
            expected_end=start + dt.timedelta(days=3),
            updated_by=coordinator,
        )
        for text, place, owner, due, status in (
            ("Opgepompt water uit het gasnet afvoeren", "Wijkerstraatweg", "Liander", 2, "in_progress"),
            ("Kookplaten en kachels na herstel ophalen", "Informatiepunt De Stek", "Gemeente Velsen", 5, "open"),
        ):  # fmt: skip
            CleanupTask.objects.create(
                incident=incident,
                description=text,
                place=place,
                owner=owner,
                due=start + dt.timedelta(days=due),
                status=status,
                updated_by=coordinator,
            )
    supplier = Supplier.objects.filter(region=region, name=data.SUPPLIER).first()
    if supplier is None:
        supplier = _deliver(incident, coordinator)
    if not incident.vulnerable_cases.exists():
        _worklist(incident, supplier, coordinator, lead)
    log(
        f"Velsen-Noord: {supplier.residents.count()} verminderd zelfredzamen op de lijst, "
        f"{incident.vulnerable_cases.count()} in het gebied; gasstoring {incident.outages.first()}."
    )


def delivery_path() -> Path:
    return settings.DATA_DIR / "demo" / "zorgbalans-velsen-noord.xlsx"


def _deliver(incident: Incident, coordinator: User) -> Supplier:
    """The supplier's list as it sends it, an .xlsx with its own column names (kept in the
    data directory to be delivered again), delivered through the list import."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cliënten"
    sheet.append(list(data.DELIVERY_HEADERS))
    for p in data.vulnerable_residents(incident.area or []):
        sheet.append(
            [p.ref, p.name, p.street, p.number, p.postcode, p.city, p.lat, p.lon]
            + [("ja" if need in p.needs else "nee") for need in data.NEED_COLUMNS]
            + [p.note, p.contact.split(",")[0], p.contact, p.phone]
        )
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()
    path = delivery_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    supplier = vulnerable.supplier_save(
        actor=coordinator,
        region=incident.region,
        data=vulnerable.SupplierData(
            name=data.SUPPLIER,
            kind="care",
            contact="Zorgbalans, team Velsen-Noord",
            phone="0235113300",
        ),
    )
    headers = tabular.read_header(content, path.name)
    result = vulnerable.list_deliver(
        actor=coordinator,
        supplier=supplier,
        file_name=path.name,
        data=content,
        mapping=guess_mapping(headers),
    )
    if not result.ok:
        raise RuntimeError(f"the demo's list of vulnerable residents does not import: {result}")
    when = incident.started_at + dt.timedelta(minutes=44)
    Supplier.objects.filter(pk=supplier.pk).update(delivered_at=when)
    return supplier


def _worklist(incident: Incident, supplier: Supplier, coordinator: User, lead: User) -> None:
    """The residents inside the area on the worklist, the round along the doors partly
    done; the one who could not stay goes to a small shelter in a hotel."""
    start = incident.started_at
    vulnerable.worklist_refresh(incident=incident, actor=coordinator)
    Case.objects.filter(incident=incident).update(updated_at=start + dt.timedelta(minutes=50))
    hotel = Location.objects.get(municipality__region=incident.region, code="VLS-HOTEL-IJMOND")
    desk = User.objects.get(username=DESK)
    shelter = None
    cases = Case.objects.filter(incident=incident).select_related("resident")
    for n, case in enumerate(sorted(cases, key=lambda c: c.resident.ref if c.resident else "")):
        resident = case.resident
        if resident is None or n >= len(data.WORKLIST):
            continue  # still to contact
        state, minutes, note = data.WORKLIST[n]
        when = start + dt.timedelta(minutes=minutes)
        if state == "evacuated":
            shelter = _open(
                incident,
                hotel,
                coordinator,
                decided=when - dt.timedelta(minutes=20),
                ready=when - dt.timedelta(minutes=5),
                day=12,
                night=12,
                expected=6,
                decided_by="Burgemeester van Velsen",
            )
            since = timezone.now()
            given, _sep, surname = resident.name.partition(" ")
            household = household_check_in(
                shelter=shelter,
                actor=desk,
                household=HouseholdData(
                    name=surname,
                    phone=resident.phone,
                    street=resident.street,
                    house_number=resident.house_number,
                    postcode=resident.postcode,
                    city=resident.city,
                ),
                guests=[
                    GuestData(
                        given_names=given,
                        surname=surname,
                        mobility_aid="rolstoel" if resident.need_mobility else "",
                        care_organisation=resident.organisation,
                        share_whereabouts=True,
                    )
                ],
            )
            Household.objects.filter(pk=household.pk).update(created_at=when)
            _backdate(since, when, [household])
            incidents.decision_record(
                actor=lead,
                incident=incident,
                team="tbz",
                decided_by="Burgemeester van Velsen",
                text="Kleine opvang in Hotel IJmond voor wie met een zorgvraag niet thuis kan blijven.",
                process=Process.SHELTER,
                decided_at=when - dt.timedelta(minutes=20),
            )
        entry = vulnerable.case_update(
            case=case,
            actor=coordinator,
            state=state,
            shelter=shelter if state == "evacuated" else None,
            note=note,
        )
        CaseEntry.objects.filter(pk=entry.pk).update(at=when)
        Case.objects.filter(pk=case.pk).update(updated_at=when)
