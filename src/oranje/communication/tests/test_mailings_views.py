"""The mailing pages and API: counts per channel (never a name or an address), a send button
with a confirmation step for those who communicate, the counts on the incident's tab and the
message's panel, and the API's GET and POST."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from oranje.communication.constants import ItemStatus
from oranje.communication.models import Mailing, MailingItem
from oranje.communication.tests.mailing_helpers import consenting, published
from oranje.communication.tests.messages_helpers import adviser
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def comm(world: World) -> User:
    return adviser(world.region, "woordvoerder")


@pytest.fixture
def incident(world: World) -> Incident:
    return start_incident(world, title="Brand Velsen-Noord")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_adviser_sees_the_counts_confirms_and_sends(
    incident: Incident, comm: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    people = consenting(incident, 3)
    consenting(incident, 2, sms=False, prefix="m")
    message = published(incident)
    client = _client(comm)
    base = f"/incidenten/{incident.pk}/communicatie/berichten/{message.pk}/verzending/"
    page = client.get(base).content.decode()
    assert "Ontvangers met toestemming" in page and "Verstuur per e-mail" in page
    for person in people:
        assert person.email not in page and person.surname not in page and person.phone not in page
    confirm = client.get(f"{base}mail/")
    assert confirm.status_code == 200
    assert "Verstuur naar 5 personen per e-mail" in confirm.content.decode()
    assert Mailing.objects.count() == 0  # asking is not sending
    with django_capture_on_commit_callbacks(execute=False):
        sent = client.post(f"{base}mail/")
    assert sent.status_code == 302 and sent["Location"] == base
    assert MailingItem.objects.filter(status=ItemStatus.QUEUED).count() == 5
    after = client.get(base).content.decode()
    assert "bezig met verzenden" in after and "hx-get" in after  # refreshes while busy
    again = client.post(f"{base}mail/")
    assert again.status_code == 400 and "al verzonden" in again.content.decode()
    assert client.get(f"{base}fax/").status_code == 404

    tab = client.get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert "Toestemming voor updates: 5 per e-mail, 3 per sms." in tab
    assert message.title in tab


def test_readers_see_counts_but_may_not_send(world: World, incident: Incident) -> None:
    consenting(incident, 1)
    message = published(incident)
    client = _client(world.viewer)
    base = f"/incidenten/{incident.pk}/communicatie/berichten/{message.pk}/verzending/"
    page = client.get(base)
    assert page.status_code == 200 and "Verstuur per" not in page.content.decode()
    assert client.get(f"{base}mail/").status_code == 403
    assert client.post(f"{base}mail/").status_code == 403
    outsider = _client(world.outsider)
    assert outsider.get(base).status_code == 404
    assert not Mailing.objects.exists()


def test_the_message_detail_includes_the_panel(incident: Incident, comm: User) -> None:
    consenting(incident, 2)
    message = published(incident)
    request = RequestFactory().get("/")
    request.user = comm
    html = Template('{% include "communication/_message_mailing.html" %}').render(
        Context({"request": request, "incident": incident, "msg": message})
    )
    assert "Mail en sms aan getroffenen" in html
    assert f"/berichten/{message.pk}/verzending/mail/" in html


def test_an_exercise_says_nothing_goes_out(world: World, comm: User) -> None:
    exercise = start_incident(world, exercise=True)
    consenting(exercise, 2)
    message = published(exercise)
    client = _client(comm)
    base = f"/incidenten/{exercise.pk}/communicatie/berichten/{message.pk}/verzending/"
    assert "OEFENING" in client.get(f"{base}mail/").content.decode()
    response = client.post(f"{base}mail/", follow=True)
    assert "naar niemand verzonden" in response.content.decode()
    assert set(MailingItem.objects.values_list("status", flat=True)) == {ItemStatus.SKIPPED}


def test_the_api_gives_counts_and_sends_once(
    world: World, incident: Incident, comm: User, django_capture_on_commit_callbacks, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"  # configured; nothing is sent here
    consenting(incident, 4)
    message = published(incident)
    url = f"/api/v1/communication/messages/{message.pk}/mailings/"
    api = APIClient()
    api.force_login(comm)
    assert api.get(url).json() == {"recipients": {"mail": 4, "sms": 4}, "mailings": []}
    with django_capture_on_commit_callbacks(execute=False):
        created = api.post(url, {"channel": "sms"}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["channel"], body["total"], body["queued"], body["sent"]) == ("sms", 4, 4, 0)
    assert api.post(url, {"channel": "sms"}, format="json").status_code == 400
    bad = api.post(url, {"channel": "duif"}, format="json")
    assert bad.status_code == 400 and "channel" in bad.json()
    listed = api.get(url).json()["mailings"]
    assert [m["channel"] for m in listed] == ["sms"]

    viewer = APIClient()
    viewer.force_login(world.viewer)
    assert viewer.get(url).status_code == 200
    assert viewer.post(url, {"channel": "mail"}, format="json").status_code == 403
    outsider = APIClient()
    outsider.force_login(world.outsider)
    assert outsider.get(url).status_code == 404
