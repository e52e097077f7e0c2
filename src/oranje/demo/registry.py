"""The demo's second exercise: fire and evacuation at care home De Spaarnehof and the flats
beside it in Haarlem, with the registry of affected persons at work (issue 11).

140 affected persons come in from two shelter desks, the hospital list of Spaarne Gasthuis (a
real .xlsx file, kept in the data directory so it can be imported again: 0 new persons) and a
police list with 2 deceased; 5 people were registered twice and wait to be merged. 400
relatives asked after them (registry_data: nicknames, wrong prefixes, married names, swapped
dates, typos, ages). Most inquiries are matched and the caller informed; the newest are open,
some wait for a merge or a call back, and the deceased wait for four eyes and the police.

Everything goes through the registry's services; only the clock is set back afterwards, so
that the exercise reads as four hours in progress. The matching of each registration runs as
it would after its commit, at once, so the build is the same in tests and on the command line.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.demo import registry_data as data
from oranje.demo.registry_data import Asked, Resident
from oranje.incidents import services as incidents
from oranje.incidents.constants import IncidentType, Process
from oranje.incidents.models import Incident
from oranje.registry import services
from oranje.registry.constants import (
    CallOutcome,
    CandidateState,
    InquiryStatus,
    Phrase,
    SenderKind,
    Source,
    Status,
)
from oranje.registry.models import (
    CallBack,
    Candidate,
    ExternalRef,
    ImportBatch,
    Inquiry,
    Person,
    PoliceNotice,
    Sender,
    StatusEntry,
)
from oranje.registry.services.inquiries import InquiryData
from oranje.registry.services.persons import after_person_write

TITLE = "Brand zorgcentrum De Spaarnehof, Haarlem"
OFFICER = "registratie.kennemerland"
COORDINATOR = "registratiecoordinator.kennemerland"
SENDER = "Spaarne Gasthuis"
#: Call-centre operators and desk staff beside the personas (they cannot log in).
STAFF = {
    "desk_a": ("balie.sporthal", "Ilse", "Kuipers"),
    "desk_b": ("balie.ringvaart", "Gijs", "Postma"),
    "operator1": ("verwanten.1", "Hatice", "Kaya"),
    "operator2": ("verwanten.2", "Roel", "Brouwer"),
}
#: Inquiries newer than this (minutes before now) are still open: nobody got to them yet.
FRESH = 35
WARDS = ["SEH", "Longafdeling", "Brandwondenzorg", "Geriatrie", "IC"]
LOG = [
    (
        0,
        Process.VICTIMS,
        "Brand in zorgcentrum De Spaarnehof; vleugel B en de flat ernaast ontruimd.",
    ),
    (
        20,
        Process.SHELTER,
        "Opvang in Sporthal Schalkwijk en Wijkcentrum De Ringvaart; registratie aan de balie.",
    ),
    (
        45,
        Process.VICTIMS,
        "Verwanteninformatie open: het informatienummer schakelt door naar de registratie.",
    ),
    (125, Process.VICTIMS, "Spaarne Gasthuis levert de patiëntenlijst (23) aan als spreadsheet."),
    (
        170,
        Process.VICTIMS,
        "Politie meldt 2 overleden bewoners; de politie informeert de nabestaanden.",
    ),
]


def _staff(username: str, first: str, last: str, region: Region) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, role=Role.REGISTRY_OFFICER, region=region)
    return user


def hospital_file(people: list[Resident], start: dt.datetime) -> bytes:
    """The hospital's list as the hospital sends it: an .xlsx with its own column names."""
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Patiënten"
    sheet.append(
        [
            "Patiëntnummer",
            "Achternaam",
            "Voorvoegsel",
            "Voornamen",
            "Geboortedatum",
            "Geslacht",
            "Postcode",
            "Huisnummer",
            "Toevoeging",
            "Afdeling",
            "Opgenomen",
        ]
    )
    local = timezone.localtime(start)
    for n, person in enumerate(people):
        sheet.append(
            [
                f"SG-{40117 + n * 7}",
                person.surname,
                person.prefix,
                person.given,
                person.born,
                person.sex,
                person.postcode,
                person.number,
                person.addition,
                WARDS[n % len(WARDS)],
                (local + dt.timedelta(minutes=70 + 2 * n)).replace(tzinfo=None),
            ]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _person_data(person: Resident) -> services.PersonData:
    return services.PersonData(
        given_names=person.given,
        prefix=person.prefix,
        surname=person.surname,
        name_use=person.name_use,
        partner_prefix=person.partner_prefix,
        partner_surname=person.partner_surname,
        birth_year=person.born.year,
        birth_month=person.born.month,
        birth_day=person.born.day,
        sex=person.sex,
        postcode=person.postcode,
        house_number=person.number or None,
        house_addition=person.addition,
        street=person.street if person.number else "",
        city=data.CITY if person.number else "",
        phone=("+31" + person.phone[1:]) if person.phone else "",
    )


class _Builder:
    def __init__(
        self, incident: Incident, officer: User, coordinator: User, staff: dict[str, User]
    ) -> None:
        self.incident = incident
        self.start = incident.started_at
        self.officer = officer
        self.coordinator = coordinator
        self.staff = staff
        self.persons: dict[str, Person] = {}
        self.asked: list[tuple[Asked, Inquiry]] = []

    def at(self, minutes: int) -> dt.datetime:
        return self.start + dt.timedelta(minutes=minutes)

    def register(
        self, person: Resident, actor: User, source: str, batch: int | None = None
    ) -> Person:
        when = self.at(person.at)
        registered = services.person_register(
            incident=self.incident,
            actor=actor,
            data=_person_data(person),
            status=services.StatusData(
                status=person.status,
                whereabouts=person.whereabouts,
                place=person.place,
                source=source,
                source_at=when,
                note=data.DESKS.get(person.source, ""),
            ),
            batch_id=batch,
            defer_matching=True,
        )
        Person.objects.filter(pk=registered.pk).update(
            created_at=when,
            share_whereabouts=person.consent if person.status != Status.DECEASED else None,
            consent_recorded_at=when if person.status != Status.DECEASED else None,
        )
        StatusEntry.objects.filter(person=registered).update(recorded_at=when)
        after_person_write(registered)  # as after the commit: duplicates, open inquiries
        self.persons[person.key] = registered
        return registered

    def hospital_list(self, people: list[Resident], content: bytes, name: str) -> None:
        """Register the hospital's patients from the delivered file, remembering each row id
        so a second delivery of the same list updates them instead of adding them again."""
        from io import BytesIO

        from openpyxl import load_workbook

        region = self.incident.region
        sender, _created = Sender.objects.get_or_create(
            region=region, name=SENDER, defaults={"kind": SenderKind.HOSPITAL}
        )
        header, *rows = load_workbook(BytesIO(content), read_only=True).active.iter_rows(  # type: ignore[union-attr]
            values_only=True
        )
        sender.mapping = {
            "row_id": "Patiëntnummer",
            "surname": "Achternaam",
            "prefix": "Voorvoegsel",
            "given_names": "Voornamen",
            "birth_date": "Geboortedatum",
            "sex": "Geslacht",
            "postcode": "Postcode",
            "house_number": "Huisnummer",
            "house_addition": "Toevoeging",
        }
        sender.save(update_fields=["mapping"])
        batch = ImportBatch.objects.create(
            incident=self.incident,
            sender=sender,
            file_name=name,
            rows=len(rows),
            created=len(rows),
            imported_at=self.at(data.HOSPITAL_LIST_AT),
            imported_by=self.officer,
        )
        columns = list(header)
        for person, row in zip(people, rows, strict=True):
            values = dict(zip(columns, row, strict=True))
            assert values["Achternaam"] == person.surname
            registered = self.register(person, self.officer, Source.HOSPITAL, batch.pk)
            ExternalRef.objects.create(
                incident=self.incident,
                sender=sender,
                row_id=str(values["Patiëntnummer"]),
                person=registered,
            )

    def inquiry(self, asked: Asked, operator: User) -> None:
        year, month, day = asked.birth
        inquiry = services.inquiry_create(
            incident=self.incident,
            actor=operator,
            data=InquiryData(
                caller_name=asked.caller,
                caller_phone="+31" + asked.caller_phone[1:],
                caller_relation=asked.relation,
                given_names=asked.given,
                prefix=asked.prefix,
                surname=asked.surname,
                birth_year=year,
                birth_month=month,
                birth_day=day,
                age_estimate=asked.age,
                sex=asked.sex,
                postcode=asked.postcode,
                house_number=asked.number,
                last_seen_place=data.CARE_HOME if asked.reduced_self_reliance else "",
                is_child=asked.is_child,
                reduced_self_reliance=asked.reduced_self_reliance,
                medical_need=asked.medical_need,
            ),
        )
        when = self.at(asked.at)
        # Only the creation is set back: `updated_at` is how the matching indexes catch up.
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=when)
        inquiry.candidates.update(found_at=when)
        self.asked.append((asked, inquiry))

    def confirm(self, inquiry: Inquiry, person: Person, actor: User, minutes: int) -> bool:
        candidate = inquiry.candidates.filter(person=person).first()
        if candidate is None:
            return False
        services.candidate_confirm(candidate=candidate, actor=actor)
        Candidate.objects.filter(pk=candidate.pk).update(first_at=self.at(minutes))
        return True

    def call_back(
        self, inquiry: Inquiry, actor: User, minutes: int, outcome: str, phrases: list[str]
    ) -> None:
        CallBack.objects.create(
            inquiry=inquiry,
            at=self.at(minutes),
            by=actor,
            by_name=actor.get_full_name(),
            outcome=outcome,
            phrases=phrases,
        )
        if outcome == CallOutcome.REACHED and inquiry.status == InquiryStatus.FOUND:
            Inquiry.objects.filter(pk=inquiry.pk).update(
                status=InquiryStatus.INFORMED, updated_at=timezone.now()
            )


