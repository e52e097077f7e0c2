"""The deployment checks on settings (oranje.operations.checks_settings), each both ways."""

from __future__ import annotations

import pytest
from django.test import override_settings

from oranje.operations.checks_settings import (
    check_cookies,
    check_debug,
    check_hosts,
    check_secret_key,
    check_two_factor,
)

PRODUCTION = {
    "DEBUG": False,
    "ALLOWED_HOSTS": ["oranje.vr12.nl"],
    "SITE_URL": "https://oranje.vr12.nl",
    "BEHIND_PROXY": True,
    "CSRF_TRUSTED_ORIGINS": ["https://oranje.vr12.nl"],
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "REQUIRE_2FA": True,
}


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.fixture(autouse=True)
def production():
    with override_settings(**PRODUCTION):
        yield


def test_a_production_configuration_passes_every_settings_check(monkeypatch):
    monkeypatch.setenv("ORANJE_SECRET_KEY", "k" * 50)
    found = [
        *check_secret_key(),
        *check_debug(),
        *check_hosts(),
        *check_cookies(),
        *check_two_factor(),
    ]
    assert found == []


def test_a_generated_secret_key_is_a_warning_naming_the_variable(monkeypatch):
    monkeypatch.delenv("ORANJE_SECRET_KEY", raising=False)
    [message] = check_secret_key()
    assert message.id == "oranje.W001"
    assert message.is_serious() is False
    assert "ORANJE_SECRET_KEY" in message.msg and "ORANJE_SECRET_KEY" in message.hint
    assert "NL: " in message.msg and "EN: " in message.msg
    assert "NL: " in message.hint and "EN: " in message.hint


def test_debug_on_is_an_error():
    with override_settings(DEBUG=True):
        assert ids(check_debug()) == ["oranje.E001"]
    assert check_debug() == []


@pytest.mark.parametrize("hosts", [["*"], ["127.0.0.1", "localhost", "[::1]"], []])
def test_allowed_hosts_of_only_localhost_or_a_star_are_an_error(hosts):
    with override_settings(ALLOWED_HOSTS=hosts):
        assert "oranje.E002" in ids(check_hosts())


def test_the_site_urls_host_must_be_an_allowed_host():
    with override_settings(
        ALLOWED_HOSTS=["oranje.vr12.nl"],
        SITE_URL="https://crisis.vr12.nl",
        CSRF_TRUSTED_ORIGINS=["https://crisis.vr12.nl"],
    ):
        [message] = check_hosts()
    assert message.id == "oranje.E003"
    assert "crisis.vr12.nl" in message.msg and "ORANJE_ALLOWED_HOSTS" in message.hint
    with override_settings(
        ALLOWED_HOSTS=[".vr12.nl"],
        SITE_URL="https://crisis.vr12.nl:8443",
        CSRF_TRUSTED_ORIGINS=["https://crisis.vr12.nl:8443"],
    ):
        assert check_hosts() == []


def test_a_site_url_that_is_not_an_address_is_an_error():
    with override_settings(SITE_URL="oranje.vr12.nl"):
        assert ids(check_hosts()) == ["oranje.E003"]


def test_a_site_url_without_https_is_an_error():
    with override_settings(
        SITE_URL="http://oranje.vr12.nl", CSRF_TRUSTED_ORIGINS=["http://oranje.vr12.nl"]
    ):
        [message] = check_hosts()
    assert message.id == "oranje.E004"
    assert "ORANJE_SITE_URL=https://" in message.hint


def test_behind_a_proxy_the_site_urls_origin_must_be_trusted_for_forms():
    with override_settings(CSRF_TRUSTED_ORIGINS=[]):
        [message] = check_hosts()
        assert message.id == "oranje.E005"
        assert "ORANJE_CSRF_TRUSTED_ORIGINS=https://oranje.vr12.nl" in message.hint
    with override_settings(CSRF_TRUSTED_ORIGINS=["http://oranje.vr12.nl"]):
        assert ids(check_hosts()) == ["oranje.E005"]
    with override_settings(CSRF_TRUSTED_ORIGINS=["https://*.vr12.nl"]):
        assert check_hosts() == []
    with override_settings(BEHIND_PROXY=False, CSRF_TRUSTED_ORIGINS=[]):
        assert check_hosts() == []


def test_cookies_without_the_secure_flag_are_an_error():
    with override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False):
        [message] = check_cookies()
    assert message.id == "oranje.E006"
    assert "ORANJE_SECURE_COOKIES=true" in message.hint


def test_hsts_off_is_a_warning():
    with override_settings(SECURE_HSTS_SECONDS=0):
        [message] = check_cookies()
    assert message.id == "oranje.W002"
    assert "ORANJE_HSTS_SECONDS" in message.hint


def test_two_factor_authentication_switched_off_is_a_warning():
    with override_settings(REQUIRE_2FA=False):
        [message] = check_two_factor()
    assert message.id == "oranje.W003"
    assert "ORANJE_REQUIRE_2FA=true" in message.hint
    assert check_two_factor() == []
