"""The surroundings as facts: outages, road closures and clean-up tasks, their times in
order, who may write them, and the situation report's live figures of this part."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.care.constants import NeedKind, NeedStatus, TaskStatus
from oranje.care.hooks import needs_figures, surroundings_figures
from oranje.care.models import Housing
from oranje.care.services.housing import housing_mark_needed
from oranje.care.services.needs import NeedData, need_create, need_update
from oranje.care.services.surroundings import (
    CleanupData,
    ClosureData,
    OutageData,
    cleanup_save,
    cleanup_set_status,
    closure_reopen,
    closure_save,
    outage_restore,
    outage_save,
)
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.core.models import AuditEntry
from oranje.incidents.services import report_prefill
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _at(day: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 12, day, hour, 0))


def test_an_outage_restored_before_it_started_is_refused_naming_the_field(world: World) -> None:
    cw = build_care(world)
    with pytest.raises(ValidationError) as refused:
        outage_save(
            incident=cw.incident,
            actor=world.functionary,
            data=OutageData(
                utility="gas", households=1300, started_at=_at(3, 14), restored_at=_at(3, 9)
            ),
        )
    assert refused.value.message_dict == {
        "restored_at": ["hersteld: vóór het begin van de storing (3-12-2026 14:00)."]
    }


def test_an_outage_is_recorded_and_restored_with_the_quick_action(world: World) -> None:
    cw = build_care(world)
    start = timezone.now() - dt.timedelta(hours=3)
    outage = outage_save(
        incident=cw.incident,
        actor=world.functionary,
        data=OutageData(utility="gas", households=1300, started_at=start, area="Velsen-Noord"),
    )
    outage_restore(outage=outage, actor=world.functionary)
    outage.refresh_from_db()
    assert outage.restored_at is not None and outage.restored_at >= start
    with pytest.raises(ValidationError) as twice:
        outage_restore(outage=outage, actor=world.functionary)
    assert twice.value.messages[0].startswith("hersteld: al hersteld op")
    assert AuditEntry.objects.filter(action="care.outage").count() == 2


def test_a_viewer_may_read_but_not_record_the_surroundings(world: World) -> None:
    cw = build_care(world)
    with pytest.raises(PermissionDenied):
        closure_save(
            incident=cw.incident,
            actor=world.viewer,
            data=ClosureData(road="Zeeweg", closed_at=timezone.now()),
        )


def test_a_road_is_reopened_and_not_before_it_closed(world: World) -> None:
    cw = build_care(world)
    closed = timezone.now() - dt.timedelta(hours=2)
    closure = closure_save(
        incident=cw.incident,
        actor=world.functionary,
        data=ClosureData(road="Zeeweg", closed_at=closed, stretch="A22 – Wijkeroogstraat"),
    )
    with pytest.raises(ValidationError) as early:
        closure_reopen(closure=closure, actor=world.functionary, at=closed - dt.timedelta(1))
    assert list(early.value.message_dict) == ["reopened_at"]
    closure_reopen(closure=closure, actor=world.functionary)
    closure.refresh_from_db()
    assert closure.reopened_at is not None


def test_a_clean_up_task_is_done_with_the_quick_action(world: World) -> None:
    cw = build_care(world)
    task = cleanup_save(
        incident=cw.incident,
        actor=world.functionary,
        data=CleanupData(description="Puin ruimen", place="Stationsplein"),
    )
    with pytest.raises(ValidationError):
        cleanup_save(incident=cw.incident, actor=world.functionary, data=CleanupData(""))
    cleanup_set_status(task=task, actor=world.functionary, status=TaskStatus.DONE)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_the_situation_report_shows_the_outage_roads_and_tasks(world: World) -> None:
    cw = build_care(world)
    start = timezone.now() - dt.timedelta(hours=1)
    outage_save(
        incident=cw.incident,
        actor=world.functionary,
        data=OutageData(
            utility="gas",
            households=1300,
            started_at=start,
            expected_end=start + dt.timedelta(days=2),
        ),
    )
    closure_save(
        incident=cw.incident,
        actor=world.functionary,
        data=ClosureData(road="Zeeweg", closed_at=start),
    )
    cleanup_save(
        incident=cw.incident,
        actor=world.functionary,
        data=CleanupData(description="Puin", due=timezone.now() - dt.timedelta(minutes=1)),
    )
    figures = {f.label: f.value for f in surroundings_figures(cw.incident)}
    since = timezone.localtime(start)
    end = timezone.localtime(start + dt.timedelta(days=2))
    assert figures["Storing: gas"] == (
        f"1.300 huishoudens zonder, sinds {since.day}-{since.month} {since:%H:%M}, "
        f"verwacht hersteld {end.day}-{end.month}"
    )
    assert figures["Wegen afgesloten"] == "1 (Zeeweg)"
    assert figures["Opruimtaken open"] == "1 (waarvan 1 over de deadline)"
    _summary, _sections, prefilled = report_prefill(cw.incident)
    assert prefilled["Storing: gas"] == figures["Storing: gas"]


def test_the_situation_report_counts_open_needs_and_households_waiting(world: World) -> None:
    cw = build_care(world)
    assert needs_figures(cw.incident) == []
    hall = open_shelter(cw.incident, location(world.haarlem))
    first = need_create(incident=cw.incident, actor=cw.desk, data=NeedData(kind=NeedKind.BEDS))
    need_create(incident=cw.incident, actor=cw.desk, data=NeedData(kind=NeedKind.MEALS))
    need_update(need=first, actor=cw.desk, status=NeedStatus.IN_PROGRESS)
    home = check_in(cw, hall, "Anna Jansen")
    housing = housing_mark_needed(household=home, actor=cw.desk)  # type: ignore[arg-type]
    type(cw.incident).objects.filter(pk=cw.incident.pk).update(
        started_at=timezone.now() - dt.timedelta(days=3)
    )
    Housing.objects.filter(pk=housing.pk).update(
        needed_since=timezone.now() - dt.timedelta(hours=49)
    )
    figures = {f.label: f.value for f in needs_figures(cw.incident)}
    assert figures["Open behoeften"] == "2 (waarvan 1 in behandeling)"
    assert figures["Huishoudens zonder huisvesting"] == "1 (waarvan 1 over de 48-uursnorm)"
