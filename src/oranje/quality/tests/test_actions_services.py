"""Improvement actions and flexible-scaling reviews, the services: every object a write
touches is checked against the region (norm, municipality, owner), monitors only (a
municipality's own people add a note to their own municipality's action), Dutch messages
naming the field, the history, closing and reopening, and the audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import override

from oranje.core.models import AuditEntry, User
from oranje.incidents.services import incident_close, incident_end_acute
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import World, make_user
from oranje.quality.models import ActionUpdate, ScalingReview
from oranje.quality.periods import Period
from oranje.quality.services import actions as services
from oranje.quality.services.scalings import scaling_review_save
from oranje.quality.tests.actions_helpers import (
    Norms,
    flexible_incident,
    make_action,
    monitor,
    norm_sets,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def norms(world: World) -> Norms:
    return norm_sets(world)


@pytest.fixture
def qm(world: World) -> User:
    return monitor(world.region)


def _fields(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_a_monitor_records_an_action_with_its_first_history_line(
    world: World, norms: Norms, qm: User
) -> None:
    action = make_action(qm, world, norms, period=Period(2026, 3), owner=world.haarlem_coordinator)
    assert action.status == "open" and action.closed_at is None
    assert (action.year, action.quarter) == (2026, 3)
    assert action.owner_name == "Gemeentesecretaris Haarlem"
    line = ActionUpdate.objects.get(action=action)
    assert line.status == "open" and line.by_name == "Kim Kwaliteit"
    entry = AuditEntry.objects.get(action="improvement.save")
    assert entry.region == world.region and entry.object_id == str(action.pk)


def test_the_owner_name_comes_from_the_owner_user(world: World, norms: Norms, qm: User) -> None:
    action = make_action(qm, world, norms, owner=qm, owner_name="")
    assert action.owner == qm and action.owner_name == "Kim Kwaliteit"


@pytest.mark.parametrize("who", ["coordinator", "admin", "national_monitor"])
def test_the_regions_coordinators_and_national_monitors_may_record(
    world: World, norms: Norms, who: str
) -> None:
    actor = monitor(None, "nq") if who == "national_monitor" else getattr(world, who)
    assert make_action(actor, world, norms).pk


@pytest.mark.parametrize("who", ["haarlem_coordinator", "viewer", "functionary", "outsider"])
def test_others_may_not_record(world: World, norms: Norms, who: str) -> None:
    with pytest.raises(PermissionDenied):
        make_action(getattr(world, who), world, norms)


def test_another_regions_monitor_may_not_record(world: World, norms: Norms) -> None:
    with pytest.raises(PermissionDenied):
        make_action(monitor(world.other_region, "utrecht"), world, norms)


def test_a_norm_of_another_regions_set_is_refused(world: World, norms: Norms, qm: User) -> None:
    with override("nl"), pytest.raises(ValidationError) as exc:
        make_action(qm, world, norms, norm=norms.foreign)
    assert list(_fields(exc)) == ["norm"]
    assert "norm" in _fields(exc)["norm"][0] and "landelijke" in _fields(exc)["norm"][0]


def test_a_national_norm_and_the_regions_own_are_accepted(
    world: World, norms: Norms, qm: User
) -> None:
    assert make_action(qm, world, norms, norm=norms.national).norm == norms.national
    assert make_action(qm, world, norms, norm=None).norm is None


def test_a_municipality_of_another_region_is_refused(world: World, norms: Norms, qm: User) -> None:
    utrecht = world.other_pool.region.municipalities.first()
    with override("nl"), pytest.raises(ValidationError) as exc:
        make_action(qm, world, norms, municipality=utrecht)
    assert list(_fields(exc)) == ["municipality"]
    assert _fields(exc)["municipality"][0].startswith("gemeente:")


def test_an_owner_who_is_no_member_of_the_region_is_refused(
    world: World, norms: Norms, qm: User
) -> None:
    for stranger in (world.outsider, make_user("nobody")):
        with override("nl"), pytest.raises(ValidationError) as exc:
            make_action(qm, world, norms, owner=stranger)
        assert list(_fields(exc)) == ["owner"]
        assert _fields(exc)["owner"][0].startswith("eigenaar:")
    # A member of one of the region's municipalities is a member of the region.
    assert make_action(qm, world, norms, owner=world.haarlem_coordinator).pk


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 4001}, "description"),
        ({"owner_name": ""}, "owner_name"),
        ({"owner_name": "x" * 151}, "owner_name"),
        ({"deadline": None}, "deadline"),
        ({"deadline": dt.date(2020, 1, 1)}, "deadline"),
        ({"deadline": dt.date(2099, 1, 1)}, "deadline"),
        ({"period": Period(2009, 1)}, "period"),
    ],
)
def test_bad_fields_are_named(
    world: World, norms: Norms, qm: User, changes: dict[str, object], field: str
) -> None:
    with override("nl"), pytest.raises(ValidationError) as exc:
        make_action(qm, world, norms, **changes)
    assert list(_fields(exc)) == [field]
    message = _fields(exc)[field][0]
    assert message.split(":")[0] in {"actie", "omschrijving", "eigenaar", "deadline", "periode"}


def test_update_checks_the_same_and_audits_what_changed(
    world: World, norms: Norms, qm: User
) -> None:
    action = make_action(qm, world, norms)
    common = {
        "title": "Derde CPG werven",
        "owner_name": action.owner_name,
        "deadline": action.deadline,
        "municipality": world.velsen,
        "norm": norms.national,
        "period": Period(2026),
    }
    services.action_update(actor=qm, action=action, **common)  # type: ignore[arg-type]
    action.refresh_from_db()
    assert (action.title, action.municipality, action.year, action.quarter) == (
        "Derde CPG werven",
        world.velsen,
        2026,
        None,
    )
    entry = AuditEntry.objects.filter(action="improvement.save").order_by("pk").last()
    assert entry is not None and set(entry.changes) == {"title", "municipality", "norm", "year"}
    with pytest.raises(ValidationError) as exc:
        services.action_update(actor=qm, action=action, **{**common, "norm": norms.foreign})  # type: ignore[arg-type]
    assert list(_fields(exc)) == ["norm"]
    with pytest.raises(PermissionDenied):
        services.action_update(actor=world.haarlem_coordinator, action=action, **common)  # type: ignore[arg-type]


def test_closing_asks_the_result_sets_closed_at_and_reopening_clears_it(
    world: World, norms: Norms, qm: User
) -> None:
    action = make_action(qm, world, norms)
    services.action_progress(actor=qm, action=action, status="in_progress", note="Vacature uit")
    with override("nl"), pytest.raises(ValidationError) as exc:
        services.action_progress(actor=qm, action=action, status="closed")
    assert list(_fields(exc)) == ["result"] and _fields(exc)["result"][0].startswith("resultaat:")
    services.action_progress(actor=qm, action=action, status="closed", result="CPG aangesteld")
    action.refresh_from_db()
    assert action.status == "closed" and action.closed_at is not None
    assert action.result == "CPG aangesteld"
    services.action_progress(actor=qm, action=action, status="open", note="Weer vertrokken")
    action.refresh_from_db()
    assert action.status == "open" and action.closed_at is None
    assert [u.status for u in action.updates.all()] == ["open", "in_progress", "closed", "open"]
    assert AuditEntry.objects.filter(action="improvement.save").count() == 4


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "note"),
        ({"status": "done"}, "status"),
        ({"note": "x" * 2001}, "note"),
        ({"status": "closed", "result": "x" * 2001}, "result"),
    ],
)
def test_a_bad_step_is_named(
    world: World, norms: Norms, qm: User, kwargs: dict[str, str], field: str
) -> None:
    action = make_action(qm, world, norms)
    with pytest.raises(ValidationError) as exc:
        services.action_progress(actor=qm, action=action, **kwargs)
    assert field in _fields(exc)


def test_a_municipalitys_own_people_add_a_note_to_their_own_action_only(
    world: World, norms: Norms, qm: User
) -> None:
    own = make_action(qm, world, norms)
    other = make_action(qm, world, norms, municipality=world.velsen)
    mun = world.haarlem_coordinator
    services.action_progress(actor=mun, action=own, note="Kandidaat gevonden")
    assert own.updates.last().note == "Kandidaat gevonden"  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied):
        services.action_progress(actor=mun, action=own, status="closed", result="Klaar")
    with pytest.raises(PermissionDenied):
        services.action_progress(actor=mun, action=own, note="x", result="Klaar")
    with pytest.raises(PermissionDenied):
        services.action_progress(actor=mun, action=other, note="Niet de mijne")
    with pytest.raises(PermissionDenied):
        services.action_progress(actor=world.viewer, action=own, note="Kijker")


# ---------------------------------------------------------------- flexible-scaling reviews


def _review(actor: User, incident: object, **changes: object) -> ScalingReview:
    values: dict[str, object] = {
        "wise": "yes",
        "legitimate": "partly",
        "reasoning": "Snel en passend; het mandaat was niet vastgelegd.",
        "board_meeting_on": timezone.localdate(),
    }
    values.update(changes)
    return scaling_review_save(actor=actor, incident=incident, **values)  # type: ignore[arg-type]


def test_a_review_follows_the_acute_phase_and_is_audited(world: World, qm: User) -> None:
    incident = flexible_incident(world)
    with override("nl"), pytest.raises(ValidationError) as exc:
        _review(qm, incident)
    assert list(_fields(exc)) == ["incident"] and "acute" in _fields(exc)["incident"][0]
    incident_end_acute(actor=world.coordinator, incident=incident)
    review = _review(qm, incident)
    assert (review.wise, review.legitimate, review.reviewed_by) == ("yes", "partly", qm)
    again = _review(qm, incident, wise="no")
    assert again.pk == review.pk and ScalingReview.objects.get().wise == "no"
    assert AuditEntry.objects.filter(action="scaling_review.save").count() == 2


def test_a_closed_incident_may_be_reviewed(world: World, qm: User) -> None:
    incident = flexible_incident(world)
    incident_close(actor=world.coordinator, incident=incident, note="Klaar")
    assert _review(qm, incident).pk


def test_an_incident_that_never_scaled_flexibly_is_refused(world: World, qm: User) -> None:
    grip = start_incident(world, title="Brand")
    scale(world, grip, 2)
    incident_end_acute(actor=world.coordinator, incident=grip)
    with override("nl"), pytest.raises(ValidationError) as exc:
        _review(qm, grip)
    assert list(_fields(exc)) == ["incident"]
    assert "flexibel" in _fields(exc)["incident"][0]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"wise": "maybe"}, "wise"),
        ({"legitimate": ""}, "legitimate"),
        ({"reasoning": " "}, "reasoning"),
        ({"reasoning": "x" * 4001}, "reasoning"),
        ({"board_meeting_on": dt.date(2001, 1, 1)}, "board_meeting_on"),
        ({"board_meeting_on": dt.date(2099, 1, 1)}, "board_meeting_on"),
    ],
)
def test_bad_review_fields_are_named(
    world: World, qm: User, changes: dict[str, object], field: str
) -> None:
    incident = flexible_incident(world)
    incident_end_acute(actor=world.coordinator, incident=incident)
    with pytest.raises(ValidationError) as exc:
        _review(qm, incident, **changes)
    assert list(_fields(exc)) == [field]


@pytest.mark.parametrize("who", ["haarlem_coordinator", "viewer", "functionary", "outsider"])
def test_only_monitors_review(world: World, who: str) -> None:
    incident = flexible_incident(world)
    incident_end_acute(actor=world.coordinator, incident=incident)
    with pytest.raises(PermissionDenied):
        _review(getattr(world, who), incident)