def _phrases(person: Person) -> list[str]:
    if person.current_status == Status.HOSPITALISED:
        return [Phrase.IN_HOSPITAL]
    if not person.share_whereabouts:
        return [Phrase.NO_CONSENT, Phrase.ASKED_TO_CALL]
    if person.current_whereabouts == "shelter":
        return [Phrase.REGISTERED_SAFE, Phrase.IN_SHELTER]
    return [Phrase.REGISTERED_SAFE]


def _inform(b: _Builder, people: list[Resident], doubled: set[str]) -> None:
    """Work the inquiries as the call centre did: confirm the person, call back."""
    rng = random.Random(data.SEED + 1)
    operators = [b.officer, b.staff["operator1"], b.staff["operator2"]]
    by_key = {p.key: p for p in people}
    deceased: dict[str, list[Inquiry]] = {}
    for n, (asked, inquiry) in enumerate(b.asked):
        operator = operators[n % len(operators)]
        if asked.about is None:
            if n % 3 == 0 and asked.at < data.NOW - FRESH:
                for candidate in inquiry.candidates.all():
                    services.candidate_reject(candidate=candidate, actor=operator)
                b.call_back(
                    inquiry,
                    operator,
                    min(asked.at + 30, data.NOW - 5),
                    CallOutcome.REACHED,
                    [Phrase.NOT_YET_FOUND],
                )
            continue
        if by_key[asked.about].status == Status.DECEASED:
            deceased.setdefault(asked.about, []).append(inquiry)
            continue
        if asked.about in doubled or asked.at > data.NOW - FRESH:
            continue  # a merge first, or nobody got to it yet
        person = b.persons[asked.about]
        person.refresh_from_db()
        done = min(asked.at + rng.randint(10, 40), data.NOW - 4)
        if not b.confirm(inquiry, person, operator, done):
            continue
        inquiry.refresh_from_db()
        if n % 11 == 5:
            outcome = CallOutcome.NOT_REACHED if n % 2 else CallOutcome.MESSAGE_LEFT
            b.call_back(inquiry, operator, done + 2, outcome, [])
            continue
        b.call_back(inquiry, operator, done + 3, CallOutcome.REACHED, _phrases(person))
    _deceased(b, deceased)


