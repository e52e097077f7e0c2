"""Meeting point and call-back number: set on the incident, checked, logged and audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.incidents import services
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


def test_setting_them_stores_the_number_in_one_form_and_writes_log_and_audit(
    world: World,
) -> None:
    incident = start_incident(world)
    services.incident_set_briefing(
        actor=world.coordinator,
        incident=incident,
        meeting_point="  Brandweerkazerne Velsen,\n Stationsweg 1\u202e ",
        callback_phone="023 515 9500",
    )
    incident.refresh_from_db()
    assert incident.meeting_point == "Brandweerkazerne Velsen, Stationsweg 1"
    assert incident.callback_phone == "+31235159500"
    assert services.briefing_lines(incident) == [
        "Verzamelpunt: Brandweerkazerne Velsen, Stationsweg 1.",
        "Terugbelnummer: 023 515 9500.",
    ]
    line = incident.log.order_by("-number").first()
    assert line.text.startswith("Verzamelpunt: Brandweerkazerne Velsen")
    audit = AuditEntry.objects.get(action="incident.briefing")
    assert audit.changes["callback_phone"] == ["", "+31235159500"]


def test_a_bad_number_and_a_too_long_meeting_point_name_their_field(world: World) -> None:
    incident = start_incident(world)
    with pytest.raises(ValidationError) as exc:
        services.incident_set_briefing(
            actor=world.coordinator,
            incident=incident,
            meeting_point="x" * 201,
            callback_phone="bel me",
        )
    problems = exc.value.message_dict
    assert problems["meeting_point"] == [
        "Verzamelpunt: hoogstens 200 tekens (dit is 201); zet details in het logboek."
    ]
    assert "'bel me' is geen geldig telefoonnummer" in problems["callback_phone"][0]


def test_a_viewer_cannot_set_them(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.incident_set_briefing(
            actor=world.viewer,
            incident=start_incident(world),
            meeting_point="Stadhuis",
            callback_phone="",
        )


def test_the_page_sets_them_and_the_alert_board_shows_them(world: World) -> None:
    incident = start_incident(world)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("incidents:briefing", args=[incident.pk])
    bad = client.post(url, {"meeting_point": "Stadhuis", "callback_phone": "12"})
    assert bad.status_code == 400 and "geen geldig telefoonnummer" in bad.content.decode()
    done = client.post(url, {"meeting_point": "Stadhuis Haarlem", "callback_phone": "0235159500"})
    assert done.status_code == 302
    board = client.get(reverse("alerting:alert_board", args=[incident.pk])).content.decode()
    assert "Stadhuis Haarlem" in board and "023 515 9500" in board
