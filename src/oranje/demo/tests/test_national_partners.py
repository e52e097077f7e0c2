"""The demo's partner login (issue 17): `partner.politie` sees Kennemerland's partner view,
has no membership, and a second run adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, Membership, User
from oranje.demo import national_partners
from oranje.demo.national import DemoContext
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
