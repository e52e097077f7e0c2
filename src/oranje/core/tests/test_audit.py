"""The audit trail: one list of events, each with a Dutch sentence on the audit page."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction, action_label
from oranje.core.models import AuditEntry


def test_every_event_has_a_stored_code_and_a_dutch_sentence():
    for member in AuditAction:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", member.value), member
        with translation.override("en"):
            english = str(member.label)
        with translation.override("nl"):
            dutch = str(member.label)
        assert dutch != english, f"{member.value}: no Dutch sentence in django.po"


def test_an_unknown_stored_code_shows_as_itself():
    assert action_label("gone.away") == "gone.away"


@pytest.mark.django_db
def test_the_recorder_refuses_a_free_string(world):
    with pytest.raises(TypeError):
        audit_record(actor=world.coordinator, action="shift.delete", region=world.region)  # type: ignore[arg-type]
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_stored_value_is_the_code_and_the_page_shows_the_sentence(world):
    audit_record(
        actor=world.coordinator,
        action=AuditAction.SHIFT_DELETE,
        object_type="shift",
        region=world.region,
    )
    assert AuditEntry.objects.get().action == "shift.delete"
    client = Client()
    client.force_login(world.coordinator)
    with translation.override("nl"):
        body = client.get(reverse("core:audit"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Piketdienst verwijderd" in body
    assert "shift.delete" in body
