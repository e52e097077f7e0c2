"""The deployment checks on mail and SMS (oranje.operations.checks_delivery), each both
ways; the SMTP check against a real listener on this machine and against a closed port."""

from __future__ import annotations

import socket
import time

import pytest
from django.test import override_settings

from oranje.core.sms import SmsError, post_sms, sms_enabled
from oranje.operations.checks_delivery import check_mail, check_sms
from oranje.operations.tests.smtp_listener import PASSWORD, USER, smtp_listener

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.fixture
def listener():
    with (
        smtp_listener() as server,
        override_settings(
            EMAIL_BACKEND=SMTP,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.server_address[1],
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        ),
    ):
        yield server


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_server_that_answers_passes_and_is_sent_nothing(listener):
    assert check_mail() == []
    verbs = [line.split(" ")[0].upper() for line in listener.heard]
    assert verbs == ["EHLO", "QUIT"]


def test_the_check_logs_in_when_a_user_is_set(listener):
    with override_settings(EMAIL_HOST_USER=USER, EMAIL_HOST_PASSWORD=PASSWORD):
        assert check_mail() == []
    assert any(line.startswith("AUTH PLAIN") for line in listener.heard)


def test_a_refused_login_is_an_error_naming_the_user_and_the_server(listener):
    port = listener.server_address[1]
    with override_settings(EMAIL_HOST_USER=USER, EMAIL_HOST_PASSWORD="fout"):
        [message] = check_mail()
    assert message.id == "oranje.E012"
    assert f"127.0.0.1:{port}" in message.msg and "535" in message.msg
    assert "'oranje'" in message.msg and "fout" not in message.msg
    assert "ORANJE_SMTP_PASSWORD" in message.hint


def test_starttls_configured_on_a_server_without_it_is_an_error(listener):
    with override_settings(EMAIL_USE_TLS=True):
        [message] = check_mail()
    assert message.id == "oranje.E010"
    assert "STARTTLS" in message.msg and "ORANJE_SMTP_STARTTLS" in message.hint
    # The server's reason ends in a period of its own; the message adds just one.
    assert "by server. " in message.msg and ".." not in message.msg


def test_a_closed_port_is_an_error_naming_host_port_and_the_reason():
    port = closed_port()
    with override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port):
        [message] = check_mail()
    assert message.id == "oranje.E010"
    assert f"127.0.0.1:{port}" in message.msg and "refused" in message.msg
    assert "ORANJE_SMTP_HOST" in message.hint and "ORANJE_SMTP_PORT" in message.hint


def test_a_server_that_never_greets_is_given_up_on_within_the_timeout():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # connections complete in the backlog; nobody ever says 220
        port = silent.getsockname()[1]
        started = time.monotonic()
        with override_settings(
            EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_TIMEOUT=1
        ):
            [message] = check_mail()
    assert time.monotonic() - started < 3
    assert message.id == "oranje.E010" and "timed out" in message.msg


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "no.such.Backend",
    ],
)
def test_a_backend_that_keeps_mail_on_this_machine_is_an_error(backend):
    with override_settings(EMAIL_BACKEND=backend, EMAIL_PORT=closed_port()):
        [message] = check_mail()
    assert message.id == "oranje.E011"
    assert "ORANJE_EMAIL_BACKEND" in message.msg and "would not leave this machine" in message.msg


@pytest.mark.parametrize(
    ("url", "token", "off", "expected"),
    [
        ("https://sms.example.nl/send", "t0ken", False, []),
        ("", "", True, []),
        ("", "", False, ["oranje.E020"]),
        ("https://sms.example.nl/send", "t0ken", True, ["oranje.E021"]),
        ("ftp://sms.example.nl/send", "t0ken", False, ["oranje.E022"]),
        ("http://sms.example.nl/send", "t0ken", False, ["oranje.W020"]),
        ("https://sms.example.nl/send", "", False, ["oranje.W021"]),
        ("http://sms.example.nl/send", "", False, ["oranje.W020", "oranje.W021"]),
    ],
)
def test_sms_is_configured_or_deliberately_off_never_both(url, token, off, expected):
    with override_settings(SMS_GATEWAY_URL=url, SMS_GATEWAY_TOKEN=token, SMS_OFF=off):
        assert ids(check_sms()) == expected


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("ftp://user:pw@sms.example.nl/send/k3y?key=k3y", "(ftp://sms.example.nl)"),
        ("http://sms.example.nl:8080/k3y/send?key=k3y", "(http://sms.example.nl:8080)"),
        ("sms.example.nl/send?key=k3y", "ORANJE_SMS_GATEWAY_URL is"),
    ],
)
def test_a_gateway_is_shown_by_scheme_and_host_only(url, shown):
    with override_settings(SMS_GATEWAY_URL=url, SMS_GATEWAY_TOKEN="t0ken", SMS_OFF=False):
        [message] = check_sms()
    assert shown in message.msg
    assert "k3y" not in message.msg and "pw" not in message.msg and "send" not in message.msg


def test_no_gateway_names_both_ways_out():
    with override_settings(SMS_GATEWAY_URL="", SMS_OFF=False):
        [message] = check_sms()
    assert "ORANJE_SMS_GATEWAY_URL" in message.hint and "ORANJE_SMS_OFF=true" in message.hint


def test_sms_off_stops_sending_even_with_a_gateway_set():
    with override_settings(SMS_GATEWAY_URL="https://sms.example.nl/send", SMS_OFF=False):
        assert sms_enabled() is True
    with override_settings(SMS_GATEWAY_URL="https://sms.example.nl/send", SMS_OFF=True):
        assert sms_enabled() is False
        with pytest.raises(SmsError):
            post_sms("+31612345678", "Oefening")