def _deceased(b: _Builder, deceased: dict[str, list[Inquiry]]) -> None:
    """Four eyes on both deceased; the police asked for both, one confirmed. The second
    inquiry about the second person waits for a second officer."""
    told = data.POLICE_LIST_AT + 30
    for n, (key, inquiries) in enumerate(sorted(deceased.items())):
        person = b.persons[key]
        PoliceNotice.objects.get_or_create(
            person=person,
            defaults={
                "asked_at": b.at(data.POLICE_LIST_AT + 5),
                "asked_by": b.coordinator,
                "confirmed_at": b.at(told) if n == 0 else None,
                "confirmed_by": b.coordinator if n == 0 else None,
            },
        )
        for m, inquiry in enumerate(inquiries):
            b.confirm(inquiry, person, b.officer, data.POLICE_LIST_AT + 10)
            if n == 1 and m == 1:
                continue  # awaiting a second officer
            candidate = inquiry.candidates.filter(person=person).first()
            if candidate is not None and candidate.state == CandidateState.AWAITING_SECOND:
                services.candidate_confirm(candidate=candidate, actor=b.coordinator)
            if n == 0:  # the police confirmed they told the next of kin
                Inquiry.objects.filter(pk=inquiry.pk, status=InquiryStatus.POLICE).update(
                    status=InquiryStatus.INFORMED, updated_at=timezone.now()
                )


