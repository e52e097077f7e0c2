"""The channels an alert travels on: e-mail over SMTP, SMS through an HTTP gateway, and the
app itself. Each send either returns or raises ChannelError with a short reason that the
alert board shows; retrying is the task's business, not the channel's. Every resend of a
message carries the same Message-ID (mail) or Idempotency-Key (SMS), so the other side can
drop a duplicate."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from oranje.core.sms import SmsError, post_sms
from oranje.core.sms import sms_enabled as sms_enabled


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
    """Hand one SMS to the gateway (`core.sms`); ChannelError unless it answers 2xx. `key` goes
    along as the idempotency key: a resend after a crash carries the same key."""
    try:
        post_sms(to, text, key=key)
    except SmsError as exc:
        raise ChannelError(str(exc)) from None
