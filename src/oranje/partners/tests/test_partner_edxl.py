"""A partner takes the published situation reports of its region's real incidents out as
EDXL-SitRep; never a draft, an exercise or another region's report."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.core.models import AuditEntry, User
from oranje.incidents import services
from oranje.incidents.edxl import validate_sitrep
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.partners.constants import PartnerKind
from oranje.partners.models import PartnerAccess

pytestmark = pytest.mark.django_db


def _publish(world: World, exercise: bool = False):  # type: ignore[no-untyped-def]
    incident = start_incident(world, exercise=exercise)
    report = services.report_draft(actor=world.coordinator, incident=incident)
    services.report_approve(actor=world.coordinator, report=report, summary="Beeld")
    services.report_publish(actor=world.coordinator, report=report)
    return incident, report


def _partner_client(world: World) -> tuple[User, Client]:
    user = User.objects.create_user(username="ghor-vr12", password="x")
    PartnerAccess.objects.create(
        user=user, region=world.region, kind=PartnerKind.MEDICAL, organisation="GHOR Kennemerland"
    )
    client = Client()
    client.force_login(user)
    return user, client


def test_a_partner_gets_a_published_report_of_a_real_incident(world: World) -> None:
    incident, report = _publish(world)
    user, client = _partner_client(world)
    url = f"/partners/VR12/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml"
    response = client.get(url)
    assert response.status_code == 200
    assert validate_sitrep(response.content) == []
    assert AuditEntry.objects.filter(
        action="report.edxl_export", actor=user, changes__channel="partner"
    ).exists()
    # The partner's URL names the region: another region's code is not theirs.
    assert client.get(url.replace("VR12", "VR09")).status_code == 404
    # The staff URL stays closed to a partner login (no membership).
    staff = f"/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml"
    assert client.get(staff).status_code == 404


def test_a_partner_gets_no_exercise_and_no_draft(world: World) -> None:
    exercise, published = _publish(world, exercise=True)
    real = start_incident(world)
    draft = services.report_draft(actor=world.coordinator, incident=real)
    _user, client = _partner_client(world)
    for incident, report in ((exercise, published), (real, draft)):
        url = f"/partners/VR12/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml"
        assert client.get(url).status_code == 404


def test_the_partner_report_page_links_the_edxl_download_of_a_real_incident(
    world: World,
) -> None:
    incident, report = _publish(world)
    exercise, _published = _publish(world, exercise=True)
    _user, client = _partner_client(world)
    link = f"/partners/VR12/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml"
    assert link in client.get(f"/partners/VR12/situatierapporten/{incident.pk}/").content.decode()
    page = client.get(f"/partners/VR12/situatierapporten/{exercise.pk}/").content.decode()
    assert ".edxl.xml" not in page


def test_a_control_character_in_the_report_does_not_break_the_partners_download(
    world: World,
) -> None:
    incident, report = _publish(world)
    type(report).objects.filter(pk=report.pk).update(summary="Regel 1\x0bRegel 2")
    _user, client = _partner_client(world)
    client.raise_request_exception = False
    url = f"/partners/VR12/incidenten/{incident.pk}/situatierapport/{report.version}.edxl.xml"
    response = client.get(url)
    assert response.status_code == 200
    assert validate_sitrep(response.content) == []
    assert "Regel 1\nRegel 2" in response.content.decode()
