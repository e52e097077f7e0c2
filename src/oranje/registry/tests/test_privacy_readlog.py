"""The read log per record and per incident (for the registry coordinator), the region's
registry settings, the archive export, and two-factor authentication for the registry roles."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.registry import services
from oranje.registry.constants import ReadKind
from oranje.registry.models import ReadLog, RegistrySettings
from oranje.registry.services.inquiries import inquiry_create
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_coordinator_sees_who_read_a_person(rw: RegistryWorld) -> None:
    person = register(rw)
    other = register(rw, given="Klaas", surname="Bos")
    services.read_logged(
        user=rw.officer, incident=rw.incident, kind=ReadKind.PERSON, object_id=person.pk
    )
    services.read_logged(
        user=rw.second_officer, incident=rw.incident, kind=ReadKind.PERSON, object_id=other.pk
    )
    url = reverse("registry:person_read_log", args=[rw.incident.pk, person.pk])
    html = _client(rw.coordinator).get(url).content.decode()
    assert "reg_anna" in html and "reg_bram" not in html
    # Looking at the log shows the person's name: that is a read, too.
    assert ReadLog.objects.filter(
        kind=ReadKind.PERSON, object_id=person.pk, user=rw.coordinator, what="leeslog"
    ).exists()


def test_the_coordinator_sees_who_read_an_inquiry(rw: RegistryWorld) -> None:
    inquiry = inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    services.read_logged(
        user=rw.second_officer, incident=rw.incident, kind=ReadKind.INQUIRY, object_id=inquiry.pk
    )
    url = reverse("registry:inquiry_read_log", args=[rw.incident.pk, inquiry.pk])
    assert "reg_bram" in _client(rw.coordinator).get(url).content.decode()


def test_the_read_log_is_for_the_coordinator_only(rw: RegistryWorld, world: World) -> None:
    person = register(rw)
    for name, args in (
        ("registry:read_log", [rw.incident.pk]),
        ("registry:person_read_log", [rw.incident.pk, person.pk]),
        ("registry:settings", [rw.incident.pk]),
        ("registry:export", [rw.incident.pk]),
    ):
        url = reverse(name, args=args)
        for user in (rw.officer, world.coordinator, rw.outsider):
            assert _client(user).get(url).status_code == 404, (name, user)
        assert _client(rw.coordinator).get(url).status_code == 200


def test_a_person_of_another_incident_is_not_shown_under_this_one(
    rw: RegistryWorld, world: World
) -> None:
    from oranje.incidents.tests.factories import start_incident

    person = register(rw)
    elsewhere = start_incident(world, title="Ander incident")
    url = reverse("registry:person_read_log", args=[elsewhere.pk, person.pk])
    assert _client(rw.coordinator).get(url).status_code == 404


def test_the_incident_read_log_filters_by_user_kind_and_day(rw: RegistryWorld) -> None:
    person = register(rw)
    services.read_logged(
        user=rw.officer, incident=rw.incident, kind=ReadKind.PERSON, object_id=person.pk
    )
    services.read_logged(
        user=rw.second_officer, incident=rw.incident, kind=ReadKind.LIST, what="dodenlijst"
    )
    client = _client(rw.coordinator)
    url = reverse("registry:read_log", args=[rw.incident.pk])
    everything = client.get(url).content.decode()
    assert "dodenlijst" in everything and f"#{person.pk}" in everything
    by_user = client.get(url, {"gebruiker": rw.second_officer.pk}).content.decode()
    assert "dodenlijst" in by_user and f"#{person.pk}</a>" not in by_user
    by_kind = client.get(url, {"soort": "person"}).content.decode()
    assert "dodenlijst" not in by_kind.split("<tbody>")[1]
    assert "Nog niets gelezen" in client.get(url, {"dag": "2001-01-01"}).content.decode()
    for bad in ({"soort": "geheim"}, {"gebruiker": "x"}, {"dag": "31-02-2026"}):
        assert client.get(url, bad).status_code == 400


def test_the_coordinator_sets_retention_and_call_back_norm(rw: RegistryWorld) -> None:
    client = _client(rw.coordinator)
    url = reverse("registry:settings", args=[rw.incident.pk])
    assert client.post(url, {"retention_months": 3, "callback_minutes": 60}).status_code == 302
    saved = RegistrySettings.objects.get(region=rw.world.region)
    assert (saved.retention_months, saved.callback_minutes) == (3, 60)
    assert AuditEntry.objects.filter(action="registry.settings").count() == 1
    refused = client.post(url, {"retention_months": 0, "callback_minutes": 99999})
    assert refused.status_code == 200
    assert "retention_months" in refused.context["form"].errors
    assert "callback_minutes" in refused.context["form"].errors


def test_the_archive_export_is_a_zip_audited_and_read_logged(rw: RegistryWorld) -> None:
    register(rw)
    inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    response = _client(rw.coordinator).post(reverse("registry:export", args=[rw.incident.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"personen.csv", "statusgeschiedenis.csv", "vragen.csv", "manifest.json"} <= names
    persons = archive.read("personen.csv").decode("utf-8-sig")
    assert "Johannes" in persons and not persons.startswith("OEFENING")
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["files"]["personen.csv"] == 1 and manifest["marking"] == ""
    assert AuditEntry.objects.filter(action="registry.export").count() == 1
    assert ReadLog.objects.filter(kind=ReadKind.EXPORT, user=rw.coordinator).count() == 1


def test_an_exercise_export_is_marked_oefening(world: World) -> None:
    rw = build_registry(world, exercise=True)
    register(rw)
    response = _client(rw.coordinator).post(reverse("registry:export", args=[rw.incident.pk]))
    assert "OEFENING-registratie-archief" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert json.loads(archive.read("manifest.json"))["marking"] == "OEFENING"
    for name in archive.namelist():
        if name.endswith(".csv"):
            assert archive.read(name).decode("utf-8-sig").startswith("OEFENING\r\n"), name


@pytest.mark.raw_login
def test_a_registry_officer_without_an_authenticator_sets_one_up_first(
    rw: RegistryWorld, settings: object
) -> None:
    settings.REQUIRE_2FA = True  # type: ignore[attr-defined]
    assert "registry_officer" in settings.TWO_FACTOR_ROLES  # type: ignore[attr-defined]
    assert "registry_coordinator" in settings.TWO_FACTOR_ROLES  # type: ignore[attr-defined]
    for user in (rw.officer, rw.coordinator):
        client = Client()
        client.force_login(user)
        for url in (
            reverse("registry:home", args=[rw.incident.pk]),
            reverse("registry:list", args=[rw.incident.pk, "slachtoffers"]),
            reverse("registry:read_log", args=[rw.incident.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("core:two_factor_setup"))
    assert not ReadLog.objects.exists()


@pytest.mark.raw_login
def test_the_demo_switch_lets_a_registry_officer_in_without(
    rw: RegistryWorld, settings: object
) -> None:
    settings.REQUIRE_2FA = False  # type: ignore[attr-defined]
    client = Client()
    client.force_login(rw.officer)
    assert client.get(reverse("registry:home", args=[rw.incident.pk])).status_code == 200
