"""Counting signals: by topic, goal, source and sentiment, over time in Amsterdam hours and
days, the top questions, the open rumours and the analyst's period summary."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from oranje.communication import selectors_signals as sel
from oranje.communication.models import Message, Signal
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _signal(incident: Incident, at: dt.datetime, **kw: object) -> Signal:
    values: dict[str, object] = {
        "source": "phone",
        "text": "Is de rook giftig?",
        "topic": "rook",
        "goal": "limit_harm",
        "count": 1,
    }
    values.update(kw)
    return Signal.objects.create(incident=incident, at=at, **values)


def test_counts_weigh_a_tally_by_its_count(world: World) -> None:
    incident = start_incident(world)
    now = timezone.now()
    _signal(incident, now, count=12)
    _signal(incident, now, topic="school", goal="inform", source="social", sentiment="negative")
    _signal(incident, now - dt.timedelta(hours=3), topic="", goal="", count=2)
    by_topic = sel.counts_by(incident, "topic")
    assert [(c.key, c.contacts) for c in by_topic] == [("rook", 12), ("", 2), ("school", 1)]
    assert by_topic[1].label == "(geen onderwerp)"
    by_goal = {c.key: (c.label, c.contacts) for c in sel.counts_by(incident, "goal")}
    assert by_goal["limit_harm"] == ("schadebeperking", 12)
    assert by_goal[""][1] == 2
    assert {c.key: c.contacts for c in sel.counts_by(incident, "source")} == {
        "phone": 14,
        "social": 1,
    }
    totals = sel.totals(incident)
    assert (totals.contacts, totals.rows, totals.last_hour) == (15, 3, 13)


def test_the_filter_narrows_every_count(world: World) -> None:
    incident = start_incident(world)
    now = timezone.now()
    _signal(incident, now - dt.timedelta(hours=5), count=4)
    _signal(incident, now - dt.timedelta(minutes=5), topic="water", count=3)
    f = sel.SignalFilter(start=now - dt.timedelta(hours=1))
    assert [c.key for c in sel.top_topics(incident, f)] == ["water"]
    assert sel.totals(incident, f).contacts == 3
    assert sel.signal_list(incident, sel.SignalFilter(topic="rook")).count() == 1
    other = start_incident(world, title="Elders")
    _signal(other, now, count=100)
    assert sel.totals(incident).contacts == 7


def test_open_rumours_are_those_not_countered(world: World) -> None:
    incident = start_incident(world)
    now = timezone.now()
    message = Message.objects.create(
        incident=incident, kind="public", title="Geen CO", text="Er is geen koolmonoxide."
    )
    open_one = _signal(incident, now, rumour=True, text="Koolmonoxide in de wijk!", count=9)
    _signal(incident, now, rumour=True, countered_by=message)
    _signal(incident, now)
    assert list(sel.open_rumours(incident)) == [open_one]
    assert sel.totals(incident).open_rumours == 1
    assert sel.totals(incident).rumours == 2
    assert list(sel.rumours(incident))[0] == open_one


def test_volume_counts_per_amsterdam_hour_with_empty_hours_present(world: World) -> None:
    incident = start_incident(world)
    base = dt.datetime(2026, 12, 4, 14, 10, tzinfo=AMS)
    _signal(incident, base, count=2)
    _signal(incident, base + dt.timedelta(minutes=60), topic="school", goal="inform")
    _signal(incident, base + dt.timedelta(hours=2), count=5)
    volume = sel.volume(incident, per="topic")
    assert volume.bucket == "hour"
    assert [b.hour for b in volume.buckets] == [14, 15, 16]
    bands = {s.key: s.values for s in volume.series}
    assert bands == {"rook": [2, 0, 5], "school": [0, 1, 0]}
    assert volume.column_totals == [2, 1, 5]
    by_goal = sel.volume(incident, per="goal")
    assert [s.label for s in by_goal.series] == ["schadebeperking", "informatievoorziening"]


def test_days_run_from_amsterdam_midnight(world: World) -> None:
    incident = start_incident(world)
    # 23:30 local on 3 December is 22:30 UTC: the 3rd, not the 4th.
    _signal(incident, dt.datetime(2026, 12, 3, 23, 30, tzinfo=AMS))
    _signal(incident, dt.datetime(2026, 12, 4, 0, 30, tzinfo=AMS))
    _signal(incident, dt.datetime(2026, 12, 7, 9, 0, tzinfo=AMS))
    volume = sel.volume(incident, per="topic")
    assert volume.bucket == "day"
    assert [b.date() for b in volume.buckets] == [
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 4),
        dt.date(2026, 12, 5),
        dt.date(2026, 12, 6),
        dt.date(2026, 12, 7),
    ]
    assert volume.series[0].values == [1, 1, 0, 0, 1]


def test_hours_over_the_clock_change_are_all_there(world: World) -> None:
    incident = start_incident(world)
    # 26 October 2025: 03:00 summer time becomes 02:00 winter time; 02:xx happens twice.
    first = dt.datetime(2025, 10, 26, 0, 30, tzinfo=dt.UTC)  # 02:30 summer time
    second = dt.datetime(2025, 10, 26, 1, 30, tzinfo=dt.UTC)  # 02:30 winter time
    _signal(incident, first)
    _signal(incident, second, count=3)
    volume = sel.volume(incident, per="topic", bucket="hour")
    assert len(volume.buckets) == 2
    assert [b.hour for b in volume.buckets] == [2, 2]
    assert volume.series[0].values == [1, 3]


def test_topics_past_the_chart_limit_are_one_band(world: World) -> None:
    incident = start_incident(world)
    now = timezone.now()
    for i in range(8):
        _signal(incident, now, topic=f"t{i}", count=10 - i)
    volume = sel.volume(incident, per="topic", topics=3)
    assert [s.key for s in volume.series] == ["t0", "t1", "t2", sel.OTHER]
    assert volume.series[-1].total == 7 + 6 + 5 + 4 + 3
    assert volume.series[-1].label == "overige onderwerpen"


def test_an_incident_without_signals_has_an_empty_volume(world: World) -> None:
    incident = start_incident(world)
    volume = sel.volume(incident)
    assert volume.buckets == [] and volume.series == [] and volume.total == 0


def test_the_period_summary_gathers_what_the_analyst_needs(world: World) -> None:
    incident = start_incident(world)
    now = timezone.now()
    _signal(incident, now - dt.timedelta(minutes=30), count=12)
    _signal(
        incident,
        now - dt.timedelta(minutes=20),
        text="Mag mijn kind naar school?",
        topic="school",
        goal="inform",
        sentiment="negative",
    )
    _signal(incident, now - dt.timedelta(minutes=10), rumour=True, text="Het is asbest")
    _signal(incident, now - dt.timedelta(days=1), topic="oud")
    summary = sel.period_summary(incident, now - dt.timedelta(hours=1), now)
    assert summary.totals.contacts == 14
    assert [t.key for t in summary.top_topics] == ["rook", "school"]
    assert summary.top_texts[0].text == "Is de rook giftig?"
    assert summary.top_texts[0].contacts == 12
    assert [s.text for s in summary.open_rumours] == ["Het is asbest"]
    assert {c.key: c.contacts for c in summary.by_sentiment} == {"neutral": 13, "negative": 1}
