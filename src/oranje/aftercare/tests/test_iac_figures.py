"""The IAC's figures per ISO week: a world over three weeks with known numbers, counted by
the database in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from oranje.aftercare import selectors_iac as selectors
from oranje.aftercare.models import IacCase, IacContact, IacFollowUp
from oranje.core.validation import local_zone
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _at(monday: dt.date, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(monday + dt.timedelta(days=day), dt.time(hour), tzinfo=local_zone())


def three_weeks(world: World) -> tuple[Incident, list[dt.date]]:
    today = timezone.localdate()
    w2 = today - dt.timedelta(days=today.weekday())
    w0, w1 = w2 - dt.timedelta(weeks=2), w2 - dt.timedelta(weeks=1)
    incident = start_incident(world)
    Incident.objects.filter(pk=incident.pk).update(started_at=_at(w0, 0, 9))
    incident.refresh_from_db()
    just_now = timezone.now() - dt.timedelta(minutes=1)

    def case(
        number: int, opened: dt.datetime, themes: list[str], closed: dt.datetime | None = None
    ) -> IacCase:
        return IacCase.objects.create(
            incident=incident,
            number=number,
            household_name=f"Huishouden {number}",
            opened_at=opened,
            themes=themes,
            status="closed" if closed else "open",
            closed_at=closed,
        )

    case(1, _at(w0, 1), ["housing"], closed=_at(w1, 2))
    b = case(2, _at(w0, 3), ["housing", "finance"])
    c = case(3, _at(w1, 1), ["psychosocial"])
    case(4, just_now, ["finance"])
    IacFollowUp.objects.create(
        case=b, created_at=_at(w0, 1), due_on=w0 + dt.timedelta(days=4), text="1"
    )
    IacFollowUp.objects.create(
        case=c,
        created_at=_at(w1, 1),
        due_on=w1 + dt.timedelta(days=2),
        text="2",
        done_at=_at(w1, 3),
    )
    IacFollowUp.objects.create(
        case=c, created_at=_at(w1, 1), due_on=w1 + dt.timedelta(days=6), text="3", done_at=just_now
    )
    for at, kind in [
        (_at(w0, 1), "phone"),
        (_at(w0, 2), "phone"),
        (_at(w1, 2), "home_visit"),
        (_at(w1, 4), "desk"),
        (just_now, "mail"),
    ]:
        IacContact.objects.create(case=b, at=at, kind=kind, summary="x")
    return incident, [w0, w1, w2]


def test_three_weeks_of_figures(world: World) -> None:
    incident, starts = three_weeks(world)
    # Another incident's cases are not counted.
    other = start_incident(world, title="Ander")
    IacCase.objects.create(incident=other, number=1, household_name="X", themes=["housing"])
    with CaptureQueriesContext(connection) as queries:
        weeks = selectors.weekly_figures(incident)
    assert len(queries) <= 4
    assert [w.start for w in weeks] == starts
    assert [w.label for w in weeks] == [
        f"{s.isocalendar()[0]}-W{s.isocalendar()[1]:02d}" for s in starts
    ]
    assert [w.new for w in weeks] == [2, 1, 1]
    assert [w.open_total for w in weeks] == [2, 2, 3]
    assert [w.open_by_theme["housing"] for w in weeks] == [2, 1, 1]
    assert [w.open_by_theme["finance"] for w in weeks] == [1, 1, 2]
    assert [w.open_by_theme["psychosocial"] for w in weeks] == [0, 1, 1]
    assert [w.overdue for w in weeks] == [1, 2, 1]
    assert [w.contacts["phone"] for w in weeks] == [2, 0, 0]
    assert [w.contacts["home_visit"] for w in weeks] == [0, 1, 0]
    assert [w.contacts["desk"] for w in weeks] == [0, 1, 0]
    assert [w.contacts_total for w in weeks] == [2, 2, 1]


def test_the_summary_counts(world: World) -> None:
    incident, _ = three_weeks(world)
    found = selectors.summary(incident)
    assert (found.total, found.open, found.overdue, found.new_this_week) == (4, 3, 1, 1)


def test_a_young_incident_has_one_week(world: World) -> None:
    incident = start_incident(world)
    weeks = selectors.weekly_figures(incident)
    assert len(weeks) == 1 and weeks[0].new == 0 and weeks[0].open_total == 0
