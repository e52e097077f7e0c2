"""List imports: mapping, every bad row reported, all or nothing, idempotent deliveries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from openpyxl import Workbook

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.registry import listrows, services
from oranje.registry.constants import SenderKind, Sex, Source, Status, Whereabouts
from oranje.registry.models import (
    ExternalRef,
    ImportBatch,
    ImportUpload,
    Person,
    PossibleDuplicate,
    Sender,
    StatusEntry,
)
from oranje.registry.services.batch_matching import match_imported, unmatched_upkeep
from oranje.registry.services.imports import (
    list_import,
    stale_uploads_upkeep,
    upload_for_user,
)
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db

HEADER = "Patiëntnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Geslacht;Postcode;Huisnummer;BSN;Status;Afdeling"
ROWS = [
    "P-001;Johannes;de;Vries;4-3-1950;M;2011 AB;12;111222333;opgenomen;IC",
    "P-002;Maria;van der;Berg;12-7-1962;V;2012 CD;7a;;SEH;",
    "P-003;Ahmed;;El Amrani;1988;M;;;;ontslagen;",
]


def csv_bytes(rows: list[str], header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("cp1252")


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


@pytest.fixture
def hospital(rw: RegistryWorld) -> Sender:
    return services.sender_create(
        incident=rw.incident, actor=rw.officer, name="Spaarne Gasthuis", kind=SenderKind.HOSPITAL
    )


def guessed(data: bytes, name: str = "lijst.csv", sender: Sender | None = None) -> dict[str, str]:
    from oranje.core.tabular import read_header

    return listrows.guess_mapping(read_header(data, name), sender.mapping if sender else None)


def run(rw: RegistryWorld, sender: Sender, data: bytes, name: str = "lijst.csv", **kw: object):  # type: ignore[no-untyped-def]
    mapping = kw.pop("mapping", None) or guessed(data, name, sender)
    return list_import(
        incident=rw.incident,
        actor=rw.officer,
        sender=sender,
        file_name=name,
        data=data,
        mapping=mapping,  # type: ignore[arg-type]
    )


def test_the_mapping_is_guessed_from_dutch_and_english_headers() -> None:
    headers = ["Patiëntnummer", "Voornaam", "Achternaam", "Geb. datum", "Date of birth", "Status"]
    mapping = listrows.guess_mapping(headers)
    assert mapping["row_id"] == "Patiëntnummer"
    assert mapping["given_names"] == "Voornaam"
    assert mapping["surname"] == "Achternaam"
    assert mapping["birth"] == "Geb. datum"
    assert mapping["status"] == "Status"
    english = listrows.guess_mapping(["ID", "First name", "Last name", "DOB", "Condition"])
    assert english == {
        "row_id": "ID",
        "given_names": "First name",
        "surname": "Last name",
        "birth": "DOB",
        "status": "Condition",
    }
    # A remembered mapping wins where its headers are still in the file.
    assert listrows.guess_mapping(headers, {"surname": "voornaam"})["surname"] == "Voornaam"


def test_full_names_are_split_the_dutch_way() -> None:
    assert listrows.split_full_name("Johannes van der Berg") == ("Johannes", "van der", "Berg")
    assert listrows.split_full_name("Berg, Johannes van der") == ("Johannes", "van der", "Berg")
    assert listrows.split_full_name("Anna Maria Jansen") == ("Anna Maria", "", "Jansen")
    assert listrows.split_full_name("Jansen") == ("", "", "Jansen")


def test_a_hospital_list_is_imported_with_its_statuses(rw: RegistryWorld, hospital: Sender) -> None:
    result = run(rw, hospital, csv_bytes(ROWS))
    assert result.ok, result.problems
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    vries = Person.objects.get(surname="Vries")
    assert (vries.given_names, vries.prefix, vries.birth_text) == ("Johannes", "de", "1950-03-04")
    assert (vries.sex, vries.postcode, vries.house_number, vries.bsn) == (
        Sex.MALE,
        "2011 AB",
        12,
        "111222333",
    )
    assert vries.current_status == Status.HOSPITALISED
    assert vries.current_whereabouts == Whereabouts.HOSPITAL
    assert vries.current_place == "Spaarne Gasthuis, IC"
    berg = Person.objects.get(surname="Berg")
    assert (berg.current_status, berg.current_whereabouts) == (Status.INJURED, Whereabouts.HOSPITAL)
    assert (berg.house_number, berg.house_addition) == (7, "A")
    amrani = Person.objects.get(surname="El Amrani")
    assert (amrani.current_status, amrani.current_whereabouts) == (Status.INJURED, Whereabouts.HOME)
    assert amrani.birth_year == 1988 and amrani.birth_month is None
    entry = StatusEntry.objects.get(person=vries)
    assert entry.source == Source.HOSPITAL and entry.batch == result.batch
    assert ExternalRef.objects.filter(sender=hospital).count() == 3
    batch = ImportBatch.objects.get()
    assert (batch.rows, batch.created, batch.updated, batch.unchanged) == (3, 3, 0, 0)
    audit = AuditEntry.objects.get(action=AuditAction.REGISTRY_IMPORT.value)
    assert audit.changes["created"] == 3
    hospital.refresh_from_db()
    assert hospital.mapping["surname"] == "Achternaam"
    assert hospital.mapping["row_id"] == "Patiëntnummer"
    # Matching ran once for the batch: every person is marked as matched.
    assert not Person.objects.filter(matched_at__isnull=True).exists()


def test_a_second_delivery_updates_the_same_people(rw: RegistryWorld, hospital: Sender) -> None:
    run(rw, hospital, csv_bytes(ROWS))
    again = run(rw, hospital, csv_bytes(ROWS))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Person.objects.count() == 3
    assert StatusEntry.objects.count() == 3
    changed = [ROWS[0], ROWS[1].replace(";SEH;", ";opgenomen;"), ROWS[2]]
    later = run(rw, hospital, csv_bytes(changed))
    assert (later.created, later.updated, later.unchanged) == (0, 1, 2)
    berg = Person.objects.get(surname="Berg")
    assert berg.current_status == Status.HOSPITALISED
    assert berg.history.count() == 2
    assert Person.objects.count() == 3


def test_the_sender_corrects_its_own_row(rw: RegistryWorld, hospital: Sender) -> None:
    run(rw, hospital, csv_bytes(ROWS))
    fixed = [ROWS[0].replace("4-3-1950", "5-3-1950"), *ROWS[1:]]
    result = run(rw, hospital, csv_bytes(fixed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Person.objects.get(surname="Vries").birth_day == 5


def test_without_row_ids_matching_finds_the_same_people(
    rw: RegistryWorld, hospital: Sender
) -> None:
    header = HEADER.replace("Patiëntnummer;", "")
    rows = [r.split(";", 1)[1] for r in ROWS]
    first = run(rw, hospital, csv_bytes(rows, header))
    assert first.created == 3
    again = run(rw, hospital, csv_bytes(rows, header))
    assert (again.created, again.unchanged) == (0, 3)
    assert Person.objects.count() == 3


def test_a_shelter_registration_is_found_by_matching_and_gets_the_hospital_status(
    rw: RegistryWorld, hospital: Sender
) -> None:
    person = register(rw, postcode="2011 AB", house_number=12)
    result = run(rw, hospital, csv_bytes(ROWS[:1]))
    assert (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert person.current_status == Status.HOSPITALISED
    assert person.history.count() == 2
    assert person.bsn == "111222333"  # an empty field filled
    assert ExternalRef.objects.get(sender=hospital, row_id="P-001").person == person


def test_a_possible_match_becomes_a_new_person_flagged_as_duplicate(
    rw: RegistryWorld, hospital: Sender
) -> None:
    register(rw, given="Johannes", prefix="de", surname="Vries", birth=(None, None, None))
    rows = ["P-009;Johan;de;Vries;;M;;;;opgenomen;"]
    result = run(rw, hospital, csv_bytes(rows))
    assert result.created == 1
    new = Person.objects.get(refs__row_id="P-009")
    assert PossibleDuplicate.objects.filter(other=new).exists()


def test_every_bad_row_is_reported_and_nothing_is_kept(rw: RegistryWorld, hospital: Sender) -> None:
    rows = [
        ROWS[0],
        "P-002;Maria;van der;Berg;31-2-1962;V;2012 CD;7;;SEH;",
        "P-003;Ahmed;;El Amrani;1988;M;B-1000;;123456789;ontslagen;",
        "P-004;Kees;;Bakker;1970;M;;;;zoekgeraakt;",
        "P-001;Piet;;Dubbel;1970;M;;;;opgenomen;",
        ";;;;;;;;;;",
        "P-006;;;;1970;M;;;;opgenomen;",
    ]
    result = run(rw, hospital, csv_bytes(rows))
    assert not result.ok
    found = {(p.line, p.column) for p in result.problems}
    assert found == {
        (3, "Geboortedatum"),
        (4, "Postcode"),
        (4, "BSN"),
        (5, "Status"),
        (6, "Patiëntnummer"),
        (8, "Achternaam"),
    }
    messages = " ".join(p.message for p in result.problems)
    assert "bestaat niet" in messages or "31-2-1962" in messages
    assert "elfproef" in messages
    assert "postcode" in messages
    assert "zoekgeraakt" in messages
    assert Person.objects.count() == 0
    assert not ImportBatch.objects.exists()
    assert StatusEntry.objects.count() == 0


def test_missing_columns_are_named(rw: RegistryWorld, hospital: Sender) -> None:
    data = csv_bytes(["1;Jan"], "Nr;Voornaam")
    result = run(rw, hospital, data, mapping={"given_names": "Voornaam"})
    assert not result.ok
    assert "achternaam" in result.problems[0].message
    result = run(rw, hospital, data, mapping={"surname": "Familie"})
    assert "Familie" in result.problems[0].message
    assert not Person.objects.exists()


def test_an_xlsx_list_with_dates_and_numbers_as_cells(rw: RegistryWorld, hospital: Sender) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Nr", "Naam", "Geb.datum", "BSN", "Status", "Tijdstip", "Telefoon"])
    sheet.append(
        [1001, "Johannes van der Berg", dt.datetime(1950, 3, 4), 12345672, "IC", None, 612345678]
    )
    sheet.append(
        [
            1002,
            "Berg, Anna van der",
            dt.date(1952, 1, 2),
            None,
            "Opgenomen",
            dt.datetime(2026, 1, 1, 9),
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    mapping = guessed(data, "lijst.xlsx")
    mapping["row_id"] = "Nr"
    result = run(rw, hospital, data, "lijst.xlsx", mapping=mapping)
    assert result.ok, result.problems
    jan = Person.objects.get(given_names="Johannes")
    assert (jan.prefix, jan.surname, jan.birth_text) == ("van der", "Berg", "1950-03-04")
    assert jan.bsn == "012345672"
    assert jan.phone == "+31612345678"
    assert ExternalRef.objects.filter(row_id="1001", person=jan).exists()
    anna = Person.objects.get(given_names="Anna")
    assert anna.status_at == dt.datetime(2026, 1, 1, 9, tzinfo=timezone.get_current_timezone())


def test_a_police_list_marks_the_deceased(rw: RegistryWorld) -> None:
    police = services.sender_create(
        incident=rw.incident, actor=rw.officer, name="Politie Noord-Holland", kind=SenderKind.POLICE
    )
    data = csv_bytes(
        ["PL-1;Kees;;Bakker;1940;M;Overleden", "PL-2;Els;;Bakker;1945;V;vermist"],
        "Kenmerk;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Geslacht;Toestand",
    )
    result = run(rw, police, data)
    assert result.ok, result.problems
    kees = Person.objects.get(given_names="Kees")
    assert kees.current_status == Status.DECEASED
    assert kees.history.get().source == Source.POLICE
    assert Person.objects.get(given_names="Els").current_status == Status.MISSING


def test_only_the_registry_roles_of_the_region_import(rw: RegistryWorld, hospital: Sender) -> None:
    with pytest.raises(ValidationError):
        list_import(
            incident=rw.incident,
            actor=rw.outsider,
            sender=hospital,
            file_name="l.csv",
            data=csv_bytes(ROWS),
            mapping=guessed(csv_bytes(ROWS)),
        )
    elsewhere = Sender.objects.create(
        region=rw.world.other_region, name="UMC Utrecht", kind=SenderKind.HOSPITAL
    )
    with pytest.raises(ValidationError):
        run(rw, elsewhere, csv_bytes(ROWS))
    assert not Person.objects.exists()


def test_an_upload_is_found_by_its_token_and_its_user_only(
    rw: RegistryWorld, hospital: Sender
) -> None:
    upload = services.upload_store(
        incident=rw.incident,
        actor=rw.officer,
        sender=hospital,
        file_name="lijst.csv",
        data=csv_bytes(ROWS),
    )
    assert upload.headers[3] == "Achternaam"
    assert upload_for_user(rw.officer, rw.incident, upload.token) == upload
    for user, token in ((rw.second_officer, upload.token), (rw.officer, "x" + upload.token[1:])):
        with pytest.raises(Http404):
            upload_for_user(user, rw.incident, token)
    old = ImportUpload.objects.filter(pk=upload.pk)
    old.update(created_at=timezone.now() - dt.timedelta(days=2))
    with pytest.raises(Http404):
        upload_for_user(rw.officer, rw.incident, upload.token)
    with pytest.raises(ValidationError):
        services.upload_store(
            incident=rw.incident,
            actor=rw.officer,
            sender=hospital,
            file_name="x.pdf",
            data=b"%PDF-1.4\x00\x01",
        )
    assert not old.exists()  # the stale upload was dropped at the next upload attempt
    fresh = services.upload_store(
        incident=rw.incident,
        actor=rw.officer,
        sender=hospital,
        file_name="lijst.csv",
        data=csv_bytes(ROWS),
    )
    assert stale_uploads_upkeep() == 0
    ImportUpload.objects.filter(pk=fresh.pk).update(
        created_at=timezone.now() - dt.timedelta(days=1)
    )
    assert stale_uploads_upkeep() == 1


def test_the_upkeep_matches_persons_left_unmatched(rw: RegistryWorld) -> None:
    first = register(rw)
    second = register(rw, given="Johannes", surname="Vries", birth=(1950, 3, 4))
    PossibleDuplicate.objects.all().delete()
    past = timezone.now() - dt.timedelta(minutes=5)
    Person.objects.update(matched_at=None, updated_at=past)
    assert unmatched_upkeep() == 2
    assert PossibleDuplicate.objects.filter(person=first, other=second).exists()
    assert unmatched_upkeep() == 0
    assert match_imported(rw.incident.pk, []) == 0


def test_an_imported_person_becomes_a_candidate_of_an_open_inquiry(
    rw: RegistryWorld, hospital: Sender
) -> None:
    from oranje.registry.models import Candidate
    from oranje.registry.services.inquiries import inquiry_create
    from oranje.registry.tests.factories import inquiry_data

    inquiry = inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    assert not inquiry.candidates.exists()
    run(rw, hospital, csv_bytes(ROWS))
    vries = Person.objects.get(surname="Vries")
    candidate = Candidate.objects.get(inquiry=inquiry, person=vries)
    assert candidate.reasons
    inquiry.refresh_from_db()
    assert inquiry.best_score == candidate.score


def test_a_large_list_is_matched_by_the_worker(
    rw: RegistryWorld, hospital: Sender, monkeypatch: pytest.MonkeyPatch, settings: object
) -> None:
    from oranje.registry.services import batch_matching, imports

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # type: ignore[attr-defined]
    monkeypatch.setattr(imports, "MATCH_AT_ONCE", 1)
    calls: list[int] = []
    real = batch_matching.match_imported
    monkeypatch.setattr(
        batch_matching, "match_imported", lambda i, ids: calls.append(len(ids)) or real(i, ids)
    )
    result = run(rw, hospital, csv_bytes(ROWS))
    assert result.created == 3
    assert calls == [3]  # through the task, once for the batch
    assert not Person.objects.filter(matched_at__isnull=True).exists()


def test_a_match_with_a_doubt_is_never_attached_by_a_list(
    rw: RegistryWorld, hospital: Sender
) -> None:
    """Day and month swapped, or another BSN: a person decides, the list adds a new person
    (flagged as a possible duplicate) instead of putting a hospital status on someone else."""
    swapped = register(rw, given="Willem", prefix="de", surname="Jong", birth=(1940, 7, 1))
    other_bsn = register(
        rw, given="Maria", prefix="van der", surname="Berg", birth=(1962, 7, 12), bsn="123456782"
    )
    rows = [
        "P-010;Willem;de;Jong;7-1-1940;M;;;;opgenomen;",
        "P-011;Maria;van der;Berg;12-7-1962;V;;;111222333;opgenomen;",
    ]
    result = run(rw, hospital, csv_bytes(rows))
    assert (result.created, result.updated) == (2, 0)
    for person in (swapped, other_bsn):
        person.refresh_from_db()
        assert person.current_status == Status.UNHARMED
