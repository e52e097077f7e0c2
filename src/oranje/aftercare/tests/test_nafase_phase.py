"""The nafase: starting it (the acute phase ends, calls stop, scaling and alerts are
refused with a clear message), its head, and the pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from oranje.aftercare.models import Aftercare
from oranje.aftercare.selectors_phase import head_candidates
from oranje.aftercare.services.phase import aftercare_set_head, aftercare_start
from oranje.aftercare.tests.helpers import officer, start_nafase
from oranje.alerting import services as alerting_services
from oranje.alerting.constants import CallStatus
from oranje.alerting.models import FunctionCall
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.incidents import errors
from oranje.incidents.constants import EntryKind
from oranje.incidents.services import incident_close
from oranje.incidents.tests.factories import OnCall, scale, start_incident
from oranje.organisation.tests.factories import World

IN_AFTERCARE = (
    "Dit incident is in de nafase: de acute fase is beëindigd, dus er kan niet meer worden "
)


def test_start_ends_the_acute_phase_stops_calls_and_refuses_scaling(on_call: OnCall) -> None:
    world = on_call.world
    incident = start_incident(world)
    scale(world, incident, 1)
    assert FunctionCall.objects.filter(incident=incident, status=CallStatus.OPEN).count() == 1
    head = officer(world.region)

    aftercare = aftercare_start(
        actor=world.coordinator, incident=incident, head=head, note="Brand meester."
    )

    incident.refresh_from_db()
    assert incident.in_aftercare and not incident.is_acute
    assert aftercare.head == head and aftercare.head_name == "Nadia Nazorg"
    assert aftercare.started_at == incident.acute_ended_at
    assert not FunctionCall.objects.filter(incident=incident, status=CallStatus.OPEN).exists()
    assert FunctionCall.objects.get(incident=incident).status == CallStatus.CANCELLED
    line = incident.log.order_by("-number").first()
    assert line is not None and line.kind == EntryKind.HANDOVER and "Brand meester." in line.text
    assert AuditEntry.objects.filter(
        action=AuditAction.AFTERCARE_START, object_id=str(aftercare.pk)
    ).exists()

    with pytest.raises(ValidationError) as refused:
        scale(world, incident, 2)
    assert refused.value.messages == [str(errors.IN_AFTERCARE)]
    assert refused.value.messages[0].startswith(IN_AFTERCARE)
    with pytest.raises(ValidationError) as refused:
        alerting_services.alert_manual(
            actor=world.coordinator, incident=incident, function=world.ovd
        )
    assert refused.value.messages == [str(errors.IN_AFTERCARE)]


def test_only_those_who_command_may_start_it(world: World) -> None:
    incident = start_incident(world)
    for user in (world.functionary, world.viewer, officer(world.region), world.outsider):
        with pytest.raises(PermissionDenied):
            aftercare_start(actor=user, incident=incident, head=world.coordinator)
    assert not Aftercare.objects.exists()
    incident.refresh_from_db()
    assert incident.acute_ended_at is None


def test_the_head_must_work_in_the_region(world: World) -> None:
    incident = start_incident(world)
    for head in (world.outsider, world.viewer, None):
        with pytest.raises(ValidationError) as refused:
            aftercare_start(actor=world.coordinator, incident=incident, head=head)
        assert "head" in refused.value.message_dict
    incident.refresh_from_db()
    assert incident.acute_ended_at is None and not Aftercare.objects.exists()


def test_twice_or_closed_is_refused(world: World) -> None:
    incident = start_incident(world)
    start_nafase(world, incident)
    with pytest.raises(ValidationError) as refused:
        aftercare_start(actor=world.coordinator, incident=incident, head=world.coordinator)
    assert refused.value.messages == [str(errors.ACUTE_ALREADY_ENDED)]
    closed = start_incident(world, title="Dicht")
    incident_close(actor=world.coordinator, incident=closed)
    with pytest.raises(ValidationError):
        aftercare_start(actor=world.coordinator, incident=closed, head=world.coordinator)
    assert Aftercare.objects.count() == 1


def test_the_head_changes_with_a_logbook_line(world: World) -> None:
    incident = start_incident(world)
    aftercare = start_nafase(world, incident)
    with pytest.raises(PermissionDenied):
        aftercare_set_head(actor=world.functionary, incident=incident, head=world.coordinator)
    aftercare = aftercare_set_head(
        actor=world.coordinator, incident=incident, head=world.haarlem_coordinator
    )
    assert aftercare.head == world.haarlem_coordinator
    assert AuditEntry.objects.filter(action=AuditAction.AFTERCARE_HEAD).count() == 1
    assert "leidt nu de nafase" in (incident.log.order_by("-number").first() or object()).text  # type: ignore[attr-defined]
    other = start_incident(world, title="Nog acuut")
    with pytest.raises(ValidationError):
        aftercare_set_head(actor=world.coordinator, incident=other, head=world.coordinator)


def test_candidates_are_of_the_region_with_the_aftercare_role_first(world: World) -> None:
    incident = start_incident(world)
    nadia = officer(world.region)
    candidates = list(head_candidates(incident))
    assert candidates[0] == nadia
    assert world.coordinator in candidates and world.haarlem_coordinator in candidates
    assert world.viewer not in candidates and world.outsider not in candidates


# ---------------------------------------------------------------- pages


def test_start_page_confirms_first_then_starts(world: World, client: Client) -> None:
    incident = start_incident(world)
    nadia = officer(world.region)
    client.force_login(world.coordinator)
    home = client.get(f"/incidenten/{incident.pk}/nafase/")
    assert "Acute fase beëindigen en nafase starten" in home.content.decode()
    url = f"/incidenten/{incident.pk}/nafase/starten/"
    step = client.post(url, {"head": nadia.pk, "note": "Klaar"})
    assert step.status_code == 200
    assert "Dit kan niet ongedaan worden gemaakt" in step.content.decode()
    incident.refresh_from_db()
    assert incident.acute_ended_at is None
    done = client.post(url, {"head": nadia.pk, "note": "Klaar", "confirmed": "1"})
    assert done.status_code == 302
    incident.refresh_from_db()
    assert incident.in_aftercare
    home = client.get(f"/incidenten/{incident.pk}/nafase/").content.decode()
    assert "nafase" in home and "Nadia Nazorg" in home


def test_start_page_names_the_field(world: World, client: Client) -> None:
    incident = start_incident(world)
    client.force_login(world.coordinator)
    url = f"/incidenten/{incident.pk}/nafase/starten/"
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "Leiding nafase" in empty.content.decode()
    foreign = client.post(url, {"head": world.outsider.pk, "confirmed": "1"})
    assert foreign.status_code == 400
    client.force_login(world.functionary)
    assert client.get(url).status_code == 403


def test_scaling_and_alert_pages_explain_the_nafase(on_call: OnCall, client: Client) -> None:
    world = on_call.world
    incident = start_incident(world)
    start_nafase(world, incident)
    client.force_login(world.coordinator)
    for url in (f"/incidenten/{incident.pk}/opschalen/", f"/incidenten/{incident.pk}/alarmering/"):
        page = client.get(url)
        assert page.status_code == 200
        assert IN_AFTERCARE in page.content.decode()
    posted = client.post(
        f"/incidenten/{incident.pk}/opschalen/",
        {"mode": "grip", "grip_level": "2", "teams": ["copi"], "reason": "x", "decided_by": "y"},
    )
    assert posted.status_code == 200
    assert IN_AFTERCARE in posted.content.decode()


def test_a_manual_alert_in_the_nafase_is_a_message_not_an_error(
    on_call: OnCall, client: Client
) -> None:
    world = on_call.world
    incident = start_incident(world)
    start_nafase(world, incident)
    client.force_login(world.coordinator)
    answer = client.post(
        f"/incidenten/{incident.pk}/alarmering/",
        {"function": world.ovd.pk, "people_needed": "1", "reason": "Extra"},
    )
    assert answer.status_code == 200
    assert IN_AFTERCARE in answer.content.decode()
    assert not FunctionCall.objects.filter(incident=incident).exists()