def spreadsheet_path() -> Path:
    return settings.DATA_DIR / "demo" / "spaarne-gasthuis-patienten.xlsx"


def build(region: Region, coordinator: User, log: Callable[[str], None]) -> Incident | None:
    """Start the registry exercise once; a later run leaves a running one alone."""
    running = Incident.objects.filter(
        region=region, title=TITLE, is_exercise=True, closed_at__isnull=True
    ).first()
    if running is not None:
        log(f"Oefenincident '{TITLE}' loopt al.")
        return running
    officer = User.objects.get(username=OFFICER)
    registry_coordinator = User.objects.get(username=COORDINATOR)
    staff = {key: _staff(*names, region) for key, names in STAFF.items()}
    haarlem = Municipality.objects.get(name="Haarlem", region=region)
    now = timezone.now().replace(second=0, microsecond=0)
    start = now - dt.timedelta(minutes=data.NOW)
    people, again, asked = data.exercise()
    patients = [p for p in people if p.source == "hospital"]
    content = hospital_file(patients, start)
    path = spreadsheet_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with transaction.atomic():
        incident = incidents.incident_start(
            actor=coordinator,
            region=region,
            title=TITLE,
            kind=IncidentType.FIRE,
            started_at=start,
            municipality=haarlem,
            is_exercise=True,
            location_text=f"{data.CARE_STREET} 1–77, {data.CITY}",
            point=(Decimal("52.363500"), Decimal("4.664000")),
            description=(
                "Brand in een zorgcentrum en de flat ernaast; 140 bewoners geëvacueerd, "
                "23 naar het ziekenhuis, 2 overleden. Registratie en verwanteninformatie."
            ),
        )
        for minutes, process, text in LOG:
            incidents.log_entry_add(
                actor=coordinator,
                incident=incident,
                text=text,
                process=process,
                at=start + dt.timedelta(minutes=minutes),
            )
        b = _Builder(incident, officer, registry_coordinator, staff)
        # Everything in the order it happened: registrations re-match the inquiries before them.
        events: list[tuple[int, int, Callable[[], object]]] = []
        for person in [p for p in people if p.source.startswith("desk")] + again:
            events.append(
                (person.at, 0, partial(b.register, person, staff[person.source], Source.SHELTER))
            )
        events.append(
            (data.HOSPITAL_LIST_AT, 0, partial(b.hospital_list, patients, content, path.name))
        )
        for person in (p for p in people if p.source == "police"):
            events.append((person.at, 0, partial(b.register, person, officer, Source.POLICE)))
        operators = [officer, staff["operator1"], staff["operator2"]]
        for n, question in enumerate(asked):
            events.append((question.at, 1, partial(b.inquiry, question, operators[n % 3])))
        for _minutes, _order, event in sorted(events, key=lambda e: (e[0], e[1])):
            event()
        for person in people:
            for minutes, status, where, place, note in person.later:
                services.person_status_change(
                    person=b.persons[person.key],
                    actor=officer,
                    status=services.StatusData(
                        status=status,
                        whereabouts=where,
                        place=place,
                        source=Source.PHONE,
                        source_at=b.at(minutes),
                        note=note,
                    ),
                )
        _inform(b, people, {p.double_of for p in again})
    log(
        f"Oefenincident '{TITLE}': {Person.objects.filter(incident=incident).count()} registraties, "
        f"{Inquiry.objects.filter(incident=incident).count()} vragen van verwanten; "
        f"ziekenhuislijst om opnieuw in te lezen: {path}"
    )
    return incident
