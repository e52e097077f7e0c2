"""The living dossier's services: an entry with its first version and context, Dutch
messages naming the field for an empty or wrong entry, new versions from another region,
comments, links only to evaluations the actor may read, search text kept, audit entries; a
new version credited only to a work session the writer's region hosts or takes part in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, User
from oranje.incidents.tests.factories import start_incident
from oranje.learning.models import Entry, Evaluation, Finding, WorkSession
from oranje.learning.services import dossier as services
from oranje.organisation.tests.factories import World
from oranje.quality.tests.actions_helpers import monitor

pytestmark = pytest.mark.django_db

DAY = dt.date(2015, 11, 12)


@pytest.fixture
def qm(world: World) -> User:
    return monitor(world.region)


@pytest.fixture
def other(world: World) -> User:
    return monitor(world.other_region, username="utrecht")


def _evaluation(world: World, region: object = None) -> Evaluation:
    incident = start_incident(world)
    return Evaluation.objects.create(
        region=region or world.region,
        incident=incident,
        title="Evaluatie gasstoring",
        methods=["debrief"],
        held_on=timezone.localdate(),
    )


def _new(actor: User, world: World, **kw: object) -> Entry:
    fields: dict[str, object] = {
        "region": world.region,
        "theme": "on_call",
        "kind": "practice",
        "title": "Zacht piket",
        "text": "Van hard naar zacht piket waar het kan.",
    }
    fields.update(kw)
    return services.entry_create(actor=actor, **fields)  # type: ignore[arg-type]


def test_create_writes_version_one_search_text_and_audit(qm: User, world: World) -> None:
    session = WorkSession.objects.create(
        title="Werksessie 2015", held_on=timezone.localdate(), host_region=world.region
    )
    entry = _new(qm, world, work_session=session)
    assert entry.version == 1 and entry.status == "proposal"
    version = entry.versions.get()
    assert (version.number, version.region, version.title) == (1, world.region, "Zacht piket")
    assert "piket" in entry.search_text and "goede praktijk" in entry.search_text.lower()
    assert AuditEntry.objects.filter(action=AuditAction.ENTRY_SAVE, object_id=str(entry.pk))


def test_empty_entry_names_each_field_in_dutch(qm: User, world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _new(qm, world, title="  ", text="", theme="?", kind="")
    errors = caught.value.message_dict
    assert errors["title"] == ["Titel: geef het item een korte titel."]
    assert errors["text"] == ["Tekst: schrijf de vraag, praktijk of het voorstel op."]
    assert "Thema" in errors["theme"][0] and "Soort" in errors["kind"][0]
    assert not Entry.objects.exists()


def test_region_and_incident_must_be_the_writers(qm: User, other: User, world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _new(qm, world, region=world.other_region)
    assert "region" in caught.value.message_dict
    incident = start_incident(world)
    with pytest.raises(ValidationError) as caught:
        _new(other, world, region=world.other_region, incident=incident)
    assert "incident" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        _new(world.viewer, world)


def test_another_region_refines_by_a_new_version(qm: User, other: User, world: World) -> None:
    entry = _new(qm, world)
    services.entry_revise(
        actor=other,
        entry=entry,
        region=world.other_region,
        title="Zacht piket met een uurtaak",
        text=entry.text + " Met een taak van een uur.",
        status="tried",
        note="Uurtaak toegevoegd",
    )
    entry.refresh_from_db()
    assert (entry.version, entry.status, entry.region) == (2, "tried", world.region)
    latest = entry.versions.order_by("-number").first()
    assert latest is not None
    assert (latest.number, latest.region, latest.note) == (
        2,
        world.other_region,
        "Uurtaak toegevoegd",
    )
    assert "uurtaak" in entry.search_text.lower()
    # Nothing changed: a message on the text.
    with pytest.raises(ValidationError) as caught:
        services.entry_revise(
            actor=other,
            entry=entry,
            region=world.other_region,
            title=entry.title,
            text=entry.text,
            status=entry.status,
            note="Niets",
        )
    assert "text" in caught.value.message_dict
    # A new version says what changed: the versions table shows it.
    with pytest.raises(ValidationError) as caught:
        services.entry_revise(
            actor=other,
            entry=entry,
            region=world.other_region,
            title=entry.title,
            text=entry.text + " Ook in Utrecht.",
            status=entry.status,
            note="  ",
        )
    assert caught.value.message_dict["note"] == [
        "Wat is er veranderd: zeg in een paar woorden wat deze versie verandert."
    ]


def test_comments_record_the_region_and_are_searchable(qm: User, other: User, world: World) -> None:
    entry = _new(qm, world)
    comment = services.entry_comment(
        actor=other, entry=entry, region=world.other_region, text="In Utrecht werkt dit ook."
    )
    assert comment.region == world.other_region and comment.author_name
    entry.refresh_from_db()
    assert "Utrecht werkt dit ook" in entry.search_text
    with pytest.raises(ValidationError) as caught:
        services.entry_comment(actor=other, entry=entry, region=world.other_region, text=" ")
    assert caught.value.message_dict["text"] == ["Reactie: schrijf uw reactie."]
    # Any member comments, under a region of their membership; a national one as "landelijk".
    by_viewer = services.entry_comment(
        actor=world.viewer, entry=entry, region=world.region, text="Ook goed."
    )
    assert by_viewer.region == world.region
    with pytest.raises(ValidationError) as caught:
        services.entry_comment(actor=world.viewer, entry=entry, region=world.other_region, text="x")
    assert caught.value.message_dict["region"] == ["Regio: kies een regio waarvan u lid bent."]
    with pytest.raises(ValidationError):
        services.entry_comment(actor=world.viewer, entry=entry, region=None, text="x")
    national = monitor(None, username="landelijk")
    assert services.entry_comment(actor=national, entry=entry, region=None, text="y").region is None
    with pytest.raises(ValidationError):
        services.entry_comment(actor=national, entry=entry, region=world.region, text="y")
    nobody = User.objects.create_user(username="nobody", password="x" * 20)
    with pytest.raises(PermissionDenied):
        services.entry_comment(actor=nobody, entry=entry, region=None, text="x")


def test_links_only_to_evaluations_the_actor_may_read(qm: User, other: User, world: World) -> None:
    evaluation = _evaluation(world)
    finding = Finding.objects.create(
        evaluation=evaluation, process="communication", kind="improve", text="Bericht laat."
    )
    entry = _new(qm, world, finding=finding)
    assert list(entry.findings.all()) == [finding]
    assert list(entry.evaluations.all()) == [evaluation]
    with pytest.raises(ValidationError) as caught:
        services.entry_link(actor=other, entry=entry, evaluation=evaluation)
    assert "evaluation" in caught.value.message_dict
    with pytest.raises(ValidationError):
        _new(other, world, region=world.other_region, finding=finding)
    services.entry_link(actor=qm, entry=entry, evaluation=evaluation, remove=True)
    assert not entry.evaluations.exists() and not entry.findings.exists()
    services.entry_link(actor=qm, entry=entry, finding=finding)
    assert entry.evaluations.count() == 1 and entry.findings.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.ENTRY_LINK).count() == 2


def test_a_new_version_names_the_work_session_it_was_refined_at(
    qm: User, other: User, world: World
) -> None:
    entry = _new(qm, world)
    # Utrecht took part in this session; Kennemerland's monitor alone did not host it.
    utrecht_session = WorkSession.objects.create(title="Werksessie Utrecht", held_on=DAY)
    utrecht_session.regions.set([world.other_region])
    elsewhere = WorkSession.objects.create(
        title="Werksessie elders", held_on=DAY, host_region=world.region
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_revise(
            actor=other,
            entry=entry,
            region=world.other_region,
            title=entry.title,
            text=entry.text + " Ook in Utrecht.",
            status="tried",
            work_session=elsewhere,
        )
    assert caught.value.message_dict["work_session"] == [
        "Werksessie: kies een werksessie die uw regio organiseert of waaraan zij deelneemt."
    ]
    assert Entry.objects.get(pk=entry.pk).version == 1
    services.entry_revise(
        actor=other,
        entry=entry,
        region=world.other_region,
        title=entry.title,
        text=entry.text + " Ook in Utrecht.",
        status="tried",
        note="Utrecht probeerde het",
        work_session=utrecht_session,
    )
    latest = entry.versions.get(number=2)
    assert latest.work_session == utrecht_session
    assert entry.versions.get(number=1).work_session is None
    saved = AuditEntry.objects.filter(action=AuditAction.ENTRY_SAVE).order_by("pk").last()
    assert saved is not None and saved.changes["work_session"] == [None, utrecht_session.pk]
    # The host region's monitor may credit a version to the session its region hosts.
    services.entry_revise(
        actor=qm,
        entry=entry,
        region=world.region,
        title=entry.title,
        text=entry.text + " En nu overal.",
        status="practice",
        note="Overal ingevoerd",
        work_session=elsewhere,
    )
    assert entry.versions.get(number=3).work_session == elsewhere


def test_a_new_entry_names_only_a_work_session_of_the_writers_region(
    qm: User, world: World
) -> None:
    """As for a new version: a session the writer's region neither hosts nor takes part in is
    refused on the field (the entry's first version would be credited to it)."""
    elsewhere = WorkSession.objects.create(
        title="Werksessie elders", held_on=timezone.localdate(), host_region=world.other_region
    )
    with pytest.raises(ValidationError) as caught:
        _new(qm, world, work_session=elsewhere)
    assert caught.value.message_dict["work_session"] == [
        "Werksessie: kies een werksessie die uw regio organiseert of waaraan zij deelneemt."
    ]
    assert not Entry.objects.filter(work_session=elsewhere).exists()
