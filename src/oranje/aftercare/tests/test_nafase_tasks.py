"""Aftercare tasks: saving with checks, the status history, the list per theme with
filters and the overdue ones, and the progress over the weeks from the history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from oranje.aftercare.constants import TaskStatus, Theme
from oranje.aftercare.models import AftercareTask, TaskEvent
from oranje.aftercare.selectors_tasks import (
    TaskFilter,
    task_list,
    theme_counts,
    weekly_progress,
)
from oranje.aftercare.services import tasks as services
from oranje.aftercare.tests.helpers import officer, start_nafase
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.core.validation import local_zone
from oranje.incidents.models import Incident
from oranje.incidents.services import incident_close
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World


def _task(world: World, incident: Incident, **given: object) -> AftercareTask:
    values: dict[str, object] = {
        "theme": Theme.HOUSING,
        "title": "Wisselwoningen regelen",
        "deadline": timezone.localdate() + dt.timedelta(days=7),
    }
    return services.task_create(actor=world.coordinator, incident=incident, **(values | given))  # type: ignore[arg-type]


def test_create_update_status_with_history_and_audit(world: World) -> None:
    incident = start_incident(world)
    nadia = officer(world.region)
    task = services.task_create(
        actor=nadia,
        incident=incident,
        theme=Theme.FINANCE,
        title="  Schadeloket openen ",
        owner=nadia,
        deadline=timezone.localdate(),
    )
    assert task.title == "Schadeloket openen" and task.owner_name == "Nadia Nazorg"
    assert [e.status for e in task.events.all()] == [TaskStatus.OPEN]
    services.task_set_status(actor=nadia, task=task, status=TaskStatus.IN_PROGRESS)
    services.task_set_status(actor=nadia, task=task, status=TaskStatus.IN_PROGRESS)  # no-op
    task = services.task_update(
        actor=nadia,
        task=task,
        theme=Theme.FINANCE,
        title="Schadeloket openen",
        description="In het gemeentehuis",
        owner=None,
        owner_name="Woningcorporatie Velsen",
        deadline=task.deadline,
        status=TaskStatus.DONE,
        note="Loket open",
    )
    assert task.status == TaskStatus.DONE and task.done_at is not None
    assert task.owner is None and task.owner_name == "Woningcorporatie Velsen"
    events = list(task.events.order_by("at", "pk"))
    assert [e.status for e in events] == ["open", "in_progress", "done"]
    assert events[-1].note == "Loket open" and events[-1].by_name == "Nadia Nazorg"
    assert AuditEntry.objects.filter(action=AuditAction.AFTERCARE_TASK_SAVE).count() == 3
    task = services.task_set_status(actor=nadia, task=task, status=TaskStatus.OPEN)
    assert task.done_at is None


def test_bad_input_names_the_field(world: World) -> None:
    incident = start_incident(world)
    cases = [
        ({"theme": "weather"}, "theme"),
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 5001}, "description"),
        ({"owner": world.outsider}, "owner"),
        ({"owner_name": "x" * 201}, "owner_name"),
        ({"deadline": dt.date(2999, 1, 1)}, "deadline"),
        ({"status": "maybe"}, "status"),
    ]
    for given, field in cases:
        with pytest.raises(ValidationError) as refused:
            _task(world, incident, **given)
        assert field in refused.value.message_dict, given
    assert not AftercareTask.objects.exists()


def test_who_may_write(world: World) -> None:
    incident = start_incident(world)
    for user in (world.functionary, world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.task_create(actor=user, incident=incident, theme=Theme.HOUSING, title="x")
    # The head of the aftercare writes, whatever their role.
    start_nafase(world, incident, head=world.functionary)
    services.task_create(actor=world.functionary, incident=incident, theme="housing", title="x")
    task = _task(world, incident)
    incident_close(actor=world.coordinator, incident=incident)
    with pytest.raises(ValidationError):
        services.task_set_status(actor=world.coordinator, task=task, status="done")


def test_list_filters_and_counts(world: World) -> None:
    incident = start_incident(world)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    late = _task(world, incident, deadline=yesterday)
    done = _task(world, incident, theme=Theme.COMMEMORATION, title="Herdenking", deadline=yesterday)
    services.task_set_status(actor=world.coordinator, task=done, status=TaskStatus.DONE)
    mine = _task(
        world, incident, theme=Theme.PSYCHOSOCIAL, title="Nazorg GGD", owner=world.coordinator
    )
    assert list(task_list(incident, TaskFilter(status="overdue"))) == [late]
    assert list(task_list(incident, TaskFilter(status="done"))) == [done]
    assert list(task_list(incident, TaskFilter(theme=Theme.PSYCHOSOCIAL))) == [mine]
    assert list(task_list(incident, TaskFilter(owner_id=world.coordinator.pk))) == [mine]
    counts = {c.theme: c for c in theme_counts(incident)}
    assert (counts["housing"].open, counts["housing"].overdue) == (1, 1)
    assert counts["commemoration"].done == 1 and counts["commemoration"].overdue == 0
    assert len(counts) == len(Theme)


def test_progress_per_week_from_the_history(world: World) -> None:
    incident = start_incident(world)
    zone = local_zone()
    # Three weeks ago on Monday: the nafase's (here the incident's) start.
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 21)
    at = dt.datetime.combine(monday, dt.time(9, 0), tzinfo=zone)
    Incident.objects.filter(pk=incident.pk).update(started_at=at)
    incident.refresh_from_db()
    a = _task(world, incident, title="A", deadline=monday + dt.timedelta(days=3))
    b = _task(world, incident, title="B", deadline=monday + dt.timedelta(days=30))
    c = _task(world, incident, title="C", deadline=None)
    # History: A and B open in week 1; A done in week 2; C only from week 3; B done now.
    TaskEvent.objects.filter(task__in=[a, b]).update(at=at)
    TaskEvent.objects.filter(task=c).update(at=at + dt.timedelta(days=15))
    TaskEvent.objects.create(task=a, at=at + dt.timedelta(days=8), status="done")
    TaskEvent.objects.create(task=b, at=timezone.now(), status="done")
    # Due today: not overdue in the running week (counted up to now, not to Sunday).
    _task(world, incident, title="E", deadline=today)

    weeks = weekly_progress(incident)
    assert [w.monday for w in weeks] == [monday + dt.timedelta(days=7 * i) for i in range(4)]
    assert [(w.open, w.done, w.overdue) for w in weeks] == [
        (2, 0, 1),  # A late at the end of week 1 (deadline Thursday)
        (1, 1, 0),
        (2, 1, 0),
        (2, 2, 0),
    ]
    assert [w.current for w in weeks] == [False, False, False, True]
    assert weeks[0].label == f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
    # Counted from the nafase's start once it has one.
    start_nafase(world, incident)
    assert [w.monday for w in weekly_progress(incident)] == [weeks[-1].monday]


# ---------------------------------------------------------------- pages


def test_pages(world: World, client: Client) -> None:
    incident = start_incident(world)
    nadia = officer(world.region)
    client.force_login(nadia)
    base = f"/incidenten/{incident.pk}/nafase/taken/"
    assert client.get(f"{base}nieuw/").status_code == 200
    bad = client.post(f"{base}nieuw/", {"theme": "housing", "title": "", "status": "open"})
    assert bad.status_code == 400 and "Taak" in bad.content.decode()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    made = client.post(
        f"{base}nieuw/",
        {
            "theme": "housing",
            "title": "Wisselwoningen",
            "owner": nadia.pk,
            "deadline": yesterday.isoformat(),
            "status": "open",
        },
    )
    assert made.status_code == 302
    task = AftercareTask.objects.get()
    page = client.get(base).content.decode()
    assert "Wisselwoningen" in page and "task-overdue" in page and 'id="progress"' in page
    assert "Wisselwoningen" not in client.get(base + "?thema=finance").content.decode()
    assert client.get(base + "?thema=nonsense&status=zzz&mijn=ja").status_code == 200
    edited = client.post(
        f"{base}{task.pk}/",
        {"theme": "housing", "title": "Wisselwoningen", "status": "done", "note": "Klaar"},
    )
    assert edited.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.events.count() == 2
    home = client.get(f"/incidenten/{incident.pk}/nafase/").content.decode()
    assert "Nazorgtaken" in home or "Taken nafase" in home
    client.force_login(world.viewer)
    assert client.get(f"{base}{task.pk}/").status_code == 200
    assert client.post(f"{base}{task.pk}/", {"title": "x"}).status_code == 403
    assert client.get(f"{base}nieuw/").status_code == 403
    client.force_login(world.outsider)
    assert client.get(base).status_code == 404


def test_progress_shows_at_most_a_year_of_weeks(world: World) -> None:
    incident = start_incident(world)
    Incident.objects.filter(pk=incident.pk).update(
        started_at=timezone.now() - dt.timedelta(days=400)
    )
    incident.refresh_from_db()
    _task(world, incident)
    weeks = weekly_progress(incident)
    assert len(weeks) == 52 and weeks[-1].current
    assert (weeks[-1].open, weeks[0].open) == (1, 0)
