"""Partner logins: added and revoked by the region's managers (national administrators
too), a set-password mail through Django's password-reset machinery, sent by the worker
once, its failure recorded; everything audited."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, Membership, User
from oranje.organisation.tests.factories import World
from oranje.partners import logins
from oranje.partners.models import PartnerAccess
from oranje.partners.tasks import send_partner_invite

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: object) -> None:
    settings.TASKS = IMMEDIATE  # type: ignore[attr-defined]


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _add(client: Client, **overrides: str) -> object:
    data = {
        "kind": "police",
        "organisation": "Politie Noord-Holland",
        "name": "Anne de Wit",
        "email": "Anne.deWit@Politie.example.nl",
        **overrides,
    }
    return client.post(reverse("partners:logins", args=["VR12"]), data)


def test_a_regional_coordinator_adds_a_partner_login_with_a_set_password_mail(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = _add(_client(world.coordinator))
    assert response.status_code == 302
    user = User.objects.get(username="anne.dewit@politie.example.nl")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    access = PartnerAccess.objects.get(user=user)
    assert (access.region, access.kind, access.organisation) == (
        world.region,
        "police",
        "Politie Noord-Holland",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anne.dewit@politie.example.nl"]
    actions = set(
        AuditEntry.objects.filter(object_id=str(access.pk)).values_list("action", flat=True)
    )
    assert actions == {AuditAction.PARTNER_ACCESS_CREATE, AuditAction.PARTNER_INVITE_SENT}


def test_the_link_in_the_mail_sets_the_password_once(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _add(_client(world.coordinator))
    link = re.search(r"http\S+/partners/wachtwoord/\S+/", mail.outbox[0].body)
    assert link is not None
    path = urlsplit(link.group(0)).path
    client = Client()
    form = client.get(path, follow=True)
    assert form.status_code == 200 and b"validlink" not in form.content
    post = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": "Kennemer-duinen-2026", "new_password2": "Kennemer-duinen-2026"},
    )
    assert post["Location"] == reverse("partners:set_password_done")
    user = User.objects.get(username="anne.dewit@politie.example.nl")
    assert user.check_password("Kennemer-duinen-2026")
    assert AuditEntry.objects.filter(action=AuditAction.PARTNER_PASSWORD_SET).count() == 1
    again = client.get(path, follow=True)
    assert "werkt niet meer" in again.content.decode()


def test_a_staff_login_cannot_use_a_set_password_link(world: World) -> None:
    uid, token = logins.set_password_link(world.coordinator)
    page = Client().get(
        reverse("partners:set_password", kwargs={"uidb64": uid, "token": token}), follow=True
    )
    assert "werkt niet meer" in page.content.decode()


def test_the_mail_task_is_idempotent_and_records_a_failure(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    access = logins.partner_login_create(
        actor=world.coordinator,
        region=world.region,
        kind="fire",
        organisation="Brandweer Kennemerland",
        name="Kees Brand",
        email="kees@brandweer.example.nl",
    )
    mail.outbox.clear()
    send_partner_invite.call(access.pk, "key-1")
    send_partner_invite.call(access.pk, "key-1")
    assert len(mail.outbox) == 1

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("connection refused")

    monkeypatch.setattr("oranje.partners.tasks.send_mail", refuse)
    assert send_partner_invite.call(access.pk, "key-2") is False
    failed = AuditEntry.objects.get(action=AuditAction.PARTNER_INVITE_FAILED)
    assert "connection refused" in failed.note and failed.region == world.region
    page = _client(world.coordinator).get(reverse("partners:logins", args=["VR12"]))
    assert "mail mislukt" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("organisation", "", "Organisatie: dit veld is verplicht."),
        ("name", "  ", "Naam: dit veld is verplicht."),
        ("email", "geen-adres", "E-mail: vul een geldig e-mailadres in"),
        ("email", "a" * 140 + "@politie.nl", "E-mail: ten hoogste 150 tekens."),
        ("organisation", "x" * 151, "Organisatie: ten hoogste 150 tekens."),
        ("kind", "marechaussee", "Partner: kies politie, brandweer"),
    ],
)
def test_bad_input_gets_a_dutch_message_naming_the_field(
    world: World, field: str, value: str, message: str
) -> None:
    response = _add(_client(world.coordinator), **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PartnerAccess.objects.exists()


def test_a_staff_address_cannot_become_a_partner_login(world: World) -> None:
    world.coordinator.email = "coordinator@vrk.example.nl"
    world.coordinator.save()
    with pytest.raises(ValidationError) as caught:
        logins.partner_login_create(
            actor=world.admin,
            region=world.region,
            kind="police",
            organisation="Politie",
            name="X Y",
            email="coordinator@vrk.example.nl",
        )
    assert "email" in caught.value.message_dict


def test_the_same_partner_twice_in_one_region_is_refused(world: World) -> None:
    values = {
        "region": world.region,
        "kind": "police",
        "organisation": "Politie",
        "name": "Anne de Wit",
        "email": "anne@politie.example.nl",
    }
    logins.partner_login_create(actor=world.coordinator, **values)
    with pytest.raises(ValidationError) as caught:
        logins.partner_login_create(actor=world.coordinator, **values)
    assert caught.value.message_dict["email"] == [str(logins.ERROR_EMAIL_TAKEN)]


def test_one_partner_may_see_two_regions_with_one_login(world: World) -> None:
    values = {"kind": "national", "organisation": "LCMS", "name": "Lot", "email": "lot@nctv.nl"}
    first = logins.partner_login_create(actor=world.admin, region=world.region, **values)
    second = logins.partner_login_create(actor=world.admin, region=world.other_region, **values)
    assert first.user == second.user


def test_only_managers_of_the_region_add_or_revoke(world: World) -> None:
    assert _add(_client(world.viewer)).status_code == 403
    assert _add(_client(world.haarlem_coordinator)).status_code == 403
    assert _add(_client(world.outsider)).status_code == 404
    with pytest.raises(PermissionDenied):
        logins.partner_login_create(
            actor=world.outsider,
            region=world.region,
            kind="police",
            organisation="Politie",
            name="A B",
            email="a@b.nl",
        )
    assert _add(_client(world.admin), email="nadm@politie.example.nl").status_code == 302


def test_revoking_ends_access_keeps_the_row_and_switches_the_login_off(world: World) -> None:
    access = logins.partner_login_create(
        actor=world.coordinator,
        region=world.region,
        kind="medical",
        organisation="GHOR Kennemerland",
        name="Mila Zorg",
        email="mila@ghor.example.nl",
    )
    client = _client(world.coordinator)
    url = reverse("partners:login_revoke", args=["VR12", access.pk])
    assert client.post(url).status_code == 302
    access.refresh_from_db()
    assert access.revoked_at is not None and access.revoked_by == world.coordinator
    assert not access.user.is_active
    assert AuditEntry.objects.filter(
        action=AuditAction.PARTNER_ACCESS_REVOKE, object_id=str(access.pk)
    ).exists()
    with pytest.raises(ValidationError):
        logins.partner_login_revoke(actor=world.coordinator, access=access)
    page = client.get(reverse("partners:logins", args=["VR12"])).content.decode()
    assert "Ingetrokken partnerlogins" in page and "mila@ghor.example.nl" in page


def test_an_access_of_another_region_is_not_found_through_this_region(world: World) -> None:
    access = logins.partner_login_create(
        actor=world.admin,
        region=world.other_region,
        kind="police",
        organisation="Politie Midden-Nederland",
        name="Uri Trecht",
        email="uri@politie.example.nl",
    )
    client = _client(world.coordinator)
    url = reverse("partners:login_revoke", args=["VR12", access.pk])
    assert client.post(url).status_code == 404
    url = reverse("partners:login_revoke", args=["VR09", access.pk])
    assert client.post(url).status_code == 404


def test_the_partner_list_is_for_managers_only(world: World) -> None:
    url = reverse("partners:logins", args=["VR12"])
    assert _client(world.coordinator).get(url).status_code == 200
    assert _client(world.viewer).get(url).status_code == 403
    assert _client(world.outsider).get(url).status_code == 404
