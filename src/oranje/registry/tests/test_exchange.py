"""PFIF import: the round trip, idempotence, append-only notes, duplicate links, every bad
record reported with nothing imported, exercises kept apart, hostile XML refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from lxml import etree

from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import DuplicateState, ReadKind, Source, Status, Whereabouts
from oranje.registry.models import (
    ExternalRef,
    Merge,
    Person,
    PfifNote,
    PossibleDuplicate,
    ReadLog,
    StatusEntry,
)
from oranje.registry.services.exchange import build_export
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db

NS = {"pfif": "http://zesty.ca/pfif/1.4"}
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">'


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def doc(*records: str) -> bytes:
    return (HEAD + "".join(records) + "</pfif:pfif>").encode()


def person(ident: str = "pf.example.org/p1", name: str = "Johannes de Vries", **extra: str) -> str:
    fields = {"source_date": "2026-01-02T10:00:00Z", **extra}
    inner = "".join(f"<pfif:{k}>{v}</pfif:{k}>" for k, v in fields.items() if k != "notes")
    return (
        f"<pfif:person><pfif:person_record_id>{ident}</pfif:person_record_id>"
        f"<pfif:full_name>{name}</pfif:full_name>{inner}{extra.get('notes', '')}</pfif:person>"
    )


def note(ident: str, text: str = "Gezien bij het station", **extra: str) -> str:
    fields = {"author_name": "Rode Kruis", "source_date": "2026-01-02T11:00:00Z", **extra}
    inner = "".join(f"<pfif:{k}>{v}</pfif:{k}>" for k, v in fields.items())
    return (
        f"<pfif:note><pfif:note_record_id>{ident}</pfif:note_record_id>{inner}"
        f"<pfif:text>{text}</pfif:text></pfif:note>"
    )


def other_incident(rw: RegistryWorld) -> RegistryWorld:
    return RegistryWorld(
        world=rw.world,
        incident=start_incident(rw.world, title="Tweede incident"),
        officer=rw.officer,
        second_officer=rw.second_officer,
        coordinator=rw.coordinator,
        outsider=rw.outsider,
    )


def persons_of(data: bytes) -> dict[str, dict[str, object]]:
    """person_record_id -> its person fields (less the copy's own dates) and its notes."""
    root = etree.fromstring(data)
    out: dict[str, dict[str, object]] = {}
    for element in root.findall("pfif:person", NS):
        fields = {
            etree.QName(c).localname: c.text
            for c in element
            if etree.QName(c).localname
            not in ("note", "entry_date", "source_date", "author_name", "source_name")
        }
        notes = sorted(
            tuple(sorted((etree.QName(c).localname, c.text) for c in n))
            for n in element.findall("pfif:note", NS)
        )
        out[str(fields["person_record_id"])] = {"fields": fields, "notes": notes}
    return out


def populated(rw: RegistryWorld) -> None:
    anna = register(
        rw,
        given="Anna",
        prefix="van der",
        surname="Berg",
        birth=(1950, 3, None),
        sex="V",
        postcode="2011 AB",
        street="Kruisweg",
        city="Haarlem",
    )
    Person.objects.filter(pk=anna.pk).update(share_whereabouts=True)
    anna.refresh_from_db()
    services.person_status_change(
        person=anna,
        actor=rw.officer,
        status=services.StatusData(
            status=Status.HOSPITALISED,
            whereabouts=Whereabouts.HOSPITAL,
            place="Spaarne Gasthuis",
            source=Source.HOSPITAL,
        ),
    )
    kees = register(rw, given="Kees", prefix="", surname="Jansen", birth=(1980, None, None))
    services.person_status_change(
        person=kees,
        actor=rw.officer,
        status=services.StatusData(status=Status.MISSING, whereabouts=Whereabouts.UNKNOWN),
    )
    twin = register(rw, given="Kees", prefix="", surname="Janssen", birth=(1980, None, None))
    Merge.objects.create(incident=rw.incident, kept=kees, merged=twin)
    Person.objects.filter(pk=twin.pk).update(merged_into=kees)


def test_round_trip_gives_the_same_persons_and_notes_and_twice_adds_nothing(
    rw: RegistryWorld,
) -> None:
    populated(rw)
    first = services.pfif_export(incident=rw.incident, actor=rw.coordinator)
    target = other_incident(rw)
    report = services.pfif_import(
        incident=target.incident, actor=rw.officer, data=first.data, file_name="a.xml"
    )
    assert report.ok, report.problems
    assert (report.persons_new, report.persons_known) == (3, 0)
    assert report.notes_new == first.notes
    assert report.duplicates == 1  # the merge came back as a possible duplicate, not a merge
    copies = Person.objects.filter(incident=target.incident)
    anna = copies.get(surname="Berg")
    assert (anna.given_names, anna.prefix, anna.birth_year, anna.birth_month) == (
        "Anna",
        "van der",
        1950,
        3,
    )
    assert (anna.sex, anna.postcode, anna.street, anna.city) == (
        "V",
        "2011 AB",
        "Kruisweg",
        "Haarlem",
    )
    assert (anna.current_status, anna.current_whereabouts, anna.current_place) == (
        Status.HOSPITALISED,
        Whereabouts.HOSPITAL,
        "Spaarne Gasthuis",
    )
    assert copies.get(surname="Jansen").current_status == Status.MISSING
    assert not copies.filter(merged_into__isnull=False).exists()
    pair = PossibleDuplicate.objects.get(incident=target.incident)
    assert pair.state == DuplicateState.OPEN
    # The copy exported again says what the original said.
    second = services.pfif_export(incident=target.incident, actor=rw.coordinator)
    assert persons_of(second.data) == persons_of(first.data)
    # Importing again adds nothing.
    counts = (Person.objects.count(), StatusEntry.objects.count(), PfifNote.objects.count())
    again = services.pfif_import(incident=target.incident, actor=rw.officer, data=first.data)
    assert again.ok
    assert (again.persons_new, again.notes_new, again.entries, again.duplicates) == (0, 0, 0, 0)
    assert again.persons_known == 3
    assert (Person.objects.count(), StatusEntry.objects.count(), PfifNote.objects.count()) == counts
    # And our own export coming back to its own incident adds nothing either.
    home = services.pfif_import(incident=rw.incident, actor=rw.officer, data=first.data)
    assert (home.persons_new, home.notes_new, home.persons_known) == (0, 0, 3)


def test_foreign_notes_append_only_and_the_status_they_give(rw: RegistryWorld) -> None:
    data = doc(
        person(
            given_name="Johannes",
            family_name="de Vries",
            date_of_birth="1950-03-04",
            sex="male",
            age="70-80",
            home_city="Haarlem",
            home_postal_code="2011ab",
            alternate_names="Hans",
            notes=note("pf.example.org/n1", status="believed_missing")
            + note(
                "pf.example.org/n2",
                status="believed_alive",
                source_date="2026-01-02T12:00:00Z",
                last_known_location="Sporthal Zuid",
            ),
        )
    )
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=data)
    assert report.ok, report.problems
    assert (report.persons_new, report.notes_new, report.entries) == (1, 2, 2)
    johannes = Person.objects.get(incident=rw.incident)
    assert (johannes.given_names, johannes.prefix, johannes.surname) == ("Johannes", "de", "Vries")
    assert (johannes.birth_day, johannes.sex, johannes.age_estimate) == (4, "M", 75)
    assert johannes.postcode == "2011 AB"
    assert "PFIF alternate_names: Hans" in johannes.note
    # Believed alive from outside is never "unharmed": unknown, at the place given.
    assert johannes.current_status == Status.UNKNOWN
    assert johannes.current_place == "Sporthal Zuid"
    ref = ExternalRef.objects.get(person=johannes)
    assert (ref.row_id, ref.sender.name, ref.sender.kind) == (
        "pf.example.org/p1",
        "pf.example.org",
        "other",
    )
    # A third note later: only it is added.
    more = doc(
        person(notes=note("pf.example.org/n1") + note("pf.example.org/n3", status="believed_dead"))
    )
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=more)
    assert (report.persons_new, report.persons_known, report.notes_new, report.notes_known) == (
        0,
        1,
        1,
        1,
    )
    johannes.refresh_from_db()
    assert PfifNote.objects.filter(person=johannes).count() == 3


