"""Recording signals by hand and as a tally, changing and removing them, and countering a
rumour with a published message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.communication.models import Message, Signal, SignalImport
from oranje.communication.services import signals as services
from oranje.communication.services.signals import SignalData, TallyLine
from oranje.core.models import AuditEntry
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _data(**kw: object) -> SignalData:
    values: dict[str, object] = {
        "source": "phone",
        "text": "Is de rook giftig?",
        "at": timezone.now() - dt.timedelta(minutes=2),
        "topic": "Rook  Giftig",
        "goal": "limit_harm",
    }
    values.update(kw)
    return SignalData(**values)  # type: ignore[arg-type]


def _message(incident: Incident, status: str = "published") -> Message:
    return Message.objects.create(
        incident=incident,
        kind="public",
        title="Geen koolmonoxide",
        text="Er is geen gevaar voor koolmonoxide.",
        status=status,
        approved_at=timezone.now() if status != "draft" else None,
        published_at=timezone.now() if status == "published" else None,
    )


def test_a_functionary_records_a_signal_and_the_audit_log_says_so(world: World) -> None:
    incident = start_incident(world)
    signal = services.signal_create(incident=incident, actor=world.functionary, data=_data())
    assert signal.topic == "rook giftig"
    assert signal.count == 1 and signal.created_by == world.functionary
    entry = AuditEntry.objects.get(action="signal.create", object_id=str(signal.pk))
    assert entry.changes["text"] == [None, "Is de rook giftig?"]


def test_a_viewer_may_not_record_signals(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(PermissionDenied):
        services.signal_create(incident=incident, actor=world.viewer, data=_data())


def test_bad_input_is_named_per_field_in_dutch(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as caught:
        services.signal_create(
            incident=incident,
            actor=world.functionary,
            data=_data(
                text="  ",
                topic="x" * 81,
                source="pigeon",
                goal="panic",
                sentiment="angry",
                count=10_001,
                at=timezone.now() + dt.timedelta(hours=1),
            ),
        )
    errors = caught.value.message_dict
    assert set(errors) == {"text", "topic", "source", "goal", "sentiment", "count", "at"}
    assert errors["count"] == ["aantal: geef een getal van 1 tot 10.000."]
    assert "in de toekomst" in errors["at"][0]
    assert errors["text"][0].startswith("tekst:")


def test_a_time_long_before_the_incident_is_refused(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as caught:
        services.signal_create(
            incident=incident,
            actor=world.functionary,
            data=_data(at=incident.started_at - dt.timedelta(days=2)),
        )
    assert "meer dan een dag voor het begin" in caught.value.message_dict["at"][0]
    # A day before is still fine: the smoke seen before the alarm.
    services.signal_create(
        incident=incident,
        actor=world.functionary,
        data=_data(at=incident.started_at - dt.timedelta(hours=20)),
    )


def test_a_closed_incident_takes_no_signals(world: World) -> None:
    incident = start_incident(world)
    incident.closed_at = timezone.now()
    incident.save()
    with pytest.raises(ValidationError):
        services.signal_create(incident=incident, actor=world.coordinator, data=_data())


def test_update_and_delete_are_audited(world: World) -> None:
    incident = start_incident(world)
    at = timezone.now() - dt.timedelta(minutes=3)
    signal = services.signal_create(incident=incident, actor=world.functionary, data=_data(at=at))
    services.signal_update(
        signal=signal, actor=world.coordinator, data=_data(at=at, count=5, sentiment="negative")
    )
    signal.refresh_from_db()
    assert signal.count == 5
    entry = AuditEntry.objects.get(action="signal.update", object_id=str(signal.pk))
    assert entry.changes == {"count": [1, 5], "sentiment": ["neutral", "negative"]}
    pk = signal.pk
    services.signal_delete(signal=signal, actor=world.coordinator)
    assert not Signal.objects.filter(pk=pk).exists()
    gone = AuditEntry.objects.get(action="signal.delete", object_id=str(pk))
    assert gone.changes["text"] == ["Is de rook giftig?", None]


def test_a_rumour_is_countered_by_a_published_message_of_its_incident(world: World) -> None:
    incident = start_incident(world)
    rumour = services.signal_create(
        incident=incident, actor=world.functionary, data=_data(rumour=True, text="CO-gevaar!")
    )
    message = _message(incident)
    services.signal_counter(signal=rumour, actor=world.functionary, message=message)
    rumour.refresh_from_db()
    assert rumour.countered_by == message
    assert AuditEntry.objects.filter(action="signal.update", object_id=str(rumour.pk)).exists()
    services.signal_counter(signal=rumour, actor=world.functionary, message=None)
    rumour.refresh_from_db()
    assert rumour.countered_by is None


def test_a_draft_or_another_incidents_message_does_not_counter(world: World) -> None:
    incident = start_incident(world)
    rumour = services.signal_create(
        incident=incident, actor=world.functionary, data=_data(rumour=True)
    )
    with pytest.raises(ValidationError) as caught:
        services.signal_counter(
            signal=rumour, actor=world.functionary, message=_message(incident, "draft")
        )
    assert "gepubliceerd" in caught.value.message_dict["message"][0]
    other = start_incident(world, title="Andere brand")
    with pytest.raises(ValidationError) as caught:
        services.signal_counter(signal=rumour, actor=world.functionary, message=_message(other))
    assert caught.value.message_dict["message"] == ["bericht: geen bericht van dit incident."]
    plain = services.signal_create(incident=incident, actor=world.functionary, data=_data())
    with pytest.raises(ValidationError) as caught:
        services.signal_counter(signal=plain, actor=world.functionary, message=_message(incident))
    assert "rumour" in caught.value.message_dict


def test_a_signal_that_stops_being_a_rumour_loses_its_counter(world: World) -> None:
    incident = start_incident(world)
    rumour = services.signal_create(
        incident=incident, actor=world.functionary, data=_data(rumour=True)
    )
    services.signal_counter(signal=rumour, actor=world.functionary, message=_message(incident))
    services.signal_update(signal=rumour, actor=world.functionary, data=_data(rumour=False))
    rumour.refresh_from_db()
    assert rumour.countered_by is None


def test_a_tally_records_every_line_in_the_middle_of_its_period(world: World) -> None:
    incident = start_incident(world)
    end = timezone.now().replace(second=0, microsecond=0)
    start = end - dt.timedelta(hours=1)
    batch = services.signal_tally(
        incident=incident,
        actor=world.functionary,
        start=start,
        end=end,
        source="phone",
        lines=[TallyLine("Rook giftig?", 12, "limit_harm"), TallyLine("School dicht?", 3)],
    )
    rows = list(Signal.objects.filter(batch=batch).order_by("-count"))
    assert [(s.topic, s.text, s.count) for s in rows] == [
        ("rook giftig?", "Rook giftig?", 12),
        ("school dicht?", "School dicht?", 3),
    ]
    assert all(s.at == start + dt.timedelta(minutes=30) for s in rows)
    assert batch.rows == 2
    entry = AuditEntry.objects.get(action="signal.import", object_id=str(batch.pk))
    assert entry.changes["contacts"] == [0, 15]


def test_the_same_tally_twice_is_refused(world: World) -> None:
    incident = start_incident(world)
    end = timezone.now()
    kwargs = {
        "incident": incident,
        "actor": world.functionary,
        "start": end - dt.timedelta(hours=1),
        "end": end,
        "source": "phone",
        "lines": [TallyLine("rook", 4)],
    }
    services.signal_tally(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        services.signal_tally(**kwargs)  # type: ignore[arg-type]
    assert "al ingevoerd" in caught.value.messages[0]
    assert Signal.objects.filter(incident=incident).count() == 1


def test_a_bad_tally_names_its_line_and_keeps_nothing(world: World) -> None:
    incident = start_incident(world)
    end = timezone.now()
    with pytest.raises(ValidationError) as caught:
        services.signal_tally(
            incident=incident,
            actor=world.functionary,
            start=end - dt.timedelta(hours=1),
            end=end,
            source="phone",
            lines=[TallyLine("rook", 4), TallyLine("water", 0)],
        )
    assert caught.value.message_dict["lines"] == [
        "regel 2: aantal: geef een getal van 1 tot 10.000."
    ]
    with pytest.raises(ValidationError) as caught:
        services.signal_tally(
            incident=incident,
            actor=world.functionary,
            start=end,
            end=end - dt.timedelta(hours=1),
            source="phone",
            lines=[],
        )
    assert set(caught.value.message_dict) == {"until", "lines"}
    assert not Signal.objects.filter(incident=incident).exists()
    assert not SignalImport.objects.filter(incident=incident).exists()


def test_control_characters_do_not_reach_the_record(world: World) -> None:
    incident = start_incident(world)
    signal = services.signal_create(
        incident=incident,
        actor=world.functionary,
        data=_data(text="Rook\x07 giftig?\nEcht?", topic="ro\x1bok\u202e"),
    )
    assert signal.text == "Rook  giftig?\nEcht?"
    assert signal.topic == "ro ok"
