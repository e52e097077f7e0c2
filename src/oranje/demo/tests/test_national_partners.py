"""The demo's partner login (issue 17): `partner.politie` sees Kennemerland's partner view,
has no membership, and a second run adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, Membership, User
from oranje.demo import national_partners
from oranje.demo.national import DemoContext
from oranje.incidents.constants import IncidentType, ReportStatus
from oranje.incidents.models import Incident, SituationReport
from oranje.organisation.tests.factories import World
from oranje.partners.models import PartnerAccess

pytestmark = pytest.mark.django_db


def _ctx(world: World) -> DemoContext:
    def make_user(name: str, first: str, last: str) -> User:
        user, _ = User.objects.get_or_create(
            username=name, defaults={"first_name": first, "last_name": last}
        )
        user.set_password("test-pass-123")
        user.save()
        return user

    return DemoContext(
        region=world.region,
        coordinator=world.coordinator,
        admin=world.admin,
        velsen=None,
        today=timezone.localdate(),
        log=lambda line: None,
        make_user=make_user,
    )


def test_the_police_partner_login_sees_kennemerland_only(world: World) -> None:
    national_partners.build(_ctx(world))
    national_partners.build(_ctx(world))
    user = User.objects.get(username="partner.politie")
    access = PartnerAccess.objects.get(user=user)
    assert (access.region, access.kind, access.revoked_at) == (world.region, "police", None)
    assert not Membership.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action=AuditAction.PARTNER_ACCESS_CREATE).count() == 1
    client = Client()
    client.force_login(user)
    assert client.get("/partners/VR12/").status_code == 200
    assert client.get("/partners/VR09/").status_code == 404


def test_the_partner_reaches_the_edxl_sitrep_of_the_demos_real_fire(world: World) -> None:
    start = timezone.now() - dt.timedelta(days=24)
    fire = Incident.objects.create(
        region=world.region,
        title=national_partners.REAL_FIRE,
        kind=IncidentType.FIRE,
        started_at=start,
        municipality=world.haarlem,
        created_by=world.coordinator,
        closed_at=start + dt.timedelta(days=1),
        closed_by=world.coordinator,
        close_note="Afgesloten.",
    )
    national_partners.build(_ctx(world))
    national_partners.build(_ctx(world))
    report = SituationReport.objects.get(incident=fire)
    assert (report.version, report.status) == (1, ReportStatus.PUBLISHED)
    assert start < report.published_at < fire.closed_at
    fire.refresh_from_db()
    assert fire.closed_at == start + dt.timedelta(days=1)
    client = Client()
    client.force_login(User.objects.get(username="partner.politie"))
    region = client.get("/partners/VR12/")
    assert [r.incident for r in region.context["view"].reports] == [fire]
    page = client.get(f"/partners/VR12/situatierapporten/{fire.pk}/")
    edxl = f"/partners/VR12/incidenten/{fire.pk}/situatierapport/1.edxl.xml"
    assert edxl in page.content.decode()
    assert client.get(edxl).status_code == 200