def test_believed_alive_keeps_a_known_alive_status(rw: RegistryWorld) -> None:
    anna = register(rw)  # unharmed, in a shelter, now
    ident = f"oranje.vr12.nl/person.{anna.pk}"
    later = (timezone.now() + dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = doc(
        note(
            "pf.example.org/n9", status="believed_alive", person_record_id=ident, source_date=later
        )
    )
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=data)
    assert report.ok, report.problems
    assert (report.notes_new, report.entries) == (1, 0)
    anna.refresh_from_db()
    assert anna.current_status == Status.UNHARMED


def test_a_link_becomes_a_possible_duplicate_never_a_merge(rw: RegistryWorld) -> None:
    data = doc(
        person("pf.example.org/p1", "Jan Smit"),
        person(
            "pf.example.org/p2",
            "Jan Smid",
            notes=note(
                "pf.example.org/n1",
                "Zelfde persoon, andere spelling",
                linked_person_record_id="pf.example.org/p1",
            ),
        ),
    )
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=data)
    assert report.ok and report.duplicates == 1
    pair = PossibleDuplicate.objects.get(incident=rw.incident)
    assert pair.state == DuplicateState.OPEN
    assert any("andere spelling" in reason for reason in pair.reasons)
    assert not Person.objects.filter(merged_into__isnull=False).exists()
    assert not Merge.objects.exists()


