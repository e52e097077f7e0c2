"""The public form's rate limit: reports per client address and per incident in a window.

Django's cache is kept per server process here (no CACHES configured: local memory), so a
limit counted in it would be multiplied by the number of gunicorn workers. The counts live in
the database instead (`FormRate`), one row per key and window, shared by every process. The
client address is kept only as a keyed hash.

Limits come from the settings `DAMAGE_FORM_RATE_ADDRESS` and `DAMAGE_FORM_RATE_INCIDENT`
(environment `ORANJE_DAMAGE_FORM_RATE_ADDRESS`, `ORANJE_DAMAGE_FORM_RATE_INCIDENT`, written
like 20/hour); a load test sets them high.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from oranje.damage.models import FormRate

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
#: Windows older than this are removed when a new window begins.
KEEP = dt.timedelta(days=2)


def parse_rate(text: str) -> tuple[int, int]:
    """'20/hour' → (20, 3600)."""
    number, _sep, period = text.partition("/")
    return int(number), _PERIODS[period]


def address_key(request: HttpRequest, incident_id: int) -> str:
    address = get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "?"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return f"a:{incident_id}:{digest.hexdigest()[:40]}"


def incident_key(incident_id: int) -> str:
    return f"i:{incident_id}"


def _window(now: dt.datetime, seconds: int) -> dt.datetime:
    stamp = int(now.timestamp()) // seconds * seconds
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


def _take_one(key: str, limit: int, seconds: int, now: dt.datetime) -> bool:
    window = _window(now, seconds)
    rows = FormRate.objects.filter(key=key, window=window)
    if rows.filter(count__lt=limit).update(count=F("count") + 1):
        return True
    if not rows.exists():
        try:
            with transaction.atomic():
                FormRate.objects.create(key=key, window=window, count=1)
        except IntegrityError:
            pass  # another process began the window meanwhile: count in its row below
        else:
            FormRate.objects.filter(window__lt=now - KEEP).delete()
            return True
    # The window's row exists (perhaps only since the update above): count there, if room.
    return bool(rows.filter(count__lt=limit).update(count=F("count") + 1))


def rate_take(request: HttpRequest, incident_id: int) -> bool:
    """Count one report for the client's address and for the incident; False (and nothing
    counted) when either limit is reached in its current window."""
    now = timezone.now()
    limits = (
        (address_key(request, incident_id), *parse_rate(settings.DAMAGE_FORM_RATE_ADDRESS)),
        (incident_key(incident_id), *parse_rate(settings.DAMAGE_FORM_RATE_INCIDENT)),
    )
    with transaction.atomic():
        for key, limit, seconds in limits:
            if not _take_one(key, limit, seconds, now):
                transaction.set_rollback(True)
                return False
    return True
