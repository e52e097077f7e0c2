"""The channels an alert travels on: e-mail over SMTP, SMS through an HTTP gateway, and the
app itself. Each send either returns or raises ChannelError with a short reason that the
alert board shows; retrying is the task's business, not the channel's. Every resend of a
message carries the same Message-ID (mail) or Idempotency-Key (SMS), so the other side can
drop a duplicate."""

from __future__ import annotations

import contextlib
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
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
    message_id: str = ""


#: Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """Text fit for a mail header or an SMS line: control characters (CR, LF, tab …)
    become one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def sms_enabled() -> bool:
    return bool(settings.SMS_GATEWAY_URL)


def send_emails(
    messages: list[Message], after: Callable[[int, str | None], object] | None = None
) -> dict[int, str]:
    """Send over one SMTP connection. Returns the errors by delivery id (empty: all sent).
    `after(delivery_id, error)` is called as soon as each message is handed over or failed."""
    failures: dict[int, str] = {}
    if not messages:
        return failures
    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except Exception as exc:  # smtplib errors are OSErrors; anything else fails them too
        failures = {m.delivery_id: f"SMTP: {exc}"[:255] for m in messages}
        for m in messages:
            if after is not None:
                after(m.delivery_id, failures[m.delivery_id])
        return failures
    try:
        for m in messages:
            headers = {"X-Priority": "1", "Importance": "high"}
            if m.message_id:
                headers["Message-ID"] = m.message_id
            try:
                mail = EmailMessage(
                    one_line(m.subject),
                    m.text,
                    settings.DEFAULT_FROM_EMAIL,
                    [m.address],
                    connection=connection,
                    headers=headers,
                )
                mail.send()
            except Exception as exc:  # one bad message (a bad header, a refusal) fails alone
                failures[m.delivery_id] = f"SMTP: {exc}"[:255]
            if after is not None:
                after(m.delivery_id, failures.get(m.delivery_id))
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return failures


def send_sms(to: str, text: str, *, key: str = "") -> None:
    """Hand one SMS to the gateway; ChannelError unless it answers 2xx. `key` goes along as
    the Idempotency-Key header and the `idempotency_key` field: a resend after a crash
    carries the same key."""
    if not sms_enabled():
        raise ChannelError("SMS-gateway niet ingesteld")
    if not settings.SMS_GATEWAY_URL.startswith(("https://", "http://")):
        raise ChannelError("SMS-gateway: adres moet met http:// of https:// beginnen")
    payload = {"to": to, "from": settings.SMS_SENDER, "text": text}
    headers = {
        "Content-Type": "application/json",
        "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
    }
    if key:
        payload["idempotency_key"] = key
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        settings.SMS_GATEWAY_URL,
        data=json.dumps(payload).encode(),
        method="POST",
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as exc:
        raise ChannelError(f"SMS-gateway antwoordde {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ChannelError(f"SMS-gateway onbereikbaar: {reason}"[:255]) from None
