"""Probe: the damage room as an attacker tries it — NUL and junk in the public form, uploads
that are no photos, reflected text, photos and reports of another incident or region asked
by id, a handler from outside the region, a formula in the export, and whether a browser or
proxy may keep a page with reporters' names — a Dutch 400, 403 or 404, never a 500 and never
data."""

from __future__ import annotations

import csv
import io
import struct
import time
import zlib
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from oranje.core.constants import Role
from oranje.core.models import User
from oranje.damage.models import DamagePhoto, DamageReport, PublicForm
from oranje.damage.services.photos import photo_add
from oranje.damage.tests.public_fixtures import jpeg_bytes, photo_upload, photos_cleaned
from oranje.damage.tests.staff_helpers import handler, report
from oranje.damage.views.public import HONEYPOT, TOKEN_SALT
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _post(incident: Incident, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "token": signing.dumps({"i": incident.pk, "t": time.time() - 60}, salt=TOKEN_SALT),
        "client_key": "probe-1",
        "reporter_name": "Anna de Vries",
        "reporter_phone": "06 12345678",
        "postcode": "1951 AB",
        "house": "12a",
        "street": "Dorpsstraat",
        "city": "Velsen-Noord",
        "kind": "home",
        "description": "Het dak is deels weggewaaid.",
        "insured": "yes",
        HONEYPOT: "",
    }
    data.update(changes)
    return data


