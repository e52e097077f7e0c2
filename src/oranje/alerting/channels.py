"""The channels an alert travels on: e-mail over SMTP, SMS through an HTTP gateway, and the
app itself. Each send either returns or raises ChannelError with a short reason that the
alert board shows; retrying is the task's business, not the channel's."""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection


class ChannelError(Exception):
    """A message could not be handed over; str(exc) says why, for the alert board."""


@dataclass
class Message:
    delivery_id: int
    address: str
    subject: str
    text: str


def sms_enabled() -> bool:
    return bool(settings.SMS_GATEWAY_URL)


def is_mobile(phone: str) -> bool:
    """Dutch mobile numbers start with +316; foreign numbers are taken as mobile."""
    return phone.startswith("+") and (not phone.startswith("+31") or phone.startswith("+316"))


def send_emails(messages: list[Message]) -> dict[int, str]:
    """Send over one SMTP connection. Returns the errors by delivery id (empty: all sent)."""
    failures: dict[int, str] = {}
    if not messages:
        return failures
    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except OSError as exc:
        return {m.delivery_id: f"SMTP: {exc}"[:255] for m in messages}
    try:
        for m in messages:
            mail = EmailMessage(
                m.subject,
                m.text,
                settings.DEFAULT_FROM_EMAIL,
                [m.address],
                connection=connection,
                headers={"X-Priority": "1", "Importance": "high"},
            )
            try:
                mail.send()
            except OSError as exc:  # smtplib errors are OSErrors
                failures[m.delivery_id] = f"SMTP: {exc}"[:255]
    finally:
        with contextlib.suppress(OSError):
            connection.close()
    return failures


def send_sms(to: str, text: str) -> None:
    """Hand one SMS to the gateway; ChannelError unless it answers 2xx."""
    if not sms_enabled():
        raise ChannelError("SMS-gateway niet ingesteld")
    if not settings.SMS_GATEWAY_URL.startswith(("https://", "http://")):
        raise ChannelError("SMS-gateway: adres moet met http:// of https:// beginnen")
    body = json.dumps({"to": to, "from": settings.SMS_SENDER, "text": text}).encode()
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        settings.SMS_GATEWAY_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as exc:
        raise ChannelError(f"SMS-gateway antwoordde {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ChannelError(f"SMS-gateway onbereikbaar: {reason}"[:255]) from None
