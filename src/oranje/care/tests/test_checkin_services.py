"""Check-in, check-out and transfer: capacity, the registry written on every step, the
replay of a check-in sent twice, and the messages for bad codes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from oranje.care.models import Household, Shelter
from oranje.care.services.checkin import (
    ShelterFull,
    household_check_out,
    household_transfer,
)
from oranje.care.services.codes import find_household, parse_code, qr_payload, show_code
from oranje.care.tests.factories import build_care, check_in, location, open_shelter
from oranje.core.models import AuditEntry
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.registry.constants import Source, Whereabouts
from oranje.registry.models import Person

pytestmark = pytest.mark.django_db


def test_a_check_in_fills_the_shelter_and_writes_the_registry(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem, day=10))
    home = check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    assert isinstance(home, Household)
    hall.refresh_from_db()
    assert hall.present == 2
    assert home.shelter_id == hall.pk and home.stays.count() == 1
    persons = Person.objects.filter(incident=cw.incident).order_by("given_names")
    assert [p.given_names for p in persons] == ["Anna", "Bram"]
    assert {p.current_whereabouts for p in persons} == {Whereabouts.SHELTER}
    assert {p.current_place for p in persons} == {"Sporthal Zuid"}
    assert persons[0].history.get().source == Source.SHELTER
    assert persons[0].postcode == "2011AB"
    entry = AuditEntry.objects.get(action="care.check_in")
    assert entry.object_repr == f"huishouden {home.code}"  # no names in the audit log


def test_a_full_shelter_refuses_and_names_the_nearest_with_room(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem, "Sporthal Zuid", day=2))
    near = open_shelter(cw.incident, location(world.haarlem, "Buurthuis", lat=52.371, lon=4.641))
    open_shelter(cw.incident, location(world.haarlem, "Hotel Ver", lat=52.9, lon=5.5))
    check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    with pytest.raises(ShelterFull) as refused:
        check_in(cw, hall, "Cor de Wit")
    assert refused.value.alternative == near
    assert "Sporthal Zuid is vol" in refused.value.messages[0]
    assert "Buurthuis" in refused.value.messages[0]
    hall.refresh_from_db()
    assert hall.present == 2
    assert Household.objects.count() == 1


def test_a_check_in_sent_twice_is_written_once(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    first = check_in(cw, hall, "Anna Jansen", key="tablet-1-0001")
    again = check_in(cw, hall, "Anna Jansen", key="tablet-1-0001")
    assert first.pk == again.pk and again.replayed  # type: ignore[attr-defined]
    hall.refresh_from_db()
    assert hall.present == 1
    assert Person.objects.filter(incident=cw.incident).count() == 1


def test_check_out_and_transfer_keep_the_counts_and_the_registry(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem, "Sporthal Zuid"))
    other = open_shelter(cw.incident, location(world.haarlem, "Buurthuis", day=3))
    home = check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    assert isinstance(home, Household)
    household_transfer(household=home, to=other, actor=cw.desk)
    hall.refresh_from_db()
    other.refresh_from_db()
    assert (hall.present, other.present) == (0, 2)
    anna = Person.objects.get(given_names="Anna")
    assert anna.current_place == "Buurthuis"
    left = household_check_out(household=home, actor=cw.desk, reason="home")
    assert left == 2
    other.refresh_from_db()
    assert other.present == 0
    anna.refresh_from_db()
    assert anna.current_whereabouts == Whereabouts.HOME
    with pytest.raises(ValidationError, match="niet ingecheckt"):
        household_check_out(household=home, actor=cw.desk, reason="home")


def test_a_transfer_to_a_full_shelter_is_refused(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem, "Sporthal Zuid"))
    small = open_shelter(cw.incident, location(world.haarlem, "Buurthuis", day=1))
    home = check_in(cw, hall, "Anna Jansen", "Bram Jansen")
    with pytest.raises(ShelterFull):
        household_transfer(household=home, to=small, actor=cw.desk)  # type: ignore[arg-type]
    assert Shelter.objects.get(pk=hall.pk).present == 2


def test_only_the_regions_desk_checks_in(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    cw.desk = cw.outsider
    with pytest.raises(ValidationError):
        check_in(cw, hall, "Anna Jansen")


def test_codes_typed_or_scanned_and_the_cards_of_others(world: World) -> None:
    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    home = check_in(cw, hall, "Anna Jansen")
    assert isinstance(home, Household)
    typed = show_code(home.code).lower()
    assert find_household(cw.incident, typed) == home
    assert find_household(cw.incident, qr_payload(cw.incident.pk, home.code, exercise=False))
    drill = start_incident(world, exercise=True, title="Oefening")
    with pytest.raises(ValidationError, match="echt incident"):
        find_household(drill, home.code)
    with pytest.raises(ValidationError, match="oefening"):
        find_household(cw.incident, qr_payload(drill.pk, home.code, exercise=True))
    other = start_incident(world, title="Ander incident")
    with pytest.raises(ValidationError, match="ander incident"):
        find_household(other, home.code)
    with pytest.raises(ValidationError, match="8 letters"):
        parse_code("ABC")


def test_the_desk_leaves_the_registry_matching_to_the_worker(world: World) -> None:
    from django_tasks_db.models import DBTaskResult

    from oranje.care.services.checkin import HouseholdData, household_check_in
    from oranje.care.tests.factories import guests
    from oranje.registry.models import PossibleDuplicate
    from oranje.registry.services.batch_matching import match_imported

    cw = build_care(world)
    hall = open_shelter(cw.incident, location(world.haarlem))
    check_in(cw, hall, "Anna Jansen")  # matched at once (the default)
    home = household_check_in(
        shelter=hall,
        actor=cw.desk,
        household=HouseholdData(postcode="2011AB", house_number=12, city="Haarlem"),
        guests=guests("Anna Jansen"),
        match_in_worker=True,
    )
    assert not PossibleDuplicate.objects.exists()  # the desk did not wait for it
    [task] = DBTaskResult.objects.filter(task_path="oranje.registry.tasks.match_batch")
    person_ids = list(home.guests.values_list("person_id", flat=True))
    assert task.args_kwargs["args"] == [cw.incident.pk, person_ids]
    match_imported(cw.incident.pk, person_ids)  # what the worker's task runs
    assert PossibleDuplicate.objects.count() == 1
