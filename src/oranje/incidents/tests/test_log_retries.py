"""A log line sent again (the server died before it answered, the client retries on another
instance) is written once: the client's key for the line is honoured by the service, the
page and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry
from oranje.incidents import errors, services
from oranje.incidents.models import LogEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

KEY = "3f6c0e1a9b2d4c7e8f1a2b3c4d5e6f70"


def test_a_line_sent_twice_with_its_key_is_written_once(world: World) -> None:
    incident = start_incident(world)
    first = services.log_entry_add(
        actor=world.functionary, incident=incident, text="Ter plaatse", client_key=KEY
    )
    again = services.log_entry_add(
        actor=world.functionary, incident=incident, text="Ter plaatse", client_key=KEY
    )
    assert again.pk == first.pk and again.replayed and not first.replayed
    assert incident.log.filter(text="Ter plaatse").count() == 1
    assert AuditEntry.objects.filter(action="log.add", object_id=str(incident.pk)).count() == 1


def test_a_key_is_kept_per_incident_and_lines_without_a_key_are_never_merged(
    world: World,
) -> None:
    one, two = start_incident(world), start_incident(world)
    services.log_entry_add(actor=world.functionary, incident=one, text="x", client_key=KEY)
    other = services.log_entry_add(actor=world.functionary, incident=two, text="x", client_key=KEY)
    assert not other.replayed and other.incident == two
    for _ in range(2):
        services.log_entry_add(actor=world.functionary, incident=one, text="Zonder sleutel")
    assert one.log.filter(text="Zonder sleutel").count() == 2


def test_a_key_used_for_another_line_is_refused_rather_than_answered_with_the_old_one(
    world: World,
) -> None:
    """Answering 'saved' with the old line would lose the new text while acknowledging it."""
    incident = start_incident(world)
    first = services.log_entry_add(
        actor=world.functionary, incident=incident, text="Eerste", client_key=KEY
    )
    for actor, text in [(world.functionary, "Andere tekst"), (world.coordinator, "Eerste")]:
        with pytest.raises(ValidationError) as exc:
            services.log_entry_add(actor=actor, incident=incident, text=text, client_key=KEY)
        assert exc.value.message_dict["client_key"] == [
            str(errors.CLIENT_KEY_USED % {"n": first.number})
        ]


@pytest.mark.parametrize("key", ["kort", "x" * 65, "met spatie 1234567", "ü" * 10])
def test_a_malformed_key_is_named(world: World, key: str) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as exc:
        services.log_entry_add(actor=world.functionary, incident=incident, text="x", client_key=key)
    assert exc.value.message_dict["client_key"] == [str(errors.CLIENT_KEY_INVALID)]


def test_a_retry_after_the_incident_closed_still_gets_its_line(world: World) -> None:
    incident = start_incident(world)
    entry = services.log_entry_add(
        actor=world.functionary, incident=incident, text="Laatste", client_key=KEY
    )
    services.incident_close(actor=world.coordinator, incident=incident)
    again = services.log_entry_add(
        actor=world.functionary, incident=incident, text="Laatste", client_key=KEY
    )
    assert again.pk == entry.pk


def test_the_database_refuses_two_lines_with_one_key_in_an_incident(world: World) -> None:
    incident = start_incident(world)
    services.log_entry_add(actor=world.functionary, incident=incident, text="x", client_key=KEY)
    with pytest.raises(IntegrityError), transaction.atomic():
        LogEntry.objects.create(
            incident=incident, number=99, author_name="x", kind="note", text="x", client_key=KEY
        )


def test_the_quick_entry_form_carries_a_fresh_key_and_a_resent_form_writes_once(
    world: World,
) -> None:
    incident = start_incident(world)
    client = Client()
    client.force_login(world.functionary)
    page = client.get(reverse("incidents:logbook", args=[incident.pk])).content.decode()
    again = client.get(reverse("incidents:logbook", args=[incident.pk])).content.decode()
    key = page.split('name="client_key" value="')[1].split('"')[0]
    assert len(key) == 32 and key not in again
    url = reverse("incidents:log_entry_new", args=[incident.pk])
    form = {"text": "Stank van gas", "process": "surroundings", "client_key": key}
    replies = [client.post(url, form, HTTP_HX_REQUEST="true") for _ in range(2)]
    assert [r["HX-Trigger"] for r in replies] == ["log-saved", "log-saved"]
    assert incident.log.filter(text="Stank van gas").count() == 1
    # The form it answers with is empty, with a key of its own for the next line.
    assert key not in replies[0].content.decode()
    without_js = client.post(url, form, follow=True).content.decode()
    assert "Regel #2 was al opgeslagen." in without_js


def test_the_api_answers_a_resent_line_with_200_and_the_same_number(world: World) -> None:
    incident = start_incident(world)
    client = APIClient()
    client.force_authenticate(world.functionary)
    url = f"/api/v1/incidents/{incident.pk}/log/"
    body = {"text": "Ter plaatse", "client_key": KEY}
    first, second = (client.post(url, body, format="json") for _ in range(2))
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["number"] == second.json()["number"] == 2
    assert second.json()["client_key"] == KEY
    clash = client.post(url, {"text": "Iets anders", "client_key": KEY}, format="json")
    assert clash.status_code == 400
    assert clash.json()["client_key"] == [str(errors.CLIENT_KEY_USED % {"n": 2})]
