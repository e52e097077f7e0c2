"""Consent to receive updates by mail or SMS: recorded on the form and through the API with
the e-mail address (Dutch errors naming the field, audited like the other details), and the
registry's answers to the communication room — who receives updates on which channel, how
many, and where to at the moment of sending."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import Status
from oranje.registry.models import Person
from oranje.registry.services.updates import (
    update_address,
    update_recipient_counts,
    update_recipient_ids,
)
from oranje.registry.tests.factories import RegistryWorld, build_registry, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


FORM = {
    "given_names": "Maria",
    "surname": "Berg",
    "name_use": "E",
    "sex": "V",
    "phone": "06 12345678",
    "email": " maria@example.org ",
    "updates_consent": "ja",
    "status": "unharmed",
    "whereabouts": "shelter",
    "source": "shelter",
    "client_key": "b" * 32,
}


def test_the_form_records_the_address_and_the_consent(rw: RegistryWorld) -> None:
    client = Client()
    client.force_login(rw.officer)
    base = f"/incidenten/{rw.incident.pk}/registratie/personen/"
    page = client.get(f"{base}nieuw/").content.decode()
    assert "Wil updates ontvangen per mail/sms" in page
    response = client.post(f"{base}nieuw/", FORM)
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.email, person.updates_consent) == ("maria@example.org", True)
    detail = client.get(f"{base}{person.pk}/").content.decode()
    assert "maria@example.org" in detail and "Wil updates ontvangen per mail/sms" in detail

    # Withdrawn on the details form: audited as a changed field, without the values.
    edit = {k: v for k, v in FORM.items() if k not in ("status", "whereabouts", "source")}
    response = client.post(f"{base}{person.pk}/wijzigen/", {**edit, "updates_consent": "nee"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.updates_consent is False
    entry = AuditEntry.objects.filter(action="registry.person_change").get()
    assert entry.changes == {"fields": ["updates_consent"]}
    assert "maria" not in str(entry.changes)


def test_bad_input_on_the_form_names_the_field(rw: RegistryWorld) -> None:
    client = Client()
    client.force_login(rw.officer)
    base = f"/incidenten/{rw.incident.pk}/registratie/personen/nieuw/"
    bad = client.post(base, {**FORM, "email": "maria@"})
    assert bad.status_code == 400
    assert "e-mail: &#x27;maria@&#x27; is geen e-mailadres" in bad.content.decode()
    long = client.post(base, {**FORM, "email": "a" * 250 + "@x.nl"})
    assert long.status_code == 400
    no_address = client.post(base, {**FORM, "email": "", "phone": "023 5123456"})
    assert no_address.status_code == 400
    assert "e-mailadres of een mobiel nummer" in no_address.content.decode()
    assert not Person.objects.exists()


BODY: dict[str, Any] = {
    "given_names": "Maria",
    "surname": "Berg",
    "phone": "+32470123456",
    "email": "maria@example.org",
    "updates_consent": True,
    "status": "unharmed",
    "whereabouts": "shelter",
    "source": "shelter",
}


def test_the_api_records_and_shows_them(rw: RegistryWorld) -> None:
    api = APIClient()
    api.force_login(rw.officer)
    url = f"/api/v1/incidents/{rw.incident.pk}/affected-persons/"
    created = api.post(url, BODY, format="json")
    assert created.status_code == 201
    assert created.json()["email"] == "maria@example.org"
    assert created.json()["updates_consent"] is True
    bad = api.post(url, {**BODY, "email": "geen adres"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["email"][0].startswith("e-mail: 'geen adres' is geen e-mailadres")
    none = api.post(url, {**BODY, "email": "", "phone": ""}, format="json")
    assert none.status_code == 400 and "updates_consent" in none.json()
    unknown = api.post(
        url, {**BODY, "updates_consent": None, "email": "", "phone": ""}, format="json"
    )
    assert unknown.status_code == 201 and unknown.json()["updates_consent"] is None


def _person(rw: RegistryWorld, name: str, **extra: object) -> Person:
    return register(rw, given=name, surname=name, birth=(1960, None, None), **extra)


def test_recipients_are_those_who_consented_with_an_address(rw: RegistryWorld) -> None:
    both = _person(rw, "Anna", email="anna@example.org", phone="+31612345678", updates_consent=True)
    mail_only = _person(rw, "Bram", email="bram@example.org", updates_consent=True)
    landline = _person(
        rw, "Cees", phone="+31235123456", email="c@example.org", updates_consent=True
    )
    abroad = _person(rw, "Dirk", phone="+32470123456", updates_consent=True)
    _person(rw, "Eva", email="eva@example.org", updates_consent=False)
    _person(rw, "Frits", email="frits@example.org")  # never asked
    dead = _person(rw, "Gea", email="gea@example.org", updates_consent=True)
    merged = _person(rw, "Hans", email="hans@example.org", updates_consent=True)
    gone = _person(rw, "Ineke", email="ineke@example.org", updates_consent=True)
    services.person_status_change(
        person=dead, actor=rw.officer, status=services.StatusData(status=Status.DECEASED)
    )
    Person.objects.filter(pk=merged.pk).update(merged_into=both)
    Person.objects.filter(pk=gone.pk).update(anonymised_at=timezone.now())

    assert update_recipient_ids(rw.incident, "mail") == [both.pk, mail_only.pk, landline.pk]
    assert update_recipient_ids(rw.incident, "sms") == [both.pk, abroad.pk]
    assert update_recipient_counts(rw.incident) == {"mail": 3, "sms": 2}
    assert update_address(both.pk, "mail") == "anna@example.org"
    assert update_address(both.pk, "sms") == "+31612345678"
    assert update_address(landline.pk, "sms") is None
    assert update_address(dead.pk, "mail") is None
    assert update_address(merged.pk, "mail") is None

    # Consent withdrawn after the mailing was made: nothing at sending time.
    Person.objects.filter(pk=mail_only.pk).update(updates_consent=False)
    assert update_address(mail_only.pk, "mail") is None
    with pytest.raises(ValueError):
        update_recipient_ids(rw.incident, "fax")


def test_another_incidents_persons_are_not_recipients(rw: RegistryWorld) -> None:
    _person(rw, "Anna", email="anna@example.org", updates_consent=True)
    elsewhere = start_incident(rw.world, title="Elders")
    assert update_recipient_ids(elsewhere, "mail") == []
    assert update_recipient_counts(elsewhere) == {"mail": 0, "sms": 0}