def test_every_bad_record_is_reported_and_nothing_is_imported(rw: RegistryWorld) -> None:
    data = doc(
        person("pf.example.org/ok", "Goede Persoon"),
        person("zonder-domein", "Slecht Een", sex="vrouw"),
        person(
            "pf.example.org/p3", "Slecht Twee", date_of_birth="1950-02-30", source_date="gisteren"
        ),
        "<pfif:person><pfif:person_record_id>pf.example.org/p4</pfif:person_record_id>"
        "<pfif:source_date>2026-01-02T10:00:00Z</pfif:source_date></pfif:person>",
        note("pf.example.org/n1"),
    )
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=data)
    assert not report.ok
    found = {(p.record, p.field) for p in report.problems}
    assert ("person zonder-domein", "person_record_id") in found
    assert ("person zonder-domein", "sex") in found
    assert ("person pf.example.org/p3", "source_date") in found
    assert ("person pf.example.org/p4", "full_name") in found
    assert ("note pf.example.org/n1", "person_record_id") in found
    assert not Person.objects.filter(incident=rw.incident).exists()


def test_a_bad_value_found_after_the_format_check_still_imports_nothing(rw: RegistryWorld) -> None:
    data = doc(
        person("pf.example.org/ok", "Goede Persoon"),
        person("pf.example.org/p2", "Slecht Twee", date_of_birth="1950-02-30"),
        note("pf.example.org/n1", person_record_id="pf.example.org/onbekend"),
    )
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=data)
    assert [(p.record, p.field) for p in report.problems] == [
        ("person pf.example.org/p2", "date_of_birth")
    ]
    report = services.pfif_import(
        incident=rw.incident,
        actor=rw.officer,
        data=doc(
            person("pf.example.org/ok", "Goede Persoon"),
            note("pf.example.org/n1", person_record_id="pf.example.org/onbekend"),
        ),
    )
    assert [(p.record, p.field) for p in report.problems] == [
        ("note pf.example.org/n1", "person_record_id")
    ]
    assert not Person.objects.filter(incident=rw.incident).exists()


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">&b;</pfif:pfif>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">&e;</pfif:pfif>',
        b"<pfif:pfif",
        b'<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.2"></pfif:pfif>',
        b"\xff\xfe\x00",
        b"",
    ],
)
def test_hostile_or_foreign_xml_is_refused_with_a_message(rw: RegistryWorld, data: bytes) -> None:
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=data)
    assert not report.ok and report.problems[0].message


def test_exercise_data_never_enters_a_real_incident(world: World, rw: RegistryWorld) -> None:
    drill = build_registry_exercise(world, rw)
    register(drill)
    data = build_export(drill.incident).data
    report = services.pfif_import(incident=rw.incident, actor=rw.officer, data=data)
    assert not report.ok
    assert report.problems[0].field == "source_name"
    assert "OEFENING" in report.problems[0].message
    # An exercise incident takes it.
    other = services.pfif_import(
        incident=start_incident(world, exercise=True, title="Tweede oefening"),
        actor=rw.officer,
        data=data,
    )
    assert other.ok


