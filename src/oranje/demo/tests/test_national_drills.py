"""The demo's one-hour drills in Kennemerland: one completed and assessed (counting as an hour
of exercise), one open, sent to someone on the roster now; built twice, it adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from oranje.demo import national_drills
from oranje.demo.tests.national_context import demo_context
from oranje.organisation.tests.factories import World, make_shift
from oranje.readiness.constants import ExerciseType
from oranje.readiness.models import Drill
from oranje.readiness.services.drills import DrillState, drill_state, is_late

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_assessed_and_one_open_drill_once(world: World, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    make_shift(
        world.cpg_haarlem, world.cpg, world.contacts[0], timezone.now() - dt.timedelta(hours=2)
    )
    national_drills.build(demo_context(world))
    national_drills.build(demo_context(world))
    drills = list(Drill.objects.filter(region=world.region).order_by("created_at"))
    assert len(drills) == 2
    done, still_open = drills
    assert drill_state(done) == DrillState.ASSESSED and done.assessment == "good"
    assert not is_late(done) and done.report.startswith("Sporthal Zeewijk")
    assert done.function.code == "OVD-BZ"
    # Its assessment was mailed back then: the worker sends the person nothing now.
    assert done.assessment_mailed_at is not None
    assert done.assessed_at is not None and done.assessment_mailed_at >= done.assessed_at
    assert done.activity is not None and done.activity.exercise_type == ExerciseType.DRILL
    assert (timezone.localdate() - done.activity.completed_on).days == national_drills.DAYS_AGO
    assert drill_state(still_open) == DrillState.OPEN
    assert still_open.person == world.contacts[0] and still_open.shift is not None
