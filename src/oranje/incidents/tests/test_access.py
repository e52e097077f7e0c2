"""The incident chokepoint and the command rule: who may scale, approve and publish a
situation report, and close an incident."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from oranje.core.constants import Role
from oranje.incidents import access
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.organisation.tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db


def test_reading_operating_and_commanding_an_incident(world) -> None:
    incident = start_incident(world)  # scene: Velsen
    assert access.incident_for_user(world.viewer, incident.pk) == incident
    with pytest.raises(Http404):
        access.incident_for_user(world.outsider, incident.pk)
    with pytest.raises(PermissionDenied):
        access.incident_for_user(world.viewer, incident.pk, operate=True)
    assert access.incident_for_user(world.functionary, incident.pk, operate=True)
    # Operating is not command: a functionary not alerted for it may not scale or close it.
    with pytest.raises(PermissionDenied):
        access.incident_for_user(world.functionary, incident.pk, command=True)
    assert access.incident_for_user(world.coordinator, incident.pk, command=True)
    assert access.incident_for_user(world.admin, incident.pk, command=True)


def test_a_municipal_coordinator_commands_only_where_their_municipality_is_involved(world):
    incident = start_incident(world)  # scene: Velsen, Haarlem not involved
    assert access.can_operate(world.haarlem_coordinator, incident)
    assert not access.can_command(world.haarlem_coordinator, incident)
    incident.municipalities.add(world.haarlem)
    assert access.can_command(world.haarlem_coordinator, incident)


def test_the_leading_functionaries_alerted_for_it_command_it(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    assert not access.can_command(world.functionary, incident)
    scale(world, incident, 1)  # alerts officers[0], the functionary's person, as OvD-BZ
    assert access.can_command(world.functionary, incident)


def test_whoever_starts_an_incident_holding_a_leading_function_commands_it(world) -> None:
    from oranje.incidents.tests.factories import start_incident as start

    incident = start(world)
    incident.created_by = world.functionary  # officers[0] holds OvD-BZ
    incident.save()
    assert access.can_command(world.functionary, incident)
    other = make_user("communicatie", Role.COMMUNICATION, region=world.region)
    make_person(world.region, world.cpg, user=other)
    incident.created_by = other
    incident.save()
    assert access.can_operate(other, incident)
    assert not access.can_command(other, incident)  # CPG is not a leading function


def test_a_viewer_never_commands_even_when_alerted(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    world.officers[0].user = world.viewer
    world.officers[0].save()
    scale(world, incident, 1)
    assert not access.can_command(world.viewer, incident)


def test_the_services_hold_the_command_rule_themselves(world) -> None:
    """Any functionary could scale, approve, publish and close; a municipal coordinator every
    municipality's incident."""
    from oranje.incidents import services
    from oranje.incidents.constants import ScalingMode

    incident = start_incident(world)  # scene: Velsen
    report = services.report_draft(actor=world.functionary, incident=incident)
    services.report_update(
        actor=world.functionary, report=report, summary="Gas is af in Velsen-Noord.", sections={}
    )
    for actor in (world.functionary, world.haarlem_coordinator):
        with pytest.raises(PermissionDenied):
            services.incident_scale(
                actor=actor,
                incident=incident,
                mode=ScalingMode.GRIP,
                grip_level=1,
                reason="Effecten buiten het plaats incident",
                decided_by="Leider CoPI",
            )
        with pytest.raises(PermissionDenied):
            services.report_approve(actor=actor, report=report)
        with pytest.raises(PermissionDenied):
            services.incident_close(actor=actor, incident=incident)
    services.report_approve(actor=world.coordinator, report=report)
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=world.functionary, report=report)
    services.report_publish(actor=world.coordinator, report=report)
    incident.municipalities.add(world.haarlem)
    services.incident_close(actor=world.haarlem_coordinator, incident=incident)
    incident.refresh_from_db()
    assert incident.closed_at is not None


def test_the_incident_list_follows_the_readable_regions(world) -> None:
    incident = start_incident(world)
    assert list(access.incidents_for_user(world.viewer)) == [incident]
    assert not access.incidents_for_user(world.outsider).exists()
    assert list(access.incidents_for_user(world.admin)) == [incident]
