"""The handling services: triage, status, handler, note — access, the history, the audit
entry, the closed incident, and the same value twice."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.core.constants import Role
from oranje.core.models import AuditEntry
from oranje.damage.models import DamageEvent
from oranje.damage.services import handling
from oranje.damage.tests.staff_helpers import handler, report
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _updates(r: object) -> int:
    return AuditEntry.objects.filter(action="damage.update", object_id=str(r.pk)).count()  # type: ignore[attr-defined]


def test_triage_writes_event_and_audit(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    r = report(incident)
    handling.report_triage(actor=officer, report=r, triage="urgent")
    r.refresh_from_db()
    assert r.triage == "urgent"
    event = DamageEvent.objects.get(report=r)
    assert (event.kind, event.by, event.by_name) == ("triage", officer, "Schade1 Schade")
    entry = AuditEntry.objects.get(action="damage.update", object_id=str(r.pk))
    assert entry.changes == {"triage": ["", "urgent"]}
    assert entry.region == world.region
    # The same triage again writes nothing.
    handling.report_triage(actor=officer, report=r, triage="urgent")
    assert DamageEvent.objects.filter(report=r).count() == 1 and _updates(r) == 1


def test_triage_refuses_an_unknown_value(world: World) -> None:
    officer = handler(world.region, "schade1")
    r = report(start_incident(world))
    with pytest.raises(ValidationError) as exc:
        handling.report_triage(actor=officer, report=r, triage="panic")
    assert "triage" in exc.value.message_dict


@pytest.mark.parametrize("role", [Role.REGISTRY_OFFICER, Role.REGISTRY_COORDINATOR, Role.AFTERCARE])
def test_handling_roles_may_handle(world: World, role: str) -> None:
    user = handler(world.region, "h", role=role)
    r = report(start_incident(world))
    handling.report_note(actor=user, report=r, text="Teruggebeld.")
    assert DamageEvent.objects.filter(report=r, kind="note").count() == 1


def test_others_may_not_handle(world: World) -> None:
    r = report(start_incident(world))
    outsider = handler(world.other_region, "utrecht")  # a registry officer of another region
    for user in (world.coordinator, world.viewer, world.admin, outsider):
        with pytest.raises(PermissionDenied):
            handling.report_triage(actor=user, report=r, triage="urgent")
        with pytest.raises(PermissionDenied):
            handling.report_note(actor=user, report=r, text="x")
    assert not DamageEvent.objects.filter(report=r).exists()


def test_closed_incident_refuses_every_change(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    r = report(incident)
    incident.closed_at = timezone.now()
    incident.save(update_fields=["closed_at"])
    r.refresh_from_db()
    calls = [
        lambda: handling.report_triage(actor=officer, report=r, triage="urgent"),
        lambda: handling.report_set_status(actor=officer, report=r, status="closed"),
        lambda: handling.report_assign(actor=officer, report=r, handler=officer),
        lambda: handling.report_note(actor=officer, report=r, text="x"),
    ]
    for call in calls:
        with pytest.raises(ValidationError):
            call()
    assert not DamageEvent.objects.filter(report=r).exists() and _updates(r) == 0


def test_status_with_note(world: World) -> None:
    officer = handler(world.region, "schade1")
    r = report(start_incident(world))
    handling.report_set_status(actor=officer, report=r, status="referred", note="Naar Achmea")
    r.refresh_from_db()
    assert r.status == "referred"
    event = DamageEvent.objects.get(report=r)
    assert event.kind == "status" and "Naar Achmea" in event.text
    entry = AuditEntry.objects.get(action="damage.update", object_id=str(r.pk))
    assert entry.changes == {"status": ["new", "referred"]} and entry.note == "Naar Achmea"
    with pytest.raises(ValidationError) as exc:
        handling.report_set_status(actor=officer, report=r, status="gone")
    assert "status" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        handling.report_set_status(actor=officer, report=r, status="closed", note="x" * 2001)
    assert "note" in exc.value.message_dict


def test_assign_checks_the_handler(world: World) -> None:
    officer = handler(world.region, "schade1")
    colleague = handler(world.region, "schade2", role=Role.AFTERCARE)
    outsider = handler(world.other_region, "utrecht")
    r = report(start_incident(world))
    handling.report_assign(actor=officer, report=r, handler=colleague)
    r.refresh_from_db()
    assert r.handler == colleague
    for wrong in (outsider, world.coordinator, world.viewer):
        with pytest.raises(ValidationError) as exc:
            handling.report_assign(actor=officer, report=r, handler=wrong)
        assert "handler" in exc.value.message_dict
    handling.report_assign(actor=officer, report=r, handler=None)
    r.refresh_from_db()
    assert r.handler is None
    assert list(DamageEvent.objects.filter(report=r).values_list("kind", flat=True)) == [
        "handler",
        "handler",
    ]
    candidates = set(handling.handler_candidates(r.incident))
    assert {officer, colleague} <= candidates and outsider not in candidates
    assert world.coordinator not in candidates


def test_note_must_say_something(world: World) -> None:
    officer = handler(world.region, "schade1")
    r = report(start_incident(world))
    for text in ("", "   ", "x" * 2001):
        with pytest.raises(ValidationError) as exc:
            handling.report_note(actor=officer, report=r, text=text)
        assert "text" in exc.value.message_dict
    event = handling.report_note(actor=officer, report=r, text="Huisbezoek\u202e gepland")
    assert event.text == "Huisbezoek gepland"
