"""Probe: the mailing part keeps no address in the communication room — not in an item's
error either, when the mail server refuses a recipient and names them."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from oranje.communication.delivery import ADDRESS_HIDDEN, deliver_items, without_address
from oranje.communication.models import MailingItem
from oranje.communication.services.mailings import mailing_create
from oranje.communication.tests.mailing_helpers import consenting, published
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses every recipient, naming them (as smtplib reports it)."""

    def send_messages(self, email_messages: Any) -> int:
        refused = {
            to: (550, f"5.1.1 <{to}>: Recipient address rejected".encode())
            for m in email_messages
            for to in m.to
        }
        raise smtplib.SMTPRecipientsRefused(refused)


def test_a_refused_recipients_address_is_not_kept_in_the_items_error(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    incident = start_incident(world, title="Brand Velsen-Noord")
    person = consenting(incident, 1, sms=False, prefix="Geheim.Adres")[0]
    with django_capture_on_commit_callbacks(execute=False):
        mailing_create(
            message=published(incident), channel="mail", actor=adviser(world.region, "ad")
        )
    deliver_items(list(MailingItem.objects.values_list("pk", flat=True)))
    item = MailingItem.objects.get()
    assert item.last_error.startswith("SMTP:")
    assert ADDRESS_HIDDEN in item.last_error
    assert person.email.lower() not in item.last_error.lower()
    assert "geheim.adres" not in item.last_error.lower()
    for entry in AuditEntry.objects.all():
        assert "geheim.adres" not in str(entry.changes).lower() + entry.note.lower()


def test_an_address_cut_off_at_the_end_of_an_error_goes_too() -> None:
    address = "jan.jansen@example.org"
    assert without_address("SMTP: {'JAN.JANSEN@example.org': x}", address) == (
        f"SMTP: {{'{ADDRESS_HIDDEN}': x}}"
    )
    assert without_address("SMTP: refused <jan.jans", address) == f"SMTP: refused <{ADDRESS_HIDDEN}"
    assert without_address("SMTP: timed out", address) == "SMTP: timed out"
