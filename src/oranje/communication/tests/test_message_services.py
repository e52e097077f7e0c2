"""Messages: drafting with versions, approval (four eyes for a warning), publishing, and
follow-ups instead of edits of what was published."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from oranje.communication.models import Message
from oranje.communication.services import messages as services
from oranje.communication.services.messages import MessageData
from oranje.communication.tests.messages_helpers import AREA, adviser, public_data, warning_data
from oranje.core.models import AuditEntry
from oranje.incidents.services.incidents import incident_close
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _audit(message: Message) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="message", object_id=str(message.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_draft_starts_as_version_one_by_its_writer(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    message = services.message_create(incident=incident, actor=anna, data=public_data())
    assert message.status == "draft"
    assert message.version == 1
    (version,) = message.versions.all()
    assert version.number == 1
    assert version.changed_by == anna
    assert version.title == "Brand in loods Velsen-Noord"
    assert message.goals == ["inform"]
    assert _audit(message) == ["message.create"]


def test_a_warning_takes_the_incidents_area_and_location(world: World) -> None:
    incident = start_incident(world)
    incident.area = AREA
    incident.save()
    anna = adviser(world.region, "anna")
    message = services.message_create(
        incident=incident, actor=anna, data=warning_data(area=None, area_desc="")
    )
    assert message.area == AREA
    assert message.area_desc == "Velsen-Noord"


def test_a_viewer_may_not_draft(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(PermissionDenied):
        services.message_create(incident=incident, actor=world.viewer, data=public_data())


def test_an_empty_headline_is_refused_naming_the_field(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as caught:
        services.message_create(
            incident=incident, actor=world.coordinator, data=public_data(title="  ")
        )
    assert caught.value.message_dict["title"] == ["Kop: geef het bericht een kop."]


def test_an_area_that_is_no_closed_ring_is_refused(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as caught:
        services.message_create(
            incident=incident,
            actor=world.coordinator,
            data=warning_data(area=[[52.47, 4.62], [52.48, 4.63], [52.47, 4.65], [52.4, 4.6]]),
        )
    assert "gesloten ring" in caught.value.message_dict["area"][0]


def test_every_change_is_a_version_with_who_and_a_note(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    message = services.message_create(incident=incident, actor=anna, data=public_data())
    message = services.message_update(
        message=message,
        actor=world.coordinator,
        data=MessageData.of(message, text="De brand is onder controle."),
        note="stand bijgewerkt",
    )
    assert message.version == 2
    first, second = message.versions.all()
    assert first.text.startswith("Er is brand")
    assert second.text == "De brand is onder controle."
    assert second.changed_by == world.coordinator
    assert second.note == "stand bijgewerkt"
    entry = AuditEntry.objects.filter(action="message.update").get()
    assert entry.changes["version"] == [1, 2]
    assert entry.changes["text"] == ["…", "…"]


def test_saving_without_a_change_writes_no_version(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    services.message_update(message=message, actor=world.coordinator, data=MessageData.of(message))
    assert message.versions.count() == 1
    assert _audit(message) == ["message.create"]


def test_an_approved_message_that_is_edited_goes_back_to_draft(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    message = services.message_approve(message=message, actor=world.coordinator)
    assert message.status == "approved"
    message = services.message_update(
        message=message, actor=world.coordinator, data=MessageData.of(message, title="Nieuwe kop")
    )
    message.refresh_from_db()
    assert message.status == "draft"
    assert message.approved_at is None
    assert message.approved_by_name == ""
    assert message.cap_sent is None


def test_a_warning_without_instruction_is_refused_naming_the_field(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    message = services.message_create(
        incident=incident, actor=anna, data=warning_data(instruction="")
    )
    with pytest.raises(ValidationError) as caught:
        services.message_approve(message=message, actor=world.coordinator)
    assert caught.value.message_dict["instruction"] == [
        "Wat te doen: een waarschuwing heeft een instructie nodig (wat mensen moeten doen)."
    ]


def test_a_warning_without_area_is_refused(world: World) -> None:
    incident = start_incident(world)  # the incident has no affected area
    message = services.message_create(
        incident=incident, actor=adviser(world.region, "anna"), data=warning_data(area=None)
    )
    with pytest.raises(ValidationError) as caught:
        services.message_approve(message=message, actor=world.coordinator)
    assert "Gebied" in caught.value.message_dict["area"][0]


def test_a_warning_needs_four_eyes(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    bert = adviser(world.region, "bert")
    message = services.message_create(incident=incident, actor=anna, data=warning_data())
    with pytest.raises(ValidationError) as caught:
        services.message_approve(message=message, actor=anna)
    assert "Vier ogen" in caught.value.messages[0]
    # Bert changed a word: now he wrote a version too, and may not approve either.
    services.message_update(
        message=message, actor=bert, data=MessageData.of(message, text="Veel rook.")
    )
    with pytest.raises(ValidationError):
        services.message_approve(message=message, actor=bert)
    message = services.message_approve(message=message, actor=world.coordinator)
    assert message.status == "approved"
    assert message.approved_by == world.coordinator
    assert message.approved_role == "leiding incident"
    assert message.cap_sent is not None and message.cap_sent.microsecond == 0


def test_a_public_message_may_be_approved_by_its_writer_as_adviser(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    message = services.message_create(incident=incident, actor=anna, data=public_data())
    message = services.message_approve(message=message, actor=anna)
    assert message.approved_role == "communicatieadviseur"
    assert message.approved_by_name == "Anna Woordvoerder"


def test_publishing_without_approval_is_refused(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    with pytest.raises(ValidationError) as caught:
        services.message_publish(message=message, actor=world.coordinator)
    assert caught.value.message_dict["status"] == [
        "Publiceren: het bericht is nog niet goedgekeurd; het wordt pas na goedkeuring "
        "gepubliceerd."
    ]


def test_publishing_records_who_and_when_and_tells_the_listeners(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    incident = start_incident(world)
    heard: list[int] = []
    services.published_listeners.append(lambda m: heard.append(m.pk))
    try:
        message = services.message_create(
            incident=incident, actor=world.coordinator, data=public_data()
        )
        services.message_approve(message=message, actor=world.coordinator)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            message = services.message_publish(message=message, actor=world.coordinator)
    finally:
        services.published_listeners.pop()
    assert message.status == "published"
    assert message.published_by == world.coordinator
    assert message.published_at is not None
    assert heard == [message.pk]
    assert incident.log.filter(text__contains="Brand in loods Velsen-Noord").exists()
    assert _audit(message) == ["message.create", "message.approve", "message.publish"]


def test_a_failing_listener_does_not_stop_the_others(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    incident = start_incident(world)
    heard: list[int] = []

    def broken(message: Message) -> None:
        raise RuntimeError("cache down")

    services.published_listeners.extend([broken, lambda m: heard.append(m.pk)])
    try:
        message = services.message_create(
            incident=incident, actor=world.coordinator, data=public_data()
        )
        services.message_approve(message=message, actor=world.coordinator)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            services.message_publish(message=message, actor=world.coordinator)
    finally:
        del services.published_listeners[-2:]
    assert heard == [message.pk]


def _published(world: World, incident, data: MessageData | None = None) -> Message:  # type: ignore[no-untyped-def]
    anna = adviser(world.region, f"writer{Message.objects.count()}")
    message = services.message_create(incident=incident, actor=anna, data=data or public_data())
    services.message_approve(message=message, actor=world.coordinator)
    return services.message_publish(message=message, actor=world.coordinator)


def test_a_published_message_is_never_edited(world: World) -> None:
    incident = start_incident(world)
    message = _published(world, incident)
    with pytest.raises(ValidationError) as caught:
        services.message_update(
            message=message, actor=world.coordinator, data=MessageData.of(message, title="Stil")
        )
    assert caught.value.messages == [
        "Een gepubliceerd bericht wordt nooit gewijzigd: schrijf een update of een correctie."
    ]
    with pytest.raises(ValidationError):
        services.message_reject(message=message, actor=world.coordinator, reason="fout")
    message.refresh_from_db()
    assert message.title == "Brand in loods Velsen-Noord"


def test_a_follow_up_chain_of_update_correction_and_cancel(world: World) -> None:
    incident = start_incident(world)
    incident.area = AREA
    incident.save()
    warning = _published(world, incident, warning_data())
    update = services.message_follow_up(parent=warning, actor=world.coordinator, relation="update")
    assert (update.status, update.relation, update.parent) == ("draft", "update", warning)
    assert update.instruction == warning.instruction
    assert update.versions.get().note == f"update van bericht {warning.pk}"
    correction = services.message_follow_up(
        parent=warning, actor=world.coordinator, relation="correction"
    )
    assert correction.title == "Correctie: Houd ramen en deuren dicht"
    cancel = services.message_follow_up(parent=warning, actor=world.coordinator, relation="cancel")
    assert cancel.area == AREA
    assert cancel.instruction == ""
    assert cancel.title.startswith("Ingetrokken: ")
    # A cancellation of a warning needs no instruction, but still four eyes.
    with pytest.raises(ValidationError):
        services.message_approve(message=cancel, actor=world.coordinator)
    services.message_approve(message=cancel, actor=adviser(world.region, "carla"))
    services.message_publish(message=cancel, actor=world.coordinator)
    with pytest.raises(ValidationError) as caught:
        services.message_follow_up(parent=warning, actor=world.coordinator, relation="update")
    assert "ingetrokken" in caught.value.messages[0]
    assert set(warning.followups.values_list("relation", flat=True)) == {
        "update",
        "correction",
        "cancel",
    }


def test_only_a_published_message_is_followed_up(world: World) -> None:
    incident = start_incident(world)
    draft = services.message_create(incident=incident, actor=world.coordinator, data=public_data())
    with pytest.raises(ValidationError):
        services.message_follow_up(parent=draft, actor=world.coordinator, relation="update")
    published = _published(world, incident)
    with pytest.raises(ValidationError) as caught:
        services.message_follow_up(parent=published, actor=world.coordinator, relation="original")
    assert "relation" in caught.value.message_dict


def test_a_follow_up_keeps_its_kind(world: World) -> None:
    incident = start_incident(world)
    published = _published(world, incident)
    update = services.message_follow_up(
        parent=published, actor=world.coordinator, relation="update"
    )
    with pytest.raises(ValidationError) as caught:
        services.message_update(
            message=update, actor=world.coordinator, data=MessageData.of(update, kind="press")
        )
    assert "kind" in caught.value.message_dict


def test_reject_sends_back_to_draft_with_the_reason(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    services.message_approve(message=message, actor=world.coordinator)
    with pytest.raises(ValidationError) as caught:
        services.message_reject(message=message, actor=world.coordinator, reason=" ")
    assert "reason" in caught.value.message_dict
    message = services.message_reject(
        message=message, actor=world.coordinator, reason="Toon klopt niet"
    )
    assert message.status == "draft"
    assert message.approved_at is None
    entry = AuditEntry.objects.get(action="message.reject")
    assert entry.note == "Toon klopt niet"
    assert entry.changes["status"] == ["approved", "draft"]


def test_a_closed_incidents_messages_are_not_changed(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    services.message_approve(message=message, actor=world.coordinator)
    incident_close(actor=world.coordinator, incident=incident, note="Klaar")
    incident.refresh_from_db()
    with pytest.raises(ValidationError):
        services.message_publish(message=message, actor=world.coordinator)
    with pytest.raises(ValidationError):
        services.message_create(incident=incident, actor=world.coordinator, data=public_data())


def test_an_exercises_audit_says_oefening(world: World) -> None:
    incident = start_incident(world, exercise=True)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    assert AuditEntry.objects.get(action="message.create").note == "OEFENING"
    assert message.incident.is_exercise


def test_a_failed_approval_changes_nothing(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=adviser(world.region, "anna"), data=warning_data(cap_event="")
    )
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        services.message_approve(message=message, actor=world.coordinator)
    assert set(caught.value.message_dict) == {"cap_event"}
    message.refresh_from_db()
    assert message.status == "draft"
