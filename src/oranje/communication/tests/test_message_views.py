"""The message pages: writing, the page with its versions and steps, and the steps."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.communication.models import Message
from oranje.communication.services import messages as services
from oranje.communication.services.messages import MessageData
from oranje.communication.tests.messages_helpers import (
    AREA_TEXT,
    adviser,
    public_data,
    warning_data,
)
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _base(incident) -> str:  # type: ignore[no-untyped-def]
    return f"/incidenten/{incident.pk}/communicatie/berichten/"


def test_an_adviser_writes_a_warning_on_the_page(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    client = _client(anna)
    page = client.get(_base(incident) + "nieuw/?soort=warning")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-message-editor="readability"' in body
    assert "communication/message-editor.js" in body
    assert "<script>" not in body  # no inline script (CSP)
    response = client.post(
        _base(incident) + "nieuw/",
        {
            "kind": "warning",
            "title": "Houd ramen en deuren dicht",
            "text": "Er komt rook vrij.",
            "instruction": "Ga naar binnen.",
            "goals": ["inform", "limit_harm"],
            "cap_category": "Fire",
            "cap_event": "Brand",
            "cap_urgency": "Immediate",
            "cap_severity": "Severe",
            "cap_certainty": "Observed",
            "area": AREA_TEXT,
            "area_desc": "",
        },
    )
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _base(incident) + f"{message.pk}/"
    assert message.area[0] == message.area[-1] and len(message.area) == 4
    assert message.area_desc == "Velsen-Noord"
    assert message.created_by == anna
    assert (message.goal_inform, message.goal_limit_harm, message.goal_meaning) == (
        True,
        True,
        False,
    )


def test_a_bad_area_is_refused_naming_the_field(world: World) -> None:
    incident = start_incident(world)
    client = _client(world.coordinator)
    response = client.post(
        _base(incident) + "nieuw/",
        {
            "kind": "warning",
            "title": "Ramen dicht",
            "text": "Rook.",
            "cap_category": "Fire",
            "cap_urgency": "Immediate",
            "cap_severity": "Severe",
            "cap_certainty": "Observed",
            "area": "52.47, 4.62\nhier",
        },
    )
    assert response.status_code == 400
    assert "regel 2 is &#x27;hier&#x27;" in response.content.decode()
    assert not Message.objects.exists()


def test_the_page_shows_versions_with_what_changed_and_who_approved(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    message = services.message_create(incident=incident, actor=anna, data=public_data())
    services.message_update(
        message=message,
        actor=anna,
        data=MessageData.of(message, text="Er is brand in een schuur aan de Wijkerstraatweg."),
        note="schuur, geen loods",
    )
    services.message_approve(message=message, actor=world.coordinator)
    body = _client(world.viewer).get(_base(incident) + f"{message.pk}/").content.decode()
    assert "<del>loods</del>" in body
    assert "<ins>schuur</ins>" in body
    assert "schuur, geen loods" in body
    assert "als leiding incident" in body
    assert "Flesch-Douma" in body
    # A viewer reads, but gets no buttons.
    assert "goedkeuren/" not in body
    assert "publiceren/" not in body


def test_buttons_follow_the_status_and_four_eyes(world: World) -> None:
    incident = start_incident(world)
    anna = adviser(world.region, "anna")
    warning = services.message_create(incident=incident, actor=anna, data=warning_data())
    own = _client(anna).get(_base(incident) + f"{warning.pk}/").content.decode()
    assert "goedkeuren/" not in own
    assert "Vier ogen" in own
    other = _client(world.coordinator).get(_base(incident) + f"{warning.pk}/").content.decode()
    assert "goedkeuren/" in other
    assert "publiceren/" not in other


def test_approve_and_publish_through_the_pages(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=adviser(world.region, "anna"), data=warning_data()
    )
    client = _client(world.coordinator)
    response = client.post(_base(incident) + f"{message.pk}/publiceren/", follow=True)
    assert "nog niet goedgekeurd" in response.content.decode()
    client.post(_base(incident) + f"{message.pk}/goedkeuren/")
    client.post(_base(incident) + f"{message.pk}/publiceren/")
    message.refresh_from_db()
    assert message.status == "published"
    # The edit page of a published message sends back to its page, saying why.
    response = client.get(_base(incident) + f"{message.pk}/bewerken/", follow=True)
    assert "nooit gewijzigd" in response.content.decode()


def test_a_warning_without_instruction_is_refused_on_the_page(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=adviser(world.region, "anna"), data=warning_data(instruction="")
    )
    client = _client(world.coordinator)
    body = client.get(_base(incident) + f"{message.pk}/").content.decode()
    assert "Wat te doen: een waarschuwing heeft een instructie nodig" in body
    response = client.post(_base(incident) + f"{message.pk}/goedkeuren/", follow=True)
    assert "Wat te doen: een waarschuwing heeft een instructie nodig" in response.content.decode()
    message.refresh_from_db()
    assert message.status == "draft"


def test_edit_writes_a_version_with_a_note(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    client = _client(world.coordinator)
    page = client.get(_base(incident) + f"{message.pk}/bewerken/")
    assert page.status_code == 200
    response = client.post(
        _base(incident) + f"{message.pk}/bewerken/",
        {
            "kind": "public",
            "title": message.title,
            "text": "De brand is uit.",
            "goals": ["inform"],
            "on_public_page": "on",
            "cap_category": "Safety",
            "cap_urgency": "Immediate",
            "cap_severity": "Severe",
            "cap_certainty": "Observed",
            "note": "brand uit",
        },
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.version == 2
    assert message.versions.get(number=2).note == "brand uit"


def test_reject_needs_a_reason(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    services.message_approve(message=message, actor=world.coordinator)
    client = _client(world.coordinator)
    response = client.post(_base(incident) + f"{message.pk}/afwijzen/", {"reason": ""}, follow=True)
    assert "Reden: zeg waarom" in response.content.decode()
    client.post(_base(incident) + f"{message.pk}/afwijzen/", {"reason": "Cijfers kloppen niet"})
    message.refresh_from_db()
    assert message.status == "draft"
    body = client.get(_base(incident) + f"{message.pk}/").content.decode()
    assert "Cijfers kloppen niet" in body


def test_a_follow_up_opens_its_editor_and_shows_the_chain(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    services.message_approve(message=message, actor=world.coordinator)
    services.message_publish(message=message, actor=world.coordinator)
    client = _client(world.coordinator)
    response = client.post(_base(incident) + f"{message.pk}/vervolg/", {"relation": "update"})
    update = Message.objects.get(relation="update")
    assert response["Location"] == _base(incident) + f"{update.pk}/bewerken/"
    edit = client.get(response["Location"]).content.decode()
    assert 'name="kind"' in edit and "disabled" in edit
    body = client.get(_base(incident) + f"{message.pk}/").content.decode()
    assert f'href="{_base(incident)}{update.pk}/"' in body
    bad = client.post(_base(incident) + f"{message.pk}/vervolg/", {"relation": "nonsense"})
    assert bad.status_code == 302
    assert Message.objects.count() == 2


def test_the_tab_lists_the_messages_with_a_way_to_write(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    body = (
        _client(world.coordinator).get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    )
    assert f'href="{_base(incident)}{message.pk}/"' in body
    assert f'href="{_base(incident)}nieuw/"' in body
    viewer = _client(world.viewer).get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert "nieuw/" not in viewer


def test_outsiders_get_404_and_viewers_403(world: World) -> None:
    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    assert _client(world.outsider).get(_base(incident) + f"{message.pk}/").status_code == 404
    assert _client(world.viewer).get(_base(incident) + "nieuw/").status_code == 403
    assert (
        _client(world.viewer).post(_base(incident) + f"{message.pk}/goedkeuren/").status_code == 403
    )
    other = start_incident(world, title="Andere")
    assert _client(world.coordinator).get(_base(other) + f"{message.pk}/").status_code == 404


def test_a_closed_incident_gets_no_new_message_page(world: World) -> None:
    from oranje.incidents.services.incidents import incident_close

    incident = start_incident(world)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    incident_close(actor=world.coordinator, incident=incident, note="Klaar")
    client = _client(world.coordinator)
    response = client.get(_base(incident) + "nieuw/", follow=True)
    assert "Dit incident is afgesloten op" in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/incidenten/{incident.pk}/communicatie/"
    edit = client.get(_base(incident) + f"{message.pk}/bewerken/")
    assert edit.status_code == 302
    body = client.get(_base(incident) + f"{message.pk}/").content.decode()
    assert "goedkeuren/" not in body and "bewerken/" not in body


def test_an_exercises_message_is_marked_and_said_to_stay_off_the_public_page(world: World) -> None:
    incident = start_incident(world, exercise=True)
    message = services.message_create(
        incident=incident, actor=world.coordinator, data=public_data()
    )
    services.message_approve(message=message, actor=world.coordinator)
    client = _client(world.coordinator)
    response = client.post(_base(incident) + f"{message.pk}/publiceren/", follow=True)
    body = response.content.decode()
    assert "OEFENING: het komt niet op de publiekspagina" in body
    assert "nee: een oefening komt er nooit op" in body
    assert 'class="exercise-banner"' in body
