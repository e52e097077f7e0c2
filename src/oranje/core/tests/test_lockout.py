"""Brute-force protection on the login: per account, per address, a Dutch 429 page, an audit
entry; and throttling on the API."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from oranje.core.models import AuditEntry

pytestmark = pytest.mark.django_db
RIGHT = "test-pass-123"


def attempt(client: Client, username: str, password: str):
    return client.post(reverse("core:login"), {"username": username, "password": password})


def test_thirty_wrong_passwords_then_the_right_one_is_refused(world):
    client = Client()
    for _ in range(30):
        attempt(client, world.coordinator.username, "wrong-password")
    response = attempt(client, world.coordinator.username, RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert Client().get(reverse("organisation:oncall_now")).status_code == 302


def test_the_lockout_page_says_in_dutch_what_happened_and_when_to_retry(world):
    client = Client()
    for _ in range(5):
        response = attempt(client, world.viewer.username, "wrong-password")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    body = response.content.decode()
    assert "Inloggen is tijdelijk geblokkeerd" in body
    assert "15 minuten" in body and "Probeer het opnieuw na" in body


def test_four_wrong_passwords_still_let_the_right_one_in(world):
    client = Client()
    for _ in range(4):
        assert attempt(client, world.viewer.username, "wrong-password").status_code == 200
    assert attempt(client, world.viewer.username, RIGHT).status_code == 302


def test_a_locked_account_is_locked_from_every_address(world):
    for _ in range(5):
        attempt(Client(REMOTE_ADDR="10.0.0.1"), world.viewer.username, "wrong-password")
    response = attempt(Client(REMOTE_ADDR="10.0.0.2"), world.viewer.username, RIGHT)
    assert response.status_code == 429


def test_an_address_is_locked_after_more_failures_spread_over_accounts(world, settings):
    # Colleagues behind one address may mistype now and then: the address limit is higher.
    names = [f"nobody{i}" for i in range(settings.LOGIN_FAILURES_PER_ADDRESS)]
    for name in names[:-1]:
        assert attempt(Client(), name, "wrong-password").status_code == 200
    assert attempt(Client(), world.viewer.username, RIGHT).status_code == 302
    assert attempt(Client(), names[-1], "wrong-password").status_code == 429
    assert attempt(Client(), world.functionary.username, RIGHT).status_code == 429
    # Another address is not affected.
    assert (
        attempt(Client(REMOTE_ADDR="10.0.0.9"), world.functionary.username, RIGHT).status_code
        == 302
    )


def test_a_lockout_writes_one_audit_entry_in_the_users_region(world):
    client = Client()
    for _ in range(12):
        attempt(client, world.coordinator.username, "wrong-password")
    entries = AuditEntry.objects.filter(action="user.locked_out")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.region == world.region
    assert entry.object_repr == world.coordinator.username
    assert entry.object_id == str(world.coordinator.pk)
    assert "127.0.0.1" in entry.note


def test_the_lockout_ends_after_the_window(world):
    from datetime import timedelta

    client = Client()
    for _ in range(5):
        attempt(client, world.viewer.username, "wrong-password")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert attempt(client, world.viewer.username, RIGHT).status_code == 302


def test_the_admin_login_is_protected_too(world):
    client = Client()
    for _ in range(5):
        client.post("/beheer/login/", {"username": world.admin.username, "password": "wrong"})
    response = client.post("/beheer/login/", {"username": world.admin.username, "password": RIGHT})
    assert response.status_code == 429


def test_the_api_throttles_anonymous_callers(world):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.THROTTLE_RATES = {"anon": "3/minute", "user": "1000/minute"}
    try:
        client = APIClient()
        # The schema is open to anonymous callers; closed endpoints refuse them before counting.
        statuses = [client.get("/api/v1/schema/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def test_the_api_throttles_a_user_and_says_so_in_dutch(world):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    SimpleRateThrottle.THROTTLE_RATES = {"anon": "100/minute", "user": "2/minute"}
    try:
        client = APIClient()
        client.force_authenticate(world.viewer)
        assert client.get("/api/v1/regions/").status_code == 200
        assert client.get("/api/v1/regions/").status_code == 200
        response = client.get("/api/v1/regions/")
        assert response.status_code == 429
        assert "Retry-After" in response
        assert response.json()["detail"] == (
            "Te veel verzoeken. Probeer het over 60 seconden opnieuw."
        )
    finally:
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
