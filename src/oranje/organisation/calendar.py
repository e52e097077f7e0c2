"""iCalendar (RFC 5545) feed of a person's on-call shifts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from oranje.core.validation import local_zone
from oranje.organisation.models import Person

FEED_PAST_DAYS = 31
FEED_FUTURE_DAYS = 400


def person_calendar(person: Person) -> bytes:
    """The feed: one VEVENT per shift, local times with a VTIMEZONE for Europe/Amsterdam."""
    zone = local_zone()
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Oranje//Piketrooster//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Piket {person.full_name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    shifts = person.shifts.filter(
        ends_at__gt=now - dt.timedelta(days=FEED_PAST_DAYS),
        starts_at__lt=now + dt.timedelta(days=FEED_FUTURE_DAYS),
    ).select_related("function", "pool")
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "oranje"
    for shift in shifts.order_by("starts_at"):
        event = Event()
        event.add("uid", f"shift-{shift.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", shift.starts_at.astimezone(zone))
        event.add("dtend", shift.ends_at.astimezone(zone))
        kind = "Hard piket" if shift.kind == "hard" else "Zacht piket"
        event.add("summary", f"{kind} {shift.function.code}")
        event.add("description", f"{shift.function.name}\nPool: {shift.pool.name}")
        event.add("categories", ["piket"])
        event.add("transp", "OPAQUE" if shift.kind == "hard" else "TRANSPARENT")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
