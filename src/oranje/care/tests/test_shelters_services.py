"""Opening and running shelters: the location rules, capacity never below the people checked
in, closing only when empty, the logbook and audit lines, and the capacity norm."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.care.models import CareNorms, IncidentCare, Shelter
from oranje.care.selectors import capacity_norm, occupancy_board, openable_locations
from oranje.care.services.checkin import household_check_out
from oranje.care.services.shelters import (
    involved_set,
    shelter_change,
    shelter_close,
    shelter_open,
    shelter_ready,
)
from oranje.care.tests.factories import build_care, check_in, location
from oranje.core.models import AuditEntry
from oranje.incidents.constants import Process
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _open(cw, place, **kwargs):  # type: ignore[no-untyped-def]
    return shelter_open(
        incident=cw.incident,
        actor=cw.coordinator,
        location=place,
        decided_by="Burgemeester (BT)",
        decided_at=timezone.now(),
        **kwargs,
    )


def test_opening_a_location_takes_its_capacity_and_writes_log_and_audit(world: World) -> None:
    cw = build_care(world)
    hall = _open(cw, location(world.haarlem, day=120, night=80), expected=50)
    assert (hall.capacity_day, hall.capacity_night, hall.expected) == (120, 80, 50)
    assert hall.ready_at is None and hall.opened_by == cw.coordinator
    line = cw.incident.log.get(process=Process.SHELTER)
    assert "Sporthal Zuid" in line.text and "Burgemeester (BT)" in line.text
    assert AuditEntry.objects.filter(action="care.shelter_open").count() == 1


def test_a_location_already_open_for_the_incident_is_refused(world: World) -> None:
    cw = build_care(world)
    place = location(world.haarlem)
    _open(cw, place)
    with pytest.raises(ValidationError) as refused:
        _open(cw, place)
    assert refused.value.message_dict["location"] == [
        "locatie: Sporthal Zuid is al open voor dit incident."
    ]
    assert Shelter.objects.count() == 1


def test_a_closed_shelter_may_be_opened_again(world: World) -> None:
    cw = build_care(world)
    place = location(world.haarlem)
    shelter_close(shelter=_open(cw, place), actor=cw.coordinator)
    again = _open(cw, place)
    assert again.is_open and Shelter.objects.count() == 2


def test_a_location_of_another_region_or_unavailable_is_refused(world: World) -> None:
    cw = build_care(world)
    elsewhere = location(world.other_region.municipalities.first())
    with pytest.raises(ValidationError) as refused:
        _open(cw, elsewhere)
    assert "regio" in refused.value.message_dict["location"][0]
    closed = location(world.haarlem, "Buurthuis")
    closed.available = False
    closed.unavailable_until = timezone.localdate() + dt.timedelta(days=3)
    closed.save()
    with pytest.raises(ValidationError) as refused:
        _open(cw, closed)
    assert refused.value.message_dict["location"] == ["locatie: Buurthuis is niet beschikbaar."]
    assert closed not in openable_locations(cw.incident)


def test_opening_needs_who_decided_and_a_time_within_the_incident(world: World) -> None:
    cw = build_care(world)
    with pytest.raises(ValidationError) as refused:
        shelter_open(
            incident=cw.incident,
            actor=cw.coordinator,
            location=location(world.haarlem),
            decided_by=" ",
            decided_at=cw.incident.started_at - dt.timedelta(hours=1),
            capacity_day=0,
        )
    errors = refused.value.message_dict
    assert set(errors) == {"decided_by", "decided_at", "capacity_day"}
    assert errors["capacity_day"] == ["capaciteit overdag: minstens 1 plaats."]


def test_only_those_who_manage_shelters_open_them(world: World) -> None:
    cw = build_care(world)
    with pytest.raises(PermissionDenied):
        shelter_open(
            incident=cw.incident,
            actor=cw.desk,
            location=location(world.haarlem),
            decided_by="Burgemeester",
            decided_at=timezone.now(),
        )


def test_capacity_below_the_people_checked_in_is_refused(world: World) -> None:
    cw = build_care(world)
    hall = _open(cw, location(world.haarlem, day=10, night=10))
    check_in(cw, hall, "Anna Jansen", "Bram Jansen", "Cor Jansen")
    with pytest.raises(ValidationError) as refused:
        shelter_change(shelter=hall, actor=cw.coordinator, capacity_day=2, capacity_night=1)
    assert refused.value.message_dict == {
        "capacity_day": ["capaciteit overdag: lager dan het aantal ingecheckte mensen (3)."],
        "capacity_night": ["capaciteit 's nachts: lager dan het aantal ingecheckte mensen (3)."],
    }
    changed = shelter_change(shelter=hall, actor=cw.coordinator, capacity_day=3, expected=40)
    assert (changed.capacity_day, changed.capacity_night, changed.expected) == (3, 10, 40)
    entry = AuditEntry.objects.get(action="care.shelter_change")
    assert entry.changes == {"capacity_day": [10, 3], "expected": [0, 40]}


def test_a_shelter_with_people_in_it_cannot_close(world: World) -> None:
    cw = build_care(world)
    hall = _open(cw, location(world.haarlem))
    home = check_in(cw, hall, "Anna Jansen")
    with pytest.raises(ValidationError) as refused:
        shelter_close(shelter=hall, actor=cw.coordinator)
    assert "eerst uitchecken" in refused.value.messages[0]
    household_check_out(household=home, actor=cw.desk, reason="home")  # type: ignore[arg-type]
    closed = shelter_close(shelter=hall, actor=cw.coordinator)
    assert closed.closed_at is not None
    with pytest.raises(ValidationError):
        shelter_ready(shelter=closed, actor=cw.coordinator)


def test_ready_is_recorded_once_and_not_before_the_decision(world: World) -> None:
    cw = build_care(world)
    hall = _open(cw, location(world.haarlem))
    with pytest.raises(ValidationError) as refused:
        shelter_ready(shelter=hall, actor=cw.coordinator, at=hall.decided_at - dt.timedelta(1))
    assert "ready_at" in refused.value.message_dict
    ready = shelter_ready(shelter=hall, actor=cw.coordinator)
    assert ready.ready_at is not None
    assert "gereed" in cw.incident.log.order_by("-number").first().text  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as again:
        shelter_ready(shelter=hall, actor=cw.coordinator)
    assert "al gereed sinds" in again.value.messages[0]


def test_the_norm_asks_ten_percent_rounded_up_at_most_two_hundred(world: World) -> None:
    cw = build_care(world)
    involved_set(incident=cw.incident, actor=cw.coordinator, people=1234)
    assert capacity_norm(cw.incident).needed == 124  # 123.4 rounded up
    involved_set(incident=cw.incident, actor=cw.coordinator, people=5000)
    assert capacity_norm(cw.incident).needed == 200
    assert IncidentCare.objects.get(incident=cw.incident).people_involved == 5000
    assert AuditEntry.objects.filter(action="care.involved").count() == 2


def test_the_norm_comes_from_the_regions_own_data(world: World) -> None:
    cw = build_care(world)
    CareNorms.objects.create(region=world.region, capacity_percent=20, capacity_max=150)
    involved_set(incident=cw.incident, actor=cw.coordinator, people=500)
    _open(cw, location(world.haarlem, day=40))
    norm = capacity_norm(cw.incident)
    assert (norm.needed, norm.open_capacity, norm.shortfall) == (100, 40, 60)
    involved_set(incident=cw.incident, actor=cw.coordinator, people=5000)
    assert capacity_norm(cw.incident).needed == 150


def test_a_negative_number_involved_is_refused(world: World) -> None:
    cw = build_care(world)
    with pytest.raises(ValidationError) as refused:
        involved_set(incident=cw.incident, actor=cw.coordinator, people=-1)
    assert "people_involved" in refused.value.message_dict


def test_the_board_counts_in_out_today_and_free_places(world: World) -> None:
    cw = build_care(world)
    hall = _open(cw, location(world.haarlem, day=10, night=4))
    other = _open(cw, location(world.velsen, "Buurthuis", day=5, night=5))
    check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    home = check_in(cw, hall, "Cor de Wit", "Dirk de Wit", "Eva de Wit")
    household_check_out(household=home, actor=cw.desk, reason="family")  # type: ignore[arg-type]
    rows, totals = occupancy_board(cw.incident)
    first = next(r for r in rows if r.pk == hall.pk)
    assert (first.present, first.out_today, first.free_day, first.free_night) == (2, 3, 8, 2)  # type: ignore[attr-defined]
    assert (totals.shelters, totals.present, totals.out_today) == (2, 2, 3)
    assert (totals.capacity_day, totals.free_day, totals.free_night) == (15, 13, 7)
    assert other.pk in {r.pk for r in rows}


def test_locations_to_open_come_nearest_to_the_incident_first(world: World) -> None:
    cw = build_care(world)
    cw.incident.latitude, cw.incident.longitude = 52.46, 4.63
    cw.incident.save()
    far = location(world.haarlem, "Ver weg", lat=52.30, lon=4.60)
    near = location(world.velsen, "Dichtbij", lat=52.461, lon=4.631)
    unknown = location(world.haarlem, "Zonder punt", lat=None, lon=None)
    assert openable_locations(cw.incident) == [near, far, unknown]
    _open(cw, near)
    assert openable_locations(cw.incident) == [far, unknown]