def _login(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize(
    "field", ["reporter_name", "reporter_phone", "street", "city", "description", "client_key"]
)
def test_public_form_refuses_a_nul_character(
    client: Client, incident: Incident, open_form: PublicForm, field: str
) -> None:
    # PostgreSQL can store no NUL: the form must refuse it, not fail in the database.
    response = client.post(f"/schade/{incident.pk}/", _post(incident, **{field: "Anna\x00x"}))
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not DamageReport.objects.exists()


def test_report_service_refuses_nul_for_staff_too(world: World, incident: Incident) -> None:
    from django.core.exceptions import ValidationError

    from oranje.damage.services.reports import report_create

    officer = handler(world.region, "schade-nul")
    with pytest.raises(ValidationError) as caught:
        report_create(
            actor=officer,
            incident=incident,
            channel="phone",
            reporter_name="Anna",
            reporter_phone="0612345678",
            postcode="1951AB",
            house="1",
            kind="home",
            description="Dak\x00weg",
        )
    assert "description" in caught.value.message_dict


def _png(width: int, height: int) -> bytes:
    """A tiny PNG that claims a huge size (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("schade.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("schade.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("schade.jpg", b"GIF89a" + jpeg_bytes()),
        ("bom.png", _png(60000, 60000)),
        ("schade.jpg", jpeg_bytes()[:200]),
        ("<img src=x onerror=alert(1)>.jpg", b"not an image"),
    ],
)
def test_uploads_that_are_no_photo_are_refused(
    client: Client, incident: Incident, open_form: PublicForm, name: str, data: bytes
) -> None:
    upload = SimpleUploadedFile(name, data, "image/jpeg")
    response = client.post(f"/schade/{incident.pk}/", _post(incident, photos=[upload]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<img src=x" not in html and "<script>alert" not in html
    assert not DamageReport.objects.exists() and not DamagePhoto.objects.exists()


def test_too_many_photos_are_refused(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    photos = [photo_upload(f"f{i}.jpg", jpeg_bytes(40, 30)) for i in range(12)]
    response = client.post(f"/schade/{incident.pk}/", _post(incident, photos=photos))
    assert response.status_code == 400
    assert not DamageReport.objects.exists()


def test_public_form_exists_only_for_a_real_open_incident(world: World, client: Client) -> None:
    exercise = start_incident(world, exercise=True)
    PublicForm.objects.create(incident=exercise, is_open=True)
    assert client.get(f"/schade/{exercise.pk}/").status_code == 404
    assert client.post(f"/schade/{exercise.pk}/", _post(exercise)).status_code == 404
    shut = start_incident(world)
    PublicForm.objects.create(incident=shut, is_open=False)
    assert client.get(f"/schade/{shut.pk}/").status_code == 404
    for junk in ("abc", "99999999999999999999", "-1", "0"):
        assert client.get(f"/schade/{junk}/").status_code == 404
    assert not DamageReport.objects.exists()


def test_intro_and_typed_values_are_escaped(
    client: Client, incident: Incident, open_form: PublicForm
) -> None:
    open_form.intro = "<script>alert('intro')</script>"
    open_form.save()
    html = client.get(f"/schade/{incident.pk}/").content.decode()
    assert "<script>alert('intro')" not in html
    bad = _post(incident, reporter_name='"><script>alert(2)</script>', postcode="<b>x</b>")
    html = client.post(f"/schade/{incident.pk}/", bad).content.decode()
    assert "<script>alert(2)" not in html and "<b>x</b>" not in html


def test_photo_of_another_incident_is_not_shown_through_this_incident(world: World) -> None:
    officer = handler(world.region, "schade-foto")
    mine, other = start_incident(world), start_incident(world, title="Brand")
    theirs = report(other)
    photo = photo_add(report=theirs, uploaded_file=photo_upload(), actor=officer)
    assert photos_cleaned() == 1
    photo.refresh_from_db()
    c = _login(officer)
    assert c.get(f"/incidenten/{mine.pk}/schade/foto/{photo.pk}/").status_code == 404
    assert c.get(f"/incidenten/{other.pk}/schade/foto/{photo.pk + 999}/").status_code == 404
    response = c.get(f"/incidenten/{other.pk}/schade/foto/{photo.pk}/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert photo.file.name.startswith(f"damage/{other.pk}/") and len(photo.file.name) > 40
    # Someone who sees the incident but handles no reports gets no photo.
    assert _login(world.viewer).get(
        f"/incidenten/{other.pk}/schade/foto/{photo.pk}/"
    ).status_code in (403, 404)


def test_reports_of_another_region_answer_404(world: World) -> None:
    incident = start_incident(world)
    theirs = report(incident)
    stranger = handler(world.other_region, "schade-elders")
    api = APIClient()
    api.force_authenticate(stranger)
    assert api.get(f"/api/v1/damage/reports/{theirs.pk}/").status_code == 404
    assert (
        api.patch(
            f"/api/v1/damage/reports/{theirs.pk}/", {"status": "closed"}, format="json"
        ).status_code
        == 404
    )
    assert api.get(f"/api/v1/incidents/{incident.pk}/damage/reports/").status_code == 404
    c = _login(stranger)
    assert c.get(f"/incidenten/{incident.pk}/schade/meldingen/{theirs.pk}/").status_code == 404
    assert c.get(f"/incidenten/{incident.pk}/schade/export.csv").status_code == 404
    for junk in ("99999999999999999999", "abc"):
        assert api.get(f"/api/v1/damage/reports/{junk}/").status_code == 404
    assert DamageReport.objects.get().status == "new"


def test_a_handler_from_outside_the_region_cannot_be_given_a_report(world: World) -> None:
    incident = start_incident(world)
    found = report(incident)
    officer = handler(world.region, "schade-in")
    outside = handler(world.other_region, "schade-uit")
    coordinator = User.objects.create_user(username="coord-only")
    from oranje.core.models import Membership

    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, region=world.region)
    api = APIClient()
    api.force_authenticate(officer)
    for who in (outside, coordinator):
        answer = api.patch(
            f"/api/v1/damage/reports/{found.pk}/", {"handler": who.pk}, format="json"
        )
        assert answer.status_code == 400 and "handler" in answer.json()
    assert (
        api.patch(
            f"/api/v1/damage/reports/{found.pk}/", {"handler": 10**15}, format="json"
        ).status_code
        == 400
    )
    assert DamageReport.objects.get().handler_id is None


def test_export_writes_formulas_as_text(world: World) -> None:
    incident = start_incident(world)
    report(
        incident,
        reporter_name='=HYPERLINK("http://x","klik")',
        consent_share=True,
        description="+31 cmd|' /C calc'!A0",
        street="@SUM(1)",
    )
    officer = handler(world.region, "schade-export")
    content = _login(officer).get(f"/incidenten/{incident.pk}/schade/export.csv").content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells if cell)


def test_pages_with_reporters_names_are_not_kept_by_browser_or_proxy(world: World) -> None:
    incident = start_incident(world)
    found = report(incident)
    officer = handler(world.region, "schade-cache")
    c = _login(officer)
    for url in (
        f"/incidenten/{incident.pk}/schade/meldingen/",
        f"/incidenten/{incident.pk}/schade/meldingen/{found.pk}/",
        f"/incidenten/{incident.pk}/schade/overzicht/",
    ):
        response = c.get(url)
        assert response.status_code == 200
        assert "no-store" in response.get("Cache-Control", ""), url
    api = APIClient()
    api.force_authenticate(officer)
    answer = api.get(f"/api/v1/damage/reports/{found.pk}/")
    assert "no-store" in answer.get("Cache-Control", "")


def test_who_sees_the_incident_but_handles_nothing_gets_counts_not_names(world: World) -> None:
    incident = start_incident(world)
    report(
        incident,
        reporter_name="Geheime Melder",
        unsafe=True,
        latitude=52.46,
        longitude=4.63,
        street="Geheimstraat",
    )
    c = _login(world.viewer)
    for url in (
        f"/incidenten/{incident.pk}/schade/",
        f"/incidenten/{incident.pk}/schade/overzicht/",
        f"/incidenten/{incident.pk}/schade/overzicht/punten.geojson",
    ):
        response = c.get(url)
        assert response.status_code == 200, url
        assert b"Geheime Melder" not in response.content and b"0612345678" not in response.content
    assert c.get(f"/incidenten/{incident.pk}/schade/meldingen/").status_code == 403
    api = APIClient()
    api.force_authenticate(world.viewer)
    assert api.get(f"/api/v1/incidents/{incident.pk}/damage/reports/").status_code == 403
    overview = api.get(f"/api/v1/incidents/{incident.pk}/damage/overview/")
    assert overview.status_code == 200 and b"Geheime Melder" not in overview.content


def test_the_forms_introduction_refuses_nul(world: World, incident: Incident) -> None:
    c = _login(world.coordinator)
    response = c.post(
        f"/incidenten/{incident.pk}/schade/formulier/instellen/",
        {"is_open": "on", "intro": "Meld\x00schade"},
        follow=True,
    )
    assert response.status_code == 200 and "NUL" in response.content.decode()
    assert not PublicForm.objects.filter(incident=incident).exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"latitude": "NaN", "longitude": "Infinity"},
        {"latitude": "1e400", "longitude": "4.6"},
        {"latitude": "52.4\x00", "longitude": "4.6"},
        {"latitude": "52.4"},
        {"kind": "x" * 5000, "insured": "\x00"},
        {"postcode": "9" * 5000, "house": "1" * 5000},
        {"house": "99999999999999999999999"},
        {"reporter_email": "a@" + "b" * 400 + ".nl"},
        {"description": "x" * 50_000},
    ],
)
def test_odd_input_in_the_public_form_answers_400(
    client: Client, incident: Incident, open_form: PublicForm, changes: dict[str, str]
) -> None:
    response = client.post(f"/schade/{incident.pk}/", _post(incident, **changes))
    assert response.status_code == 400
    assert not DamageReport.objects.exists()
