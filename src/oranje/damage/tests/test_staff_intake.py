"""Taking a report by phone: the page, the create through report_create, the messages."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.damage.models import DamageReport
from oranje.damage.tests.staff_helpers import handler
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

FORM = {
    "channel": "phone",
    "reporter_name": "Piet Jansen",
    "reporter_phone": "0612345678",
    "postcode": "1951AB",
    "house": "12",
    "kind": "home",
    "description": "Ruiten gesprongen.",
    "insured": "yes",
    "point": "52.47, 4.62",
    "client_key": "k-1",
}


def test_intake_records_and_goes_to_the_report(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    client = Client()
    client.force_login(officer)
    url = f"/incidenten/{incident.pk}/schade/meldingen/nieuw/"
    assert client.get(url).status_code == 200
    response = client.post(url, FORM)
    created = DamageReport.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/meldingen/{created.pk}/")
    assert (created.channel, created.recorded_by, str(created.latitude)) == (
        "phone",
        officer,
        "52.470000",
    )
    # The same form sent twice (the same hidden key) is one report.
    client.post(url, FORM)
    assert DamageReport.objects.count() == 1


def test_intake_names_the_field(world: World) -> None:
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    client = Client()
    client.force_login(officer)
    url = f"/incidenten/{incident.pk}/schade/meldingen/nieuw/"
    response = client.post(url, FORM | {"postcode": "ABC", "client_key": "k-2"})
    assert response.status_code == 400
    assert "postcode" in response.context["form"].errors
    response = client.post(url, FORM | {"channel": "form", "client_key": "k-3"})
    assert response.status_code == 400
    assert not DamageReport.objects.exists()
    coordinator = Client()
    coordinator.force_login(world.coordinator)
    assert coordinator.get(url).status_code == 403


def test_intake_with_a_photo_and_the_page_shows_it(
    world: World, settings: object, tmp_path: object
) -> None:
    from oranje.damage.tests.public_fixtures import photo_upload, photos_cleaned

    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    officer = handler(world.region, "schade1")
    incident = start_incident(world)
    client = Client()
    client.force_login(officer)
    url = f"/incidenten/{incident.pk}/schade/meldingen/nieuw/"
    response = client.post(url, FORM | {"channel": "desk", "photos": photo_upload()})
    assert response.status_code == 302, response.context["form"].errors
    created = DamageReport.objects.get()
    photo = created.photos.get()
    page = client.get(response["Location"]).content.decode()
    assert "wordt verwerkt" in page  # pending: not shown, nothing to fetch yet
    assert f"/incidenten/{incident.pk}/schade/foto/{photo.pk}/" not in page
    assert photos_cleaned() == 1
    page = client.get(response["Location"]).content.decode()
    assert f"/incidenten/{incident.pk}/schade/foto/{photo.pk}/" in page
