"""The handlers' pages: the worklist (filters, order, reports per address, read audit), a
report (history, same address, forms) and the forms' posts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.damage.models import DamageEvent
from oranje.damage.tests.staff_helpers import handler, report
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    return c


def _refs(response: object) -> list[str]:
    return [r.reference for r in response.context["rows"]]  # type: ignore[attr-defined]


def test_worklist_order_urgent_unsafe_first_then_newest(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    now = timezone.now()
    old = report(incident, received_at=now - dt.timedelta(hours=3))
    new = report(incident, received_at=now)
    unsafe = report(incident, unsafe=True, received_at=now - dt.timedelta(hours=5))
    urgent = report(incident, triage="urgent", received_at=now - dt.timedelta(hours=4))
    both = report(incident, triage="urgent", unsafe=True, received_at=now - dt.timedelta(hours=6))
    response = _client(officer).get(f"/incidenten/{incident.pk}/schade/meldingen/")
    assert response.status_code == 200
    assert _refs(response) == [
        both.reference,
        urgent.reference,
        unsafe.reference,
        new.reference,
        old.reference,
    ]
    # Not yet triaged first, when asked.
    response = _client(officer).get(
        f"/incidenten/{incident.pk}/schade/meldingen/?untriaged_first=on"
    )
    assert _refs(response)[:3] == [unsafe.reference, new.reference, old.reference]


def test_worklist_filters(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    a = report(incident, kind="vehicle", postcode="2011AB", street="Grote Markt")
    b = report(incident, status="closed", triage="info", postcode="1951CD")
    c = report(incident, triage="normal", street="Dudokplein", reference="S-ABCD-EFGH")
    base = f"/incidenten/{incident.pk}/schade/meldingen/"
    client = _client(officer)
    cases = {
        "?kind=vehicle": [a],
        "?status=closed": [b],
        "?status=open": [a, c],
        "?triage=none": [a],
        "?triage=normal": [c],
        "?postcode=2011": [a],
        "?postcode=2011+ab": [a],
        "?q=dudok": [c],
        "?q=abcd-ef": [c],
        "?q=s+abcd+efgh": [c],
    }
    for query, expected in cases.items():
        got = set(_refs(client.get(base + query)))
        assert got == {r.reference for r in expected}, query
    # Nonsense gives the whole list and a message, never a 500.
    response = client.get(base + "?postcode=<script>&status=zzz&pagina=x9")
    assert response.status_code in (200, 400)


def test_worklist_counts_reports_per_address_and_audits_once(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    one = report(incident, postcode="2011AB", house_number=7, house_addition="a")
    report(incident, postcode="2011AB", house_number=7, house_addition="A", kind="contents")
    report(incident, postcode="2011AB", house_number=7, house_addition="b")
    response = _client(officer).get(f"/incidenten/{incident.pk}/schade/meldingen/")
    counts = {r.pk: r.same_address for r in response.context["rows"]}
    assert counts[one.pk] == 2
    assert "2 meldingen op dit adres" in response.content.decode()
    reads = AuditEntry.objects.filter(action="damage.read")
    assert reads.count() == 1 and reads.get().actor == officer


def test_worklist_is_for_handlers_only(world: World) -> None:
    incident = start_incident(world)
    report(incident)
    url = f"/incidenten/{incident.pk}/schade/meldingen/"
    assert _client(world.coordinator).get(url).status_code == 403
    assert _client(world.viewer).get(url).status_code == 403
    assert _client(handler(world.other_region, "utrecht")).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="damage.read").exists()


def test_report_page_shows_history_and_same_address(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    r = report(incident, postcode="2011AB", house_number=3, reporter_name="Anna Bakker")
    other = report(incident, postcode="2011AB", house_number=3)
    elsewhere = report(incident, postcode="2011AB", house_number=4)
    DamageEvent.objects.create(report=r, kind="received", by_name="Publiek formulier")
    response = _client(officer).get(f"/incidenten/{incident.pk}/schade/meldingen/{r.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Bakker" in html and other.reference in html and elsewhere.reference not in html
    assert "Publiek formulier" in html
    entry = AuditEntry.objects.get(action="damage.read")
    assert entry.object_id == str(r.pk)


def test_report_of_another_incident_is_404(world: World) -> None:
    officer = handler(world.region, "schade1")
    one, two = start_incident(world), start_incident(world, title="Tweede")
    r = report(two)
    response = _client(officer).get(f"/incidenten/{one.pk}/schade/meldingen/{r.pk}/")
    assert response.status_code == 404


def test_forms_triage_status_assign_note(world: World) -> None:
    officer = handler(world.region, "schade1")
    colleague = handler(world.region, "schade2")
    incident = start_incident(world)
    r = report(incident)
    base = f"/incidenten/{incident.pk}/schade/meldingen/{r.pk}/"
    client = _client(officer)
    assert client.post(base + "triage/", {"triage": "urgent"}).status_code == 302
    assert client.post(base + "status/", {"status": "in_progress"}).status_code == 302
    assert client.post(base + "behandelaar/", {"handler": colleague.pk}).status_code == 302
    assert client.post(base + "notitie/", {"text": "Teruggebeld"}).status_code == 302
    r.refresh_from_db()
    assert (r.triage, r.status, r.handler) == ("urgent", "in_progress", colleague)
    kinds = list(DamageEvent.objects.filter(report=r).values_list("kind", flat=True))
    assert kinds == ["triage", "status", "handler", "note"]
    # Bad input: the page again with the message, nothing written.
    outsider = handler(world.other_region, "utrecht")
    response = client.post(base + "behandelaar/", {"handler": outsider.pk})
    assert response.status_code == 400
    response = client.post(base + "notitie/", {"text": ""})
    assert response.status_code == 400
    response = client.post(base + "triage/", {"triage": "panic"})
    assert response.status_code == 400
    assert DamageEvent.objects.filter(report=r).count() == 4


def test_forms_refused_for_others_and_closed(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    r = report(incident)
    base = f"/incidenten/{incident.pk}/schade/meldingen/{r.pk}/"
    assert (
        _client(world.coordinator).post(base + "triage/", {"triage": "urgent"}).status_code == 403
    )
    incident.closed_at = timezone.now()
    incident.save(update_fields=["closed_at"])
    response = _client(officer).post(base + "triage/", {"triage": "urgent"})
    assert response.status_code == 400
    assert not DamageEvent.objects.filter(report=r).exists()


def test_home_parts(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    report(incident, kind="vehicle")
    html = _client(officer).get(f"/incidenten/{incident.pk}/schade/").content.decode()
    assert f"/incidenten/{incident.pk}/schade/meldingen/" in html
    assert f"/incidenten/{incident.pk}/schade/overzicht/" in html
    html = _client(world.viewer).get(f"/incidenten/{incident.pk}/schade/").content.decode()
    assert f"/incidenten/{incident.pk}/schade/meldingen/" not in html
    assert f"/incidenten/{incident.pk}/schade/overzicht/" in html
