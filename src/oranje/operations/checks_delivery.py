"""Deployment checks on the ways Oranje reaches people: the mail server answers (a real
SMTP conversation, a few seconds at most) and SMS is either configured or deliberately off."""

from __future__ import annotations

import smtplib
import ssl
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.utils.module_loading import import_string

from oranje.operations.checks_base import error, warning

# The check waits at most this long for the mail server (less when ORANJE_SMTP_TIMEOUT is).
SMTP_CHECK_TIMEOUT = 5


def check_mail(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """E010–E012: mail leaves this machine through an SMTP server that answers."""
    try:
        backend = import_string(settings.EMAIL_BACKEND)
    except ImportError:
        backend = None
    if not (isinstance(backend, type) and issubclass(backend, SmtpBackend)):
        return [
            error(
                "E011",
                f"ORANJE_EMAIL_BACKEND is {settings.EMAIL_BACKEND}, geen SMTP: e-mail zou "
                "deze machine niet verlaten (alarmeringen, wachtwoordherstel, berichten).",
                f"ORANJE_EMAIL_BACKEND is {settings.EMAIL_BACKEND}, not SMTP: mail would not "
                "leave this machine (alerts, password resets, messages).",
                fix_nl="Haal ORANJE_EMAIL_BACKEND uit het omgevingsbestand (SMTP is de "
                "standaard) en stel ORANJE_SMTP_HOST, ORANJE_SMTP_PORT en zo nodig "
                "ORANJE_SMTP_USER, ORANJE_SMTP_PASSWORD en ORANJE_SMTP_STARTTLS in.",
                fix_en="Remove ORANJE_EMAIL_BACKEND from the environment file (SMTP is the "
                "default) and set ORANJE_SMTP_HOST, ORANJE_SMTP_PORT and where needed "
                "ORANJE_SMTP_USER, ORANJE_SMTP_PASSWORD and ORANJE_SMTP_STARTTLS.",
            )
        ]
    return smtp_conversation()


def _reason(exc: BaseException) -> str:
    """The error in one line, without a closing period (the message adds its own)."""
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else ""
        reason = f"{exc.smtp_code} {text}"
    else:
        reason = str(exc)
    return " ".join(reason.split()).rstrip(".") or type(exc).__name__


def smtp_conversation() -> list[CheckMessage]:
    """Connect, EHLO, STARTTLS when configured, log in when a user is set, QUIT.

    Nothing is sent. The password is never part of a message."""
    host, port = settings.EMAIL_HOST, settings.EMAIL_PORT
    where = f"{host}:{port}"
    timeout = min(settings.EMAIL_TIMEOUT or SMTP_CHECK_TIMEOUT, SMTP_CHECK_TIMEOUT)
    step = ("verbinden", "connect")
    try:
        if getattr(settings, "EMAIL_USE_SSL", False):
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        with smtp:
            step = ("EHLO", "EHLO")
            smtp.ehlo()
            if settings.EMAIL_USE_TLS:
                step = ("STARTTLS", "STARTTLS")
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if settings.EMAIL_HOST_USER:
                step = ("aanmelden", "login")
                smtp.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    except (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError) as exc:
        if step[1] != "login":
            return [_unreachable(where, step, exc)]
        return [
            error(
                "E012",
                f"De SMTP-server {where} weigert de aanmelding van ORANJE_SMTP_USER "
                f"{settings.EMAIL_HOST_USER!r}: {_reason(exc)}.",
                f"The SMTP server {where} refuses the login of ORANJE_SMTP_USER "
                f"{settings.EMAIL_HOST_USER!r}: {_reason(exc)}.",
                fix_nl="Controleer ORANJE_SMTP_USER en ORANJE_SMTP_PASSWORD bij de beheerder "
                "van de mailserver; veel servers staan aanmelden alleen toe na "
                "ORANJE_SMTP_STARTTLS=true.",
                fix_en="Check ORANJE_SMTP_USER and ORANJE_SMTP_PASSWORD with the mail "
                "server's administrator; many servers only allow a login after "
                "ORANJE_SMTP_STARTTLS=true.",
            )
        ]
    except (smtplib.SMTPException, OSError) as exc:
        return [_unreachable(where, step, exc)]
    return []


def _unreachable(where: str, step: tuple[str, str], exc: BaseException) -> CheckMessage:
    return error(
        "E010",
        f"De SMTP-server {where} is niet bruikbaar (stap {step[0]}): {_reason(exc)}. "
        "Alarmeringen en berichten per e-mail komen niet aan.",
        f"The SMTP server {where} cannot be used (step {step[1]}): {_reason(exc)}. "
        "Alerts and messages by e-mail do not arrive.",
        fix_nl="Controleer ORANJE_SMTP_HOST en ORANJE_SMTP_PORT, of de server draait en of "
        "een firewall de poort doorlaat (`nc -vz <host> <poort>`); zet "
        "ORANJE_SMTP_STARTTLS alleen aan als de server STARTTLS aanbiedt.",
        fix_en="Check ORANJE_SMTP_HOST and ORANJE_SMTP_PORT, that the server runs and that "
        "a firewall lets the port through (`nc -vz <host> <port>`); set "
        "ORANJE_SMTP_STARTTLS only when the server offers STARTTLS.",
    )


def check_sms(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """E020–E022, W020–W021: an SMS gateway, or SMS deliberately off; never both."""
    url, off = settings.SMS_GATEWAY_URL, settings.SMS_OFF
    if url and off:
        return [
            error(
                "E021",
                "ORANJE_SMS_GATEWAY_URL is ingesteld én ORANJE_SMS_OFF=true: dat spreekt "
                "elkaar tegen (er gaat geen sms uit).",
                "ORANJE_SMS_GATEWAY_URL is set and ORANJE_SMS_OFF=true: they contradict each "
                "other (no SMS is sent).",
                fix_nl="Haal ORANJE_SMS_OFF weg om sms te versturen, of haal "
                "ORANJE_SMS_GATEWAY_URL weg als sms bewust uit staat.",
                fix_en="Remove ORANJE_SMS_OFF to send SMS, or remove ORANJE_SMS_GATEWAY_URL "
                "when SMS is deliberately off.",
            )
        ]
    if not url and not off:
        return [
            error(
                "E020",
                "Er is geen sms-gateway ingesteld (ORANJE_SMS_GATEWAY_URL is leeg): "
                "alarmeringen gaan alleen per e-mail.",
                "No SMS gateway is configured (ORANJE_SMS_GATEWAY_URL is empty): alerts go "
                "by e-mail only.",
                fix_nl="Stel een gateway in met ORANJE_SMS_GATEWAY_URL en "
                "ORANJE_SMS_GATEWAY_TOKEN, of zeg dat sms bewust uit staat met "
                "ORANJE_SMS_OFF=true.",
                fix_en="Configure a gateway with ORANJE_SMS_GATEWAY_URL and "
                "ORANJE_SMS_GATEWAY_TOKEN, or say it is deliberately off with "
                "ORANJE_SMS_OFF=true.",
            )
        ]
    if off:
        return []
    messages: list[CheckMessage] = []
    scheme = urlsplit(url).scheme
    shown = _scheme_and_host(url)
    if scheme not in ("http", "https"):
        messages.append(
            error(
                "E022",
                f"ORANJE_SMS_GATEWAY_URL{shown} is geen http(s)-adres: elke sms wordt geweigerd.",
                f"ORANJE_SMS_GATEWAY_URL{shown} is not an http(s) address: every SMS is refused.",
                fix_nl="Zet ORANJE_SMS_GATEWAY_URL op het https-adres van de gateway.",
                fix_en="Set ORANJE_SMS_GATEWAY_URL to the gateway's https address.",
            )
        )
    elif scheme != "https":
        messages.append(
            warning(
                "W020",
                f"ORANJE_SMS_GATEWAY_URL{shown} gebruikt geen https: telefoonnummers, "
                "berichten en het token gaan onversleuteld over het netwerk.",
                f"ORANJE_SMS_GATEWAY_URL{shown} does not use https: phone numbers, messages "
                "and the token travel unencrypted over the network.",
                fix_nl="Gebruik het https-adres van de gateway in ORANJE_SMS_GATEWAY_URL.",
                fix_en="Use the gateway's https address in ORANJE_SMS_GATEWAY_URL.",
            )
        )
    if not settings.SMS_GATEWAY_TOKEN:
        messages.append(
            warning(
                "W021",
                "ORANJE_SMS_GATEWAY_TOKEN is leeg: de gateway krijgt geen token en weigert "
                "de berichten waarschijnlijk.",
                "ORANJE_SMS_GATEWAY_TOKEN is empty: the gateway gets no token and will "
                "probably refuse the messages.",
                fix_nl="Zet ORANJE_SMS_GATEWAY_TOKEN op het token dat de gateway-leverancier "
                "gaf (in het omgevingsbestand, niet op de opdrachtregel).",
                fix_en="Set ORANJE_SMS_GATEWAY_TOKEN to the token the gateway's supplier "
                "gave (in the environment file, not on a command line).",
            )
        )
    return messages


def _scheme_and_host(url: str) -> str:
    """The gateway as ` (https://sms.example.nl)`: never its path, query or login, where a
    key may be kept; nothing when the value has no host to show."""
    parts = urlsplit(url)
    try:
        host = parts.hostname
        port = parts.port
    except ValueError:
        return ""
    if not (parts.scheme and host):
        return ""
    host = f"[{host}]" if ":" in host else host
    return f" ({parts.scheme}://{host}{f':{port}' if port else ''})"
