"""Scaling down is a step of its own: confirmed, recorded, and never a slip of the dropdown.
Choosing a GRIP level offers the teams the region's alert rules tie to it."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.incidents import selectors, services
from oranje.incidents.constants import EntryKind, ScalingMode
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import World


def _scale(world: World, incident, level: int, teams=(), **extra):  # type: ignore[no-untyped-def]
    return services.incident_scale(
        actor=world.coordinator,
        incident=incident,
        mode=ScalingMode.GRIP,
        grip_level=level,
        teams=teams,
        reason="Gas weer aan",
        decided_by="Burgemeester",
        **extra,
    )


def test_a_lower_level_without_confirmation_is_refused_naming_the_field(world: World) -> None:
    incident = start_incident(world)
    scale(world, incident, level=3)
    with pytest.raises(ValidationError) as exc:
        _scale(world, incident, 1)
    assert exc.value.message_dict == {
        "scale_down": [
            "Dit is afschalen, van GRIP 3 naar GRIP 1: vink 'Ja, afschalen' aan om het te bevestigen."
        ]
    }
    assert incident.scaling.count() == 1


def test_leaving_out_a_team_is_scaling_down_as_well(world: World) -> None:
    incident = start_incident(world)
    scale(world, incident, level=2, teams=("copi", "rot"))
    with pytest.raises(ValidationError) as exc:
        _scale(world, incident, 2, teams=("copi",))
    assert "scale_down" in exc.value.message_dict
    step, _warnings = _scale(world, incident, 3, teams=("copi", "rot", "gbt"))
    assert not step.scaled_down  # up, with every team kept: no confirmation needed


def test_a_confirmed_scale_down_is_recorded_in_history_logbook_and_audit(world: World) -> None:
    incident = start_incident(world)
    scale(world, incident, level=3)
    step, _warnings = _scale(world, incident, 1, scale_down=True)
    assert step.scaled_down
    line = incident.log.filter(kind=EntryKind.SCALING).order_by("-number").first()
    assert line.text == (
        "Afgeschaald van GRIP 3 naar GRIP 1, besloten door Burgemeester: Gas weer aan"
    )
    audit = AuditEntry.objects.filter(action="incident.scale").order_by("-pk").first()
    assert audit.changes["scaled_down"] == [False, True]


def test_the_scaling_page_asks_for_the_confirmation_and_keeps_the_input(world: World) -> None:
    incident = start_incident(world)
    scale(world, incident, level=3)
    client = Client()
    client.force_login(world.coordinator)
    url = reverse("incidents:incident_scale", args=[incident.pk])
    data = {"mode": "grip", "grip_level": "1", "decided_by": "Burgemeester", "reason": "Rustig"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "vink &#x27;Ja, afschalen&#x27; aan" in response.content.decode()
    assert client.post(url, {**data, "scale_down": "on"}).status_code == 302
    assert selectors.current_step(incident).scaled_down
