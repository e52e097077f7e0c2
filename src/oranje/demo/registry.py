"""The demo's second exercise: fire and evacuation at care home De Spaarnehof and the flats
beside it in Haarlem, with the registry of affected persons at work (issue 11).

140 affected persons come in from two shelter desks, the hospital list of Spaarne Gasthuis (a
real .xlsx file, kept in the data directory so it can be imported again: 0 new persons) and a
police list with 2 deceased; 5 people were registered twice and wait to be merged. 400
relatives asked after them (registry_data: nicknames, wrong prefixes, married names, swapped
dates, typos, ages). Most inquiries are matched and the caller informed; the newest are open,
some wait for a merge or a call back, and the deceased wait for four eyes and the police.

The two desks are the shelters' check-in desks (demo/care.py): each household they take in
is checked in through the care room, whose check-in registers its people here.

Everything goes through the registry's services; only the clock is set back afterwards, so
that the exercise reads as four hours in progress. The matching of each registration runs as
it would after its commit, at once, so the build is the same in tests and on the command line.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oranje.core import tabular
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.demo import care_data
from oranje.demo import registry_data as data
from oranje.demo.care import COORDINATOR as CARE_COORDINATOR
from oranje.demo.care import HaarlemCare
from oranje.demo.care_data import NEIGHBOURS, NEIGHBOURS_AT
from oranje.demo.registry_data import Asked, Resident, household_of
from oranje.incidents import services as incidents
from oranje.incidents.constants import IncidentType, Process
from oranje.incidents.models import Incident
from oranje.registry import listrows, services
from oranje.registry.constants import (
    CallOutcome,
    CandidateState,
    DuplicateState,
    Phrase,
    SenderKind,
    Source,
    Status,
)
from oranje.registry.models import (
    Candidate,
    ExternalRef,
    ImportBatch,
    Inquiry,
    Person,
    PossibleDuplicate,
    StatusEntry,
)
from oranje.registry.services.batch_matching import match_imported
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
    if username.startswith("balie."):  # the shelter desks check households in (care room)
        Membership.objects.get_or_create(user=user, role=Role.CARE_OFFICER, region=region)
    return user


def _row_id(n: int) -> str:
    """The hospital's own patient number for the n-th row."""
    return f"SG-{40117 + n * 7}"


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
                _row_id(n),
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
        # Two in three with a phone said yes to updates; they get mail as well as SMS.
        email=_demo_email(person) if _wants_updates(person) else "",
        updates_consent=True if _wants_updates(person) else None,
    )


def _wants_updates(person: Resident) -> bool:
    return bool(person.phone) and len(person.given + person.surname) % 3 != 0


def _demo_email(person: Resident) -> str:
    """given.surname@voorbeeld.nl in plain letters (the demo's addresses go nowhere)."""
    plain = unicodedata.normalize("NFKD", f"{person.given}.{person.surname}".lower())
    letters = "".join(c for c in plain if c.isascii() and (c.isalnum() or c == "."))
    return f"{letters}@voorbeeld.nl"


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
        if person.status != Status.DECEASED:
            services.consent_record(person=registered, actor=actor, share=person.consent)
        Person.objects.filter(pk=registered.pk).update(
            created_at=when, consent_recorded_at=registered.consent_recorded_at and when
        )
        StatusEntry.objects.filter(person=registered).update(recorded_at=when)
        after_person_write(registered)  # as after the commit: duplicates, open inquiries
        self.persons[person.key] = registered
        return registered

    def sheltered(self, shelters: HaarlemCare, people: list[Resident]) -> None:
        """A household checked in at a shelter desk: the check-in registers its people."""
        for person, registered in zip(people, shelters.check_in(people, people[0].at), strict=True):
            after_person_write(registered)  # as after the commit: duplicates, open inquiries
            self.persons[person.key] = registered

    def neighbours(self, shelters: HaarlemCare) -> None:
        for registered in shelters.neighbours():
            after_person_write(registered)

    def hospital_list(self, people: list[Resident], content: bytes, name: str) -> None:
        """Import the hospital's file through the list import, as a registry officer would
        (the mapping guessed from its headers, its admission time as the source time), then
        run the batch's matching as after the commit."""
        sender = services.sender_create(
            incident=self.incident, actor=self.officer, name=SENDER, kind=SenderKind.HOSPITAL
        )
        headers = tabular.read_header(content, name)
        mapping = {**listrows.guess_mapping(headers, sender.mapping), "source_at": "Opgenomen"}
        result = services.list_import(
            incident=self.incident,
            actor=self.officer,
            sender=sender,
            file_name=name,
            data=content,
            mapping=mapping,
        )
        if not result.ok or result.batch is None:
            raise RuntimeError(f"the demo's hospital list does not import: {result.problems}")
        when = self.at(data.HOSPITAL_LIST_AT)
        ImportBatch.objects.filter(pk=result.batch.pk).update(imported_at=when)
        patients = {_row_id(n): p for n, p in enumerate(people)}
        ids = []
        for ref in ExternalRef.objects.filter(incident=self.incident, sender=sender).select_related(
            "person"
        ):
            person, registered = patients[ref.row_id], ref.person
            ids.append(registered.pk)
            self.persons[person.key] = registered
            Person.objects.filter(pk=registered.pk).update(created_at=when)
            StatusEntry.objects.filter(person=registered).update(recorded_at=when)
            services.consent_record(person=registered, actor=self.officer, share=person.consent)
        match_imported(self.incident.pk, ids)

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
        services.inquiry_call(
            inquiry=inquiry, actor=actor, outcome=outcome, phrases=phrases, at=self.at(minutes)
        )


