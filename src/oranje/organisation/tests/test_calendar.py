import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from oranje.core.validation import local_zone
from oranje.organisation import services
from oranje.organisation.tests.factories import make_shift

pytestmark = pytest.mark.django_db


def test_the_feed_is_valid_icalendar_with_a_timezone_and_one_event_per_shift(client, world, monday):
    person = world.officers[0]
    make_shift(world.ovd_pool, world.ovd, person, monday)
    make_shift(world.ovd_pool, world.ovd, person, monday + dt.timedelta(days=14))
    response = client.get(
        reverse("organisation:calendar_feed", kwargs={"token": person.calendar_token})
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert "Oranje" in str(calendar["PRODID"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert all("UID" in e and "DTSTAMP" in e for e in events)
    assert len({str(e["UID"]) for e in events}) == 2
    assert events[0]["SUMMARY"] == "Hard piket OVD-BZ"
    assert events[0].decoded("DTSTART") == monday


def test_a_shift_across_the_clock_change_keeps_local_times_in_the_feed(client, world):
    zone = local_zone()
    start = dt.datetime(2027, 3, 22, 8, tzinfo=zone)  # clocks go forward on Sunday 28 March 2027
    make_shift(world.ovd_pool, world.ovd, world.officers[0], start.astimezone(dt.UTC), hours=167)
    calendar = Calendar.from_ical(
        client.get(
            reverse(
                "organisation:calendar_feed", kwargs={"token": world.officers[0].calendar_token}
            )
        ).content
    )
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTEND").replace(tzinfo=None) == dt.datetime(2027, 3, 29, 8)
    assert (
        "TZID=Europe/Amsterdam" in event["DTEND"].to_ical().decode()
        or event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    )


def test_a_revoked_address_stops_working(client, world):
    person = world.officers[0]
    old = person.calendar_token
    services.person_renew_calendar_token(actor=world.functionary, person=person)
    assert (
        client.get(reverse("organisation:calendar_feed", kwargs={"token": old})).status_code == 404
    )
    assert (
        client.get(
            reverse("organisation:calendar_feed", kwargs={"token": person.calendar_token})
        ).status_code
        == 200
    )


def test_a_guessed_token_finds_nothing(client, world):
    assert (
        client.get(reverse("organisation:calendar_feed", kwargs={"token": "x" * 43})).status_code
        == 404
    )
