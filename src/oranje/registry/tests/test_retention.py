"""Retention: a real incident's registry is anonymised after the region's period (counts stay,
resumable, audited once); an exercise's registry is deleted; the worker's upkeep also redoes
the matching a dying process lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.registry import matching, selectors, services
from oranje.registry.constants import CallOutcome, ReadKind, Status, Whereabouts
from oranje.registry.models import (
    CallBack,
    ExternalRef,
    Inquiry,
    Person,
    PfifNote,
    PossibleDuplicate,
    ReadLog,
    RegistrySettings,
    RetentionRun,
    Sender,
    StatusEntry,
)
from oranje.registry.services import persons as person_services
from oranje.registry.services import retention
from oranje.registry.services.batch_matching import UPKEEP_GRACE, unmatched_upkeep
from oranje.registry.services.inquiries import inquiry_create
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _fill(rw: RegistryWorld) -> list[Person]:
    people = [
        register(rw, phone="+31612345678", postcode="2011AB", house_number=4, bsn="111222333"),
        register(
            rw,
            given="Pieter",
            prefix="",
            surname="Bakker",
            status=Status.HOSPITALISED,
            where=Whereabouts.HOSPITAL,
            note="kamer 12",
        ),
        register(rw, given="Grietje", prefix="", surname="Smit", status=Status.DECEASED),
    ]
    inquiry = inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    CallBack.objects.create(inquiry=inquiry, outcome=CallOutcome.REACHED, note="Dochter gebeld")
    sender = Sender.objects.create(region=rw.world.region, name="Spaarne", kind="hospital")
    ExternalRef.objects.create(
        incident=rw.incident, sender=sender, row_id="PAT-991", person=people[1]
    )
    PfifNote.objects.create(
        incident=rw.incident,
        note_record_id="example.org/note.1",
        person=people[0],
        author_name="Karin Jansen",
        source_at=timezone.now(),
        last_known_location="bij de buren",
        text="Gezien bij de buren op nummer 6",
    )
    services.read_logged(
        user=rw.officer,
        incident=rw.incident,
        kind=ReadKind.PERSON,
        object_id=people[0].pk,
        what="zoek: de Vries",
    )
    services.read_logged(
        user=rw.officer, incident=rw.incident, kind=ReadKind.LIST, what="personen p1 zoek 'Vries'"
    )
    services.read_logged(
        user=rw.officer, incident=rw.incident, kind=ReadKind.LIST, what="dodenlijst.pdf"
    )
    return people


def _close(rw: RegistryWorld, ago: dt.timedelta) -> None:
    rw.incident.closed_at = timezone.now() - ago
    rw.incident.save(update_fields=["closed_at"])


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    moment = dt.datetime(2026, 8, 31, 12, tzinfo=dt.UTC)
    assert retention.add_months(moment, 6) == dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC)
    assert retention.add_months(moment, 1).month == 9


def test_nothing_happens_before_the_period_ends(rw: RegistryWorld) -> None:
    _fill(rw)
    assert retention.retention_upkeep() == []  # open
    _close(rw, dt.timedelta(days=170))
    assert retention.retention_upkeep() == []  # six months not yet over
    RegistrySettings.objects.create(region=rw.world.region, retention_months=3)
    assert retention.retention_upkeep() == [rw.incident.pk]


def test_anonymising_keeps_nothing_identifying_and_the_same_counts(rw: RegistryWorld) -> None:
    people = _fill(rw)
    before = selectors.counts(rw.incident)
    _close(rw, dt.timedelta(days=200))
    assert retention.retention_upkeep() == [rw.incident.pk]
    assert selectors.counts(rw.incident) == before
    for person in Person.objects.filter(incident=rw.incident):
        assert person.anonymised_at is not None
        assert not any(
            [
                person.given_names,
                person.surname,
                person.prefix,
                person.phone,
                person.bsn,
                person.postcode,
                person.house_number,
                person.birth_year,
                person.note,
            ]
        )
    assert [p.current_status for p in Person.objects.order_by("pk")] == [
        p.current_status for p in people
    ]
    assert not StatusEntry.objects.filter(person__incident=rw.incident).exclude(note="").exists()
    inquiry = Inquiry.objects.get(incident=rw.incident)
    assert (inquiry.caller_name, inquiry.caller_phone, inquiry.surname) == ("", "", "")
    assert CallBack.objects.get().note == "" and CallBack.objects.get().outcome == "reached"
    assert not ExternalRef.objects.exists()
    note = PfifNote.objects.get()
    assert (note.author_name, note.last_known_location, note.text) == ("", "", "")
    assert not PossibleDuplicate.objects.exclude(reasons=[]).exists()
    # The read log keeps who read which record when; not what they searched for.
    read = ReadLog.objects.get(kind=ReadKind.PERSON)
    assert read.object_id == people[0].pk and read.user == rw.officer and read.what == ""
    lists = ReadLog.objects.filter(kind=ReadKind.LIST).order_by("pk")
    assert list(lists.values_list("what", flat=True)) == ["", "dodenlijst.pdf"]
    # The audit keeps who registered whom (by number), without the names.
    registered = AuditEntry.objects.filter(action="registry.person_register")
    assert registered.count() == 3
    assert all(e.object_repr.startswith("#") for e in registered)
    assert AuditEntry.objects.filter(action="registry.anonymise").count() == 1
    run = RetentionRun.objects.get(incident=rw.incident)
    assert run.finished_at and run.persons == 3 and run.inquiries == 1
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(rw.coordinator)
    page = client.get(reverse("registry:settings", args=[rw.incident.pk])).content.decode()
    assert "is geanonimiseerd op" in page


def test_anonymising_resumes_after_a_crash_and_audits_once(
    rw: RegistryWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(rw)
    _close(rw, dt.timedelta(days=200))
    monkeypatch.setattr(retention, "BATCH", 1)
    calls = {"n": 0}
    original = retention._anonymise_persons

    def dies_after_two(incident_id: int, after: int, now: dt.datetime) -> int | None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker killed")
        return original(incident_id, after, now)

    monkeypatch.setattr(retention, "_anonymise_persons", dies_after_two)
    with pytest.raises(RuntimeError):
        retention.incident_anonymise(incident=rw.incident)
    # Two batches committed, the third never ran.
    assert Person.objects.filter(anonymised_at__isnull=False).count() == 2
    assert RetentionRun.objects.get().finished_at is None
    assert not AuditEntry.objects.filter(action="registry.anonymise").exists()
    monkeypatch.setattr(retention, "_anonymise_persons", original)
    assert retention.retention_upkeep() == [rw.incident.pk]
    assert not Person.objects.filter(anonymised_at__isnull=True).exists()
    assert not Inquiry.objects.filter(anonymised_at__isnull=True).exists()
    retention.incident_anonymise(incident=rw.incident)  # once more: nothing new
    assert AuditEntry.objects.filter(action="registry.anonymise").count() == 1
    assert retention.retention_upkeep() == []


def test_an_exercise_registry_is_deleted_a_month_after_it_closes(world: World) -> None:
    rw = build_registry(world, exercise=True)
    people = _fill(rw)
    services.read_logged(user=rw.officer, incident=rw.incident, kind=ReadKind.LIST, what="x")
    Person.objects.filter(pk=people[2].pk).update(merged_into=people[0])
    _close(rw, dt.timedelta(days=20))
    assert retention.retention_upkeep() == []
    _close(rw, dt.timedelta(days=31))
    assert retention.retention_upkeep() == [rw.incident.pk]
    assert not Person.objects.filter(incident=rw.incident).exists()
    assert not Inquiry.objects.filter(incident=rw.incident).exists()
    assert not ReadLog.objects.filter(incident=rw.incident).exists()
    entry = AuditEntry.objects.get(action="registry.delete")
    assert entry.changes == {"persons": 3, "inquiries": 1}
    with pytest.raises(ValueError):
        retention.exercise_delete(incident=build_registry_real(world))


def build_registry_real(world: World):  # type: ignore[no-untyped-def]
    from oranje.incidents.tests.factories import start_incident

    return start_incident(world, title="Echt")


def test_deleting_the_exercise_deletes_its_registry(world: World) -> None:
    rw = build_registry(world, exercise=True)
    _fill(rw)
    incident_id = rw.incident.pk
    rw.incident.delete()
    assert not Person.objects.filter(incident_id=incident_id).exists()
    assert not ReadLog.objects.filter(incident_id=incident_id).exists()


def test_the_upkeep_matches_a_person_whose_after_commit_step_was_lost(
    rw: RegistryWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = register(rw)
    # The process dies right after the commit: the after-commit step never runs.
    monkeypatch.setattr(person_services, "after_commit", lambda fn: None)
    twin = register(rw, given="Johannes", surname="Vries")
    assert Person.objects.get(pk=twin.pk).matched_at is None
    assert not PossibleDuplicate.objects.exists()
    # Too fresh: a live process's own step goes first.
    assert unmatched_upkeep() == 0
    Person.objects.filter(pk=twin.pk).update(
        updated_at=timezone.now() - UPKEEP_GRACE - dt.timedelta(seconds=1)
    )
    # The worker is another process, with its own index.
    matching.forget(rw.incident.pk)
    assert unmatched_upkeep() == 1
    pair = PossibleDuplicate.objects.get()
    assert {pair.person_id, pair.other_id} == {first.pk, twin.pk}
    assert Person.objects.get(pk=twin.pk).matched_at is not None
    assert unmatched_upkeep() == 0


def test_the_upkeep_is_registered_with_the_worker() -> None:
    from oranje.core import worker

    assert "registry.unmatched" in worker._upkeep
    assert "registry.retention" in worker._upkeep
