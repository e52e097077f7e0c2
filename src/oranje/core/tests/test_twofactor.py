"""Two-factor authentication: required for coordinators and administrators, optional for the
others, TOTP with single-use recovery codes, every step audited."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from oranje.core.models import AuditEntry
from oranje.core.tests.logins import authenticator, current_code

pytestmark = [pytest.mark.django_db, pytest.mark.raw_login]
PASSWORD = "test-pass-123"


def password_login(user) -> Client:
    client = Client()
    response = client.post(reverse("core:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def app_code(device: TOTPDevice) -> str:
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits).token()).zfill(6)


def set_up(client: Client, user) -> list[str]:
    """Go through the set-up page as a person would; returns the recovery codes shown."""
    page = client.get(reverse("core:two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("core:two_factor_setup"), {"code": app_code(device)})
    assert response.status_code == 200
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def test_a_coordinator_must_set_up_a_second_factor_before_any_page(world):
    client = password_login(world.coordinator)
    response = client.get(reverse("organisation:oncall_now"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two_factor_setup"))
    assert client.get(reverse("organisation:people")).status_code == 302


def test_the_setup_page_shows_an_inline_svg_qr_code_and_the_key(world):
    client = password_login(world.coordinator)
    body = client.get(reverse("core:two_factor_setup")).content.decode()
    assert "<svg" in body and "<script" not in body.split("</head>", 1)[1]
    device = TOTPDevice.objects.get(user=world.coordinator)
    assert device.confirmed is False
    assert "Scan deze QR-code" in body


def test_setting_up_gives_ten_recovery_codes_and_opens_the_pages(world):
    client = password_login(world.coordinator)
    codes = set_up(client, world.coordinator)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(reverse("organisation:oncall_now")).status_code == 200
    assert AuditEntry.objects.filter(
        action="user.two_factor_enabled", actor=world.coordinator
    ).exists()


def test_a_wrong_code_does_not_turn_it_on(world):
    client = password_login(world.coordinator)
    client.get(reverse("core:two_factor_setup"))
    response = client.post(reverse("core:two_factor_setup"), {"code": "000000x"})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.coordinator, confirmed=True).exists()


def test_with_a_device_the_password_alone_opens_nothing(world):
    device = authenticator(world.functionary)
    client = password_login(world.functionary)
    response = client.get(reverse("organisation:my_shifts"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:second_step") + "?next=%2Fmijn-diensten%2F"
    response = client.post(response["Location"], {"code": current_code(device)})
    assert response.status_code == 302 and response["Location"] == "/mijn-diensten/"
    assert client.get(reverse("organisation:my_shifts")).status_code == 200
    assert AuditEntry.objects.filter(
        action="user.two_factor_verified", actor=world.functionary
    ).exists()


def test_a_wrong_second_step_code_is_refused_audited_and_slows_down(world):
    device = authenticator(world.coordinator)
    client = password_login(world.coordinator)
    response = client.post(reverse("core:second_step"), {"code": "123456"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert AuditEntry.objects.filter(action="user.two_factor_failed").count() == 1
    # Right after a wrong code the device makes you wait (growing with every wrong code).
    response = client.post(reverse("core:second_step"), {"code": current_code(device, fresh=False)})
    assert "Te veel foute codes" in response.content.decode()
    assert client.get(reverse("organisation:oncall_now")).status_code == 302


def test_a_recovery_code_works_once(world):
    client = password_login(world.coordinator)
    codes = set_up(client, world.coordinator)
    second = password_login(world.coordinator)
    response = second.post(reverse("core:second_step"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert second.get(reverse("organisation:oncall_now")).status_code == 200
    assert StaticToken.objects.filter(device__user=world.coordinator).count() == 9
    assert AuditEntry.objects.filter(action="user.recovery_code_used").exists()
    third = password_login(world.coordinator)
    response = third.post(reverse("core:second_step"), {"code": codes[0]})
    assert response.status_code == 200


def test_the_api_answers_403_before_the_second_step(world):
    authenticator(world.viewer)
    client = password_login(world.viewer)
    response = client.get("/api/v1/regions/")
    assert response.status_code == 403
    assert "tweede stap" in response.json()["detail"]


def test_a_viewer_needs_no_second_factor_and_may_turn_one_on_and_off(world):
    client = password_login(world.viewer)
    assert client.get(reverse("organisation:oncall_now")).status_code == 200
    assert "Uit:" in client.get(reverse("core:two_factor")).content.decode()
    set_up(client, world.viewer)
    device = TOTPDevice.objects.get(user=world.viewer, confirmed=True)
    assert "Aan:" in client.get(reverse("core:two_factor")).content.decode()
    response = client.post(
        reverse("core:two_factor"), {"what": "disable", "code": current_code(device)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.viewer).exists()
    assert not StaticToken.objects.filter(device__user=world.viewer).exists()
    assert AuditEntry.objects.filter(action="user.two_factor_disabled", actor=world.viewer).exists()
    # Off again: the password alone opens the pages.
    assert password_login(world.viewer).get(reverse("organisation:oncall_now")).status_code == 200


def test_turning_off_needs_a_current_code(world):
    client = password_login(world.viewer)
    set_up(client, world.viewer)
    response = client.post(reverse("core:two_factor"), {"what": "disable", "code": "999999"})
    assert "Deze code klopt niet" in response.content.decode()
    assert TOTPDevice.objects.filter(user=world.viewer, confirmed=True).exists()


def test_a_coordinator_cannot_turn_it_off(world):
    client = password_login(world.coordinator)
    set_up(client, world.coordinator)
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=True)
    response = client.post(
        reverse("core:two_factor"), {"what": "disable", "code": current_code(device)}
    )
    assert "kunt die daarom niet uitzetten" in response.content.decode()
    assert TOTPDevice.objects.filter(user=world.coordinator, confirmed=True).exists()


def test_new_recovery_codes_replace_the_old_ones(world):
    client = password_login(world.viewer)
    old = set_up(client, world.viewer)
    device = TOTPDevice.objects.get(user=world.viewer, confirmed=True)
    response = client.post(
        reverse("core:two_factor"), {"what": "renew", "code": current_code(device)}
    )
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(
        StaticToken.objects.filter(device__user=world.viewer).values_list("token", flat=True)
    ) == set(new)
    assert AuditEntry.objects.filter(action="user.recovery_codes_renewed").exists()


def test_the_roles_that_need_it_are_a_setting(world, settings):
    settings.TWO_FACTOR_ROLES = ["administrator", "coordinator", "viewer"]
    assert password_login(world.viewer).get(reverse("organisation:oncall_now")).status_code == 302
    settings.TWO_FACTOR_ROLES = ["administrator"]
    assert (
        password_login(world.coordinator).get(reverse("organisation:oncall_now")).status_code == 200
    )


def test_without_require_2fa_a_coordinator_logs_in_in_one_step(world, settings):
    settings.REQUIRE_2FA = False
    assert (
        password_login(world.coordinator).get(reverse("organisation:oncall_now")).status_code == 200
    )


def test_the_second_step_never_redirects_to_another_host(world):
    device = authenticator(world.viewer)
    client = password_login(world.viewer)
    response = client.post(
        reverse("core:second_step") + "?next=https://evil.example/", {"code": current_code(device)}
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:home")


def test_token_links_stay_open_before_the_second_step(world):
    client = password_login(world.coordinator)
    response = client.get(reverse("alerting:alert_answer", args=["not-a-token"]))
    assert response.status_code != 302


def test_force_login_in_other_tests_completes_the_second_step(world, request):
    # Outside this module, the autouse fixture does this for every force_login.
    from oranje.core.tests.logins import complete_second_step

    client = Client()
    client.force_login(world.coordinator)
    assert client.get(reverse("organisation:oncall_now")).status_code == 302
    complete_second_step(client, world.coordinator)
    assert client.get(reverse("organisation:oncall_now")).status_code == 200
