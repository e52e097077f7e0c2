"""Needs and supplies, meal counts and temporary housing: the status flow, the meal
suggestion, the housing norm measured per household, and who may write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.care import selectors_needs as selectors
from oranje.care.constants import HousingStatus, NeedKind, NeedStatus
from oranje.care.models import CareNorms, Guest, Household, Housing
from oranje.care.services.housing import housing_end, housing_mark_needed, housing_place
from oranje.care.services.needs import (
    MealData,
    NeedData,
    meal_suggestion,
    meals_record,
    need_create,
    need_update,
)
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def test_a_need_goes_from_open_through_in_progress_to_done(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    need = need_create(
        incident=cw.incident,
        actor=cw.desk,
        data=NeedData(kind=NeedKind.BLANKETS, quantity=40, shelter=hall),
    )
    assert need.status == NeedStatus.OPEN
    need_update(need=need, actor=cw.coordinator, status=NeedStatus.IN_PROGRESS)
    need_update(need=need, actor=cw.desk, status=NeedStatus.DONE)
    need.refresh_from_db()
    assert need.status == NeedStatus.DONE
    statuses = [
        e.changes["status"] for e in AuditEntry.objects.filter(action="care.need").order_by("pk")
    ]
    assert statuses == [[None, "open"], ["open", "in_progress"], ["in_progress", "done"]]


def test_a_finished_need_does_not_go_back_or_change(world: World) -> None:
    cw = build_care(world)
    need = need_create(incident=cw.incident, actor=cw.desk, data=NeedData(kind=NeedKind.BEDS))
    need_update(need=need, actor=cw.desk, status=NeedStatus.CANCELLED)
    with pytest.raises(ValidationError) as back:
        need_update(need=need, actor=cw.desk, status=NeedStatus.OPEN)
    assert back.value.message_dict["status"] == [
        "status: een behoefte die vervallen is kan niet open worden."
    ]
    with pytest.raises(ValidationError) as edit:
        need_update(need=need, actor=cw.desk, data=NeedData(kind=NeedKind.BEDS, quantity=3))
    assert "status" in edit.value.message_dict


def test_a_need_of_kind_other_says_what_and_names_only_the_incidents_shelters(
    world: World,
) -> None:
    cw = build_care(world)
    other = start_incident(world, title="Ander incident")
    elsewhere = open_shelter(other, location(world.haarlem, "Elders"))
    with pytest.raises(ValidationError) as refused:
        need_create(
            incident=cw.incident,
            actor=cw.desk,
            data=NeedData(kind=NeedKind.OTHER, shelter=elsewhere),
        )
    assert set(refused.value.message_dict) == {"description", "shelter"}


def test_only_care_roles_and_shelter_managers_record_needs(world: World) -> None:
    cw = build_care(world)
    with pytest.raises(PermissionDenied):
        need_create(incident=cw.incident, actor=world.viewer, data=NeedData(kind="beds"))
    with pytest.raises(PermissionDenied):
        need_create(incident=cw.incident, actor=cw.outsider, data=NeedData(kind="beds"))
    # the region's coordinator commands the incident, so manages its shelters
    assert need_create(incident=cw.incident, actor=world.coordinator, data=NeedData(kind="beds"))


def test_the_meal_suggestion_counts_present_guests_and_their_diets(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    check_in(cw, hall, "Anna Jansen", "Bram Jansen", "Cor Jansen")
    check_in(cw, hall, "Dirk de Vries")
    Guest.objects.filter(given_names="Anna").update(diet="Halal")
    Guest.objects.filter(given_names="Bram").update(diet="halal ")
    Guest.objects.filter(given_names="Dirk").update(diet="glutenvrij", present=False)
    hall.refresh_from_db()
    suggestion = meal_suggestion(hall)
    assert suggestion.count == 4
    assert suggestion.special == 2
    assert suggestion.diets == [("halal", 2)]


def test_a_meal_count_recorded_again_replaces_the_first(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    today = timezone.localdate()
    meals_record(shelter=hall, actor=cw.desk, data=MealData(today, "dinner", 80, 5))
    meal = meals_record(shelter=hall, actor=cw.desk, data=MealData(today, "dinner", 84, 6))
    assert hall.meals.count() == 1
    assert (meal.count, meal.special) == (84, 6)
    with pytest.raises(ValidationError) as refused:
        meals_record(shelter=hall, actor=cw.desk, data=MealData(today, "lunch", 3, 4))
    assert refused.value.message_dict["special"] == [
        "speciale diëten: meer dan het aantal maaltijden (3)."
    ]
    (day,) = selectors.meal_days(cw.incident)
    assert day.totals == [0, 0, 84, 0]


def _household(cw: object, hall: object) -> Household:
    home = check_in(cw, hall, "Anna Jansen")  # type: ignore[arg-type]
    assert isinstance(home, Household)
    return home


def test_the_housing_norm_is_measured_from_needed_to_placed(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    home = _household(cw, hall)
    housing = housing_mark_needed(household=home, actor=cw.desk)
    # needed 50 hours ago (the incident started earlier still)
    start = timezone.now() - dt.timedelta(hours=60)
    type(cw.incident).objects.filter(pk=cw.incident.pk).update(started_at=start)
    Housing.objects.filter(pk=housing.pk).update(
        needed_since=timezone.now() - dt.timedelta(hours=50)
    )
    (row,) = selectors.housing_rows(cw.incident)
    assert row.overdue and row.over_text.startswith("2 u")
    counts = selectors.housing_counts(cw.incident)
    assert (counts["needed"], counts["needed_over"]) == (1, 1)
    housing_place(housing=housing, actor=cw.desk, address="Hotel Zee, Zandvoort")
    (row,) = selectors.housing_rows(cw.incident)
    assert row.met is False and row.took is not None and row.took > dt.timedelta(hours=49)
    assert selectors.housing_counts(cw.incident)["placed_late"] == 1


def test_the_housing_norm_is_the_regions(world: World) -> None:
    cw = build_care(world)
    CareNorms.objects.create(region=world.region, housing_hours=72)
    hall = open_shelter(cw.incident, location(world.haarlem))
    housing = housing_mark_needed(household=_household(cw, hall), actor=cw.desk)
    type(cw.incident).objects.filter(pk=cw.incident.pk).update(
        started_at=timezone.now() - dt.timedelta(hours=60)
    )
    Housing.objects.filter(pk=housing.pk).update(
        needed_since=timezone.now() - dt.timedelta(hours=50)
    )
    (row,) = selectors.housing_rows(cw.incident)
    assert not row.overdue and row.left is not None and row.left > dt.timedelta(hours=21)


def test_housing_refuses_a_second_request_and_a_placement_before_the_need(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    home = _household(cw, hall)
    housing = housing_mark_needed(household=home, actor=cw.desk)
    with pytest.raises(ValidationError) as twice:
        housing_mark_needed(household=home, actor=cw.coordinator)
    assert "huishouden: staat al op de huisvestingslijst" in twice.value.messages[0]
    with pytest.raises(ValidationError) as early:
        housing_place(
            housing=housing,
            actor=cw.desk,
            address="Hotel Zee",
            placed_at=housing.needed_since - dt.timedelta(hours=1),
        )
    assert early.value.message_dict["placed_at"][0].startswith("geplaatst op: vóór")
    housing_end(housing=housing, actor=cw.desk)
    housing.refresh_from_db()
    assert housing.status == HousingStatus.ENDED
    # ended: a new need for housing is a new record
    assert housing_mark_needed(household=home, actor=cw.desk).pk != housing.pk


def test_housing_is_for_the_care_roles_only(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    home = _household(cw, hall)
    with pytest.raises(PermissionDenied):
        housing_mark_needed(household=home, actor=world.coordinator)
    entry_count = AuditEntry.objects.filter(action="care.housing").count()
    housing_mark_needed(household=home, actor=cw.desk)
    entry = AuditEntry.objects.filter(action="care.housing").latest("pk")
    assert AuditEntry.objects.filter(action="care.housing").count() == entry_count + 1
    assert "Jansen" not in f"{entry.object_repr} {entry.note} {entry.changes}"


def test_the_housing_milestone_counts_down_for_the_longest_waiting_household(
    world: World,
) -> None:
    from oranje.care.hooks import housing_milestones

    cw = build_care(world)
    assert housing_milestones(cw.incident) == []
    hall = open_shelter(cw.incident, location(world.haarlem))
    housing = housing_mark_needed(household=_household(cw, hall), actor=cw.desk)
    (waiting,) = housing_milestones(cw.incident)
    assert waiting.start == housing.needed_since and waiting.at is None and waiting.header
    assert waiting.norm == dt.timedelta(hours=48)
    housing_place(housing=housing, actor=cw.desk, address="Hotel Zee")
    (placed,) = housing_milestones(cw.incident)
    housing.refresh_from_db()
    assert placed.at == housing.placed_at and placed.met is True and not placed.header


def test_the_audit_log_says_a_needs_text_changed_not_what_it_says(world: World) -> None:
    cw = build_care(world)
    need = need_create(incident=cw.incident, actor=cw.desk, data=NeedData(kind=NeedKind.CARE))
    need_update(
        need=need,
        actor=cw.desk,
        data=NeedData(kind=NeedKind.CARE, description="Insuline voor mevrouw Jansen"),
    )
    entry = AuditEntry.objects.filter(action="care.need").order_by("pk").last()
    assert entry is not None
    assert entry.changes["description"] == ["…", "…"]
    assert "Jansen" not in str(entry.changes)