def _sift_duplicates(b: _Builder, again: list[Resident]) -> None:
    """The coordinator went through the possible double registrations: residents of the care
    home share its address, and most such pairs are not one person. The 5 real doubles and
    the 2 closest of the others are left to decide."""
    planted = {b.persons[p.key].pk for p in again} | {b.persons[p.double_of].pk for p in again}
    others = (
        PossibleDuplicate.objects.filter(incident=b.incident, state=DuplicateState.OPEN)
        .exclude(person_id__in=planted, other_id__in=planted)
        .order_by("-score", "pk")
    )
    for pair in list(others)[2:]:
        services.duplicate_dismiss(duplicate=pair, actor=b.coordinator)


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
    """Four eyes on both deceased, then the police are asked to inform the next of kin; for
    one of them the police confirmed they did. The second inquiry about the second person
    waits for a second officer."""
    asked, told = data.POLICE_LIST_AT + 12, data.POLICE_LIST_AT + 40
    for n, (key, inquiries) in enumerate(sorted(deceased.items())):
        person = b.persons[key]
        for m, inquiry in enumerate(inquiries):
            b.confirm(inquiry, person, b.officer, data.POLICE_LIST_AT + 10)
            if n == 1 and m == 1:
                continue  # awaiting a second officer
            candidate = inquiry.candidates.filter(person=person).first()
            if candidate is not None and candidate.state == CandidateState.AWAITING_SECOND:
                services.candidate_confirm(candidate=candidate, actor=b.coordinator)
                Candidate.objects.filter(pk=candidate.pk).update(
                    second_at=b.at(data.POLICE_LIST_AT + 11)
                )
            inquiry.refresh_from_db()
            services.police_asked(inquiry=inquiry, actor=b.coordinator, at=b.at(asked))
        if n == 0:  # the police confirmed they told the next of kin
            services.police_confirmed(inquiry=inquiries[0], actor=b.coordinator, at=b.at(told))


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
        care_coordinator = User.objects.filter(username=CARE_COORDINATOR).first()
        shelters = HaarlemCare(
            incident,
            care_coordinator or coordinator,
            {desk: staff[desk] for desk in data.DESKS},
            involved=len(people) + sum(len(n[2]) for n in NEIGHBOURS),
        )
        # Everything in the order it happened: registrations re-match the inquiries before them.
        events: list[tuple[int, int, Callable[[], object]]] = []
        households: dict[str, list[Resident]] = {}
        for person in (p for p in people if p.source.startswith("desk")):
            households.setdefault(household_of(person), []).append(person)
            for minutes, _status, _where, _place, note in person.later:
                events.append((minutes, 0, partial(shelters.leave, person.key, minutes, note)))
        for household in households.values():
            events.append((household[0].at, 0, partial(b.sheltered, shelters, household)))
        for person in again:  # registered again at the other desk, not checked in twice
            events.append(
                (person.at, 0, partial(b.register, person, staff[person.source], Source.SHELTER))
            )
        for minutes, need in care_data.TRANSFERS:
            events.append((minutes, 0, partial(shelters.transfer, minutes, need)))
        events.append((NEIGHBOURS_AT, 0, partial(b.neighbours, shelters)))
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
        for person in (p for p in people if not p.source.startswith("desk")):
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
        _sift_duplicates(b, again)
        _inform(b, people, {p.double_of for p in again})
        shelters.finish(log)
    log(
        f"Oefenincident '{TITLE}': {Person.objects.filter(incident=incident).count()} registraties, "
        f"{Inquiry.objects.filter(incident=incident).count()} vragen van verwanten; "
        f"ziekenhuislijst om opnieuw in te lezen: {path}"
    )
    return incident