def build_registry_exercise(world: World, rw: RegistryWorld) -> RegistryWorld:
    return RegistryWorld(
        world=world,
        incident=start_incident(world, exercise=True, title="Oefening"),
        officer=rw.officer,
        second_officer=rw.second_officer,
        coordinator=rw.coordinator,
        outsider=rw.outsider,
    )


def test_export_and_import_are_audited_logged_and_for_the_right_roles(rw: RegistryWorld) -> None:
    register(rw)
    with pytest.raises(ValidationError):
        services.pfif_export(incident=rw.incident, actor=rw.officer)  # an officer: no
    with pytest.raises(ValidationError):
        services.pfif_import(incident=rw.incident, actor=rw.outsider, data=b"")
    export = services.pfif_export(incident=rw.incident, actor=rw.coordinator)
    assert export.persons == 1 and export.file_name.endswith(".xml")
    entry = AuditEntry.objects.get(action="registry.export")
    assert entry.changes["persons"] == 1
    assert ReadLog.objects.filter(kind=ReadKind.EXPORT, user=rw.coordinator).count() == 1
    target = other_incident(rw)
    services.pfif_import(incident=target.incident, actor=rw.officer, data=export.data)
    assert AuditEntry.objects.get(action="registry.import").changes["persons_new"] == 1


def test_a_future_note_is_refused(rw: RegistryWorld) -> None:
    future = (timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    report = services.pfif_import(
        incident=rw.incident,
        actor=rw.officer,
        data=doc(person(notes=note("pf.example.org/n1", source_date=future))),
    )
    assert [(p.record, p.field) for p in report.problems] == [
        ("note pf.example.org/n1", "source_date")
    ]


def test_a_merged_clone_keeps_its_foreign_id_and_is_linked(rw: RegistryWorld) -> None:
    native = register(rw, given="Jan", prefix="", surname="Smit", birth=(1960, 5, 6))
    report = services.pfif_import(
        incident=rw.incident,
        actor=rw.officer,
        data=doc(person("pf.example.org/p1", "Jan Smit", date_of_birth="1960-05-06")),
    )
    assert report.ok
    clone = Person.objects.get(refs__row_id="pf.example.org/p1")
    services.person_merge(kept=native, merged=clone, actor=rw.officer)
    root = etree.fromstring(build_export(rw.incident).data)
    ids = root.xpath("//pfif:person/pfif:person_record_id/text()", namespaces=NS)
    assert sorted(ids) == sorted([f"oranje.vr12.nl/person.{native.pk}", "pf.example.org/p1"])
    links = root.xpath("//pfif:linked_person_record_id/text()", namespaces=NS)
    assert sorted(links) == sorted(ids)
    # A later note about the foreign record reaches the kept person.
    more = doc(
        person(
            "pf.example.org/p1",
            "Jan Smit",
            notes=note("pf.example.org/n7", status="believed_missing"),
        )
    )
    services.pfif_import(incident=rw.incident, actor=rw.officer, data=more)
    assert PfifNote.objects.get(note_record_id="pf.example.org/n7").person_id == native.pk


def test_received_notes_are_anonymised_and_deleted_with_the_registry(
    world: World, rw: RegistryWorld
) -> None:
    from oranje.registry.services.retention import exercise_delete, incident_anonymise

    data = doc(person(notes=note("pf.example.org/n1", "Zoon belde", last_known_location="Zuid")))
    assert services.pfif_import(incident=rw.incident, actor=rw.officer, data=data).ok
    incident_anonymise(incident=rw.incident)
    kept = PfifNote.objects.get()
    assert (kept.text, kept.author_name, kept.last_known_location) == ("", "", "")
    drill = build_registry_exercise(world, rw)
    assert services.pfif_import(incident=drill.incident, actor=rw.officer, data=data).ok
    exercise_delete(incident=drill.incident)
    assert not PfifNote.objects.filter(incident=drill.incident).exists()
