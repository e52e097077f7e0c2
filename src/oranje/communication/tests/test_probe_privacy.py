"""Probe: the registry's new update address and consent (`email`, `updates_consent`) — in
no audit entry as a value, cleared by anonymisation (and then nothing is sent), not in the
PFIF export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.communication.delivery import deliver_items
from oranje.communication.models import MailingItem
from oranje.communication.services.mailings import mailing_create
from oranje.communication.tests.mailing_helpers import published
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.registry.models import Person
from oranje.registry.services import exchange, retention
from oranje.registry.services.persons import PersonData, person_change
from oranje.registry.tests.factories import build_registry

pytestmark = pytest.mark.django_db

ADDRESS = "maria.geheim@example.org"
BODY: dict[str, Any] = {
    "given_names": "Maria",
    "surname": "Berg",
    "phone": "+31612345678",
    "email": ADDRESS,
    "updates_consent": True,
    "status": "unharmed",
    "whereabouts": "shelter",
    "source": "shelter",
}


def _audit_text() -> str:
    return " ".join(
        e.object_repr + json.dumps(e.changes) + e.note for e in AuditEntry.objects.all()
    ).lower()


def test_the_update_address_is_in_no_audit_entry_nor_the_pfif_export(world: World) -> None:
    rw = build_registry(world)
    api = APIClient()
    api.force_login(rw.officer)
    created = api.post(f"/api/v1/incidents/{rw.incident.pk}/affected-persons/", BODY, format="json")
    assert created.status_code == 201, created.content
    person = Person.objects.get()
    data = PersonData(**{f.name: getattr(person, f.name) for f in dataclasses.fields(PersonData)})
    person_change(
        person=person,
        actor=rw.officer,
        data=dataclasses.replace(data, email="maria.nieuw.geheim@example.org"),
    )
    assert Person.objects.get().email == "maria.nieuw.geheim@example.org"
    assert AuditEntry.objects.filter(action="registry.person.change").exists() or any(
        "email" in json.dumps(e.changes) for e in AuditEntry.objects.all()
    )
    text = _audit_text()
    assert "geheim" not in text and "example.org" not in text
    export = exchange.build_export(rw.incident)
    assert b"geheim" not in export.data and b"example.org" not in export.data


def test_anonymising_clears_address_and_consent_and_nothing_is_sent_after(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    rw = build_registry(world)
    now = timezone.now()
    Person.objects.create(
        incident=rw.incident,
        given_names="Maria",
        surname="Berg",
        email=ADDRESS,
        phone="+31612345678",
        updates_consent=True,
        created_at=now,
        updated_at=now,
    )
    with django_capture_on_commit_callbacks(execute=False):
        mailing_create(
            message=published(rw.incident), channel="mail", actor=adviser(world.region, "an")
        )
    rw.incident.closed_at = now - dt.timedelta(days=3000)
    rw.incident.save(update_fields=["closed_at"])
    retention.incident_anonymise(incident=rw.incident)
    person = Person.objects.get()
    assert (person.email, person.updates_consent, person.phone) == ("", None, "")
    deliver_items(list(MailingItem.objects.values_list("pk", flat=True)))
    assert mail.outbox == []
    assert MailingItem.objects.get().status == "skipped"
    assert "geheim" not in _audit_text()


def test_deleting_an_exercises_registry_takes_its_mailing_items_along(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    rw = build_registry(world, exercise=True)
    now = timezone.now()
    Person.objects.create(
        incident=rw.incident,
        given_names="Oefen",
        surname="Persoon",
        email=ADDRESS,
        updates_consent=True,
        created_at=now,
        updated_at=now,
    )
    with django_capture_on_commit_callbacks(execute=False):
        mailing_create(
            message=published(rw.incident), channel="mail", actor=adviser(world.region, "an")
        )
    assert MailingItem.objects.get().status == "skipped"
    retention.exercise_delete(incident=rw.incident)
    assert not Person.objects.exists() and not MailingItem.objects.exists()
