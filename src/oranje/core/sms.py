"""The SMS gateway adapter: one HTTP POST per message to the gateway set in the settings
(SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_SENDER, SMS_TIMEOUT). Here, in the lowest room, so
that every room that sends a text (alerting's alerts, readiness' one-hour drill) hands it over
the same way. A resend carries the same idempotency key (as the `Idempotency-Key` header and
the `idempotency_key` field), so the gateway can drop a duplicate."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings


class SmsError(Exception):
    """The gateway did not take the message; str(exc) says why, in a short Dutch line."""


def sms_enabled() -> bool:
    """True when a gateway is set and SMS is not deliberately off (ORANJE_SMS_OFF)."""
    return bool(settings.SMS_GATEWAY_URL) and not settings.SMS_OFF


def post_sms(to: str, text: str, *, key: str = "") -> None:
    """Hand one SMS to the gateway; SmsError unless it answers 2xx."""
    if not sms_enabled():
        raise SmsError("SMS-gateway niet ingesteld")
    if not settings.SMS_GATEWAY_URL.startswith(("https://", "http://")):
        raise SmsError("SMS-gateway: adres moet met http:// of https:// beginnen")
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
        raise SmsError(f"SMS-gateway antwoordde {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SmsError(f"SMS-gateway onbereikbaar: {reason}"[:255]) from None
