import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oranje.core.models import AuditEntry
from oranje.organisation import errors, services
from oranje.organisation.constants import OnCallKind, PoolKind, UnavailabilityReason
from oranje.organisation.models import OnCallShift, ShiftHandover
from oranje.organisation.tests.factories import make_person, make_shift

pytestmark = pytest.mark.django_db

WEEK = dt.timedelta(days=7)


def create(
    world, person, start, end, *, actor=None, pool=None, function=None, kind=OnCallKind.HARD
):
    return services.shift_create(
        actor=actor or world.coordinator,
        pool=pool or world.ovd_pool,
        function=function or world.ovd,
        person=person,
        kind=kind,
        starts_at=start,
        ends_at=end,
    )


def messages_of(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


def test_it_puts_a_person_on_call_and_audits_it(world, monday):
    shift = create(world, world.officers[0], monday, monday + WEEK)

    entry = AuditEntry.objects.get(action="shift.create")
    assert entry.actor == world.coordinator
    assert entry.region == world.region
    assert entry.object_id == str(shift.pk)
    assert entry.changes["person"] == [None, "Test Visser"]


def test_it_refuses_a_shift_that_ends_before_it_starts(world, monday):
    with pytest.raises(ValidationError) as exc:
        create(world, world.officers[0], monday, monday - dt.timedelta(hours=1))
    assert exc.value.message_dict["ends_at"] == [str(errors.END_BEFORE_START)]
    assert "Het einde moet na het begin liggen." in messages_of(exc)


def test_it_refuses_overlapping_shifts_for_one_person(world, monday):
    create(world, world.officers[0], monday, monday + WEEK)
    with pytest.raises(ValidationError) as exc:
        create(world, world.officers[0], monday + dt.timedelta(days=3), monday + 2 * WEEK)
    assert "starts_at" in exc.value.message_dict
    assert "heeft al piket" in messages_of(exc)
    assert OnCallShift.objects.count() == 1


def test_back_to_back_shifts_do_not_overlap(world, monday):
    create(world, world.officers[0], monday, monday + WEEK)
    create(world, world.officers[0], monday + WEEK, monday + 2 * WEEK)
    assert OnCallShift.objects.count() == 2


def test_it_refuses_hard_on_call_during_unavailability(world, monday):
    services.unavailability_create(
        actor=world.coordinator,
        person=world.officers[1],
        starts_at=monday + dt.timedelta(days=2),
        ends_at=monday + dt.timedelta(days=9),
        reason=UnavailabilityReason.HOLIDAY,
    )
    with pytest.raises(ValidationError) as exc:
        create(world, world.officers[1], monday, monday + WEEK)
    assert "afwezig" in messages_of(exc)
    assert "vakantie" in messages_of(exc)


def test_it_refuses_people_outside_the_pool_or_without_the_function(world, monday):
    with pytest.raises(ValidationError) as exc:
        create(world, world.contacts[0], monday, monday + WEEK)
    text = messages_of(exc)
    assert "is geen lid van pool OvD-BZ Kennemerland" in text
    assert "heeft de functie OVD-BZ niet" in text


def test_a_municipal_coordinator_manages_only_their_municipal_pool(world, monday):
    with pytest.raises(PermissionDenied):
        create(world, world.officers[0], monday, monday + WEEK, actor=world.haarlem_coordinator)
    shift = create(
        world,
        world.contacts[0],
        monday,
        monday + WEEK,
        actor=world.haarlem_coordinator,
        pool=world.cpg_haarlem,
        function=world.cpg,
    )
    assert shift.pk


def test_a_coordinator_of_another_region_cannot_roster_here(world, monday):
    with pytest.raises(PermissionDenied):
        create(world, world.officers[0], monday, monday + WEEK, actor=world.outsider)


def test_a_whole_shift_handed_over_changes_holder_and_keeps_history(world, monday):
    shift = create(world, world.officers[0], monday, monday + WEEK)
    taken = services.shift_hand_over(
        actor=world.functionary, shift=shift, to_person=world.officers[1], reason="ziek kind"
    )
    assert taken.pk == shift.pk
    assert taken.person == world.officers[1]
    handover = ShiftHandover.objects.get()
    assert (handover.from_person, handover.to_person) == (world.officers[0], world.officers[1])
    assert AuditEntry.objects.filter(action="shift.handover", note="ziek kind").exists()


def test_handing_over_the_remainder_splits_the_shift(world, monday):
    shift = create(world, world.officers[0], monday, monday + WEEK)
    split = monday + dt.timedelta(days=4)
    taken = services.shift_hand_over(
        actor=world.coordinator, shift=shift, to_person=world.officers[2], from_at=split
    )
    shift.refresh_from_db()
    assert shift.person == world.officers[0]
    assert shift.ends_at == split
    assert (taken.person, taken.starts_at, taken.ends_at) == (
        world.officers[2],
        split,
        monday + WEEK,
    )
    assert ShiftHandover.objects.get().original_shift == shift


def test_a_handover_to_someone_already_on_call_is_refused(world, monday):
    shift = create(world, world.officers[0], monday, monday + WEEK)
    create(
        world,
        world.officers[1],
        monday + dt.timedelta(days=2),
        monday + dt.timedelta(days=3),
        pool=world.ovd_pool,
    )
    with pytest.raises(ValidationError):
        services.shift_hand_over(actor=world.coordinator, shift=shift, to_person=world.officers[1])
    shift.refresh_from_db()
    assert shift.person == world.officers[0]


def test_only_the_holder_or_a_manager_may_hand_over(world, monday):
    shift = create(world, world.officers[1], monday, monday + WEEK)
    with pytest.raises(PermissionDenied):
        services.shift_hand_over(actor=world.functionary, shift=shift, to_person=world.officers[2])
    with pytest.raises(PermissionDenied):
        services.shift_hand_over(actor=world.viewer, shift=shift, to_person=world.officers[2])


def test_a_pattern_rotates_and_passes_over_unavailable_people(world, monday):
    services.unavailability_create(
        actor=world.coordinator,
        person=world.officers[1],
        starts_at=monday + WEEK,
        ends_at=monday + 2 * WEEK,
        reason=UnavailabilityReason.SICK,
    )
    result = services.roster_generate(
        actor=world.coordinator,
        pool=world.ovd_pool,
        function=world.ovd,
        kind=OnCallKind.HARD,
        rotation=world.officers,
        first_day=monday.date(),
        last_day=(monday + 4 * WEEK).date() - dt.timedelta(days=1),
        handover_time=dt.time(8, 0),
    )
    holders = [s.person for s in result.created]
    assert len(holders) == 4
    assert holders[0] == world.officers[0]
    assert holders[1] == world.officers[2]  # officers[1] is sick that week
    assert result.unfilled == []
    assert all(s.starts_at.astimezone(monday.tzinfo).hour == 8 for s in result.created)


def test_a_pattern_reports_slots_nobody_can_take(world, monday):
    for person in world.officers:
        services.unavailability_create(
            actor=world.coordinator,
            person=person,
            starts_at=monday,
            ends_at=monday + WEEK,
            reason=UnavailabilityReason.HOLIDAY,
        )
    result = services.roster_generate(
        actor=world.coordinator,
        pool=world.ovd_pool,
        function=world.ovd,
        kind=OnCallKind.HARD,
        rotation=world.officers,
        first_day=monday.date(),
        last_day=(monday + 2 * WEEK).date() - dt.timedelta(days=1),
        handover_time=dt.time(8, 0),
    )
    assert len(result.created) == 1
    assert len(result.unfilled) == 1
    assert result.unfilled[0][0] == monday


def test_a_week_shift_over_the_clock_change_keeps_the_local_handover_time(world):
    # Sunday 25 October 2026 the clocks go back: a Monday-to-Monday week is 169 hours.
    result = services.roster_generate(
        actor=world.coordinator,
        pool=world.ovd_pool,
        function=world.ovd,
        kind=OnCallKind.HARD,
        rotation=world.officers[:1],
        first_day=dt.date(2026, 10, 19),
        last_day=dt.date(2026, 10, 25),
        handover_time=dt.time(8, 0),
    )
    shift = result.created[0]
    assert shift.ends_at.astimezone(dt.UTC) - shift.starts_at.astimezone(dt.UTC) == dt.timedelta(
        hours=169
    )
    assert (shift.starts_at.hour, shift.ends_at.hour) == (8, 8)


def test_person_phone_numbers_are_stored_in_international_form(world):
    person = services.person_create(
        actor=world.coordinator,
        region=world.region,
        given_name="Jan",
        surname="Bakker",
        email="Jan.Bakker@Example.nl",
        phone="06-12 34 56 78",
    )
    assert person.phone == "+31612345678"
    assert person.email == "jan.bakker@example.nl"


def test_a_malformed_phone_number_is_refused_by_name(world):
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=world.coordinator,
            region=world.region,
            given_name="Jan",
            surname="Bakker",
            email="jan@example.nl",
            phone="12345",
        )
    assert exc.value.message_dict["phone"] == [
        "'12345' is geen geldig telefoonnummer (bijvoorbeeld 06 12345678 of +31 6 12345678)."
    ]


def test_a_municipal_pool_needs_exactly_one_municipality(world):
    with pytest.raises(ValidationError) as exc:
        services.pool_save(
            actor=world.coordinator,
            region=world.region,
            name="CPG twee",
            kind=PoolKind.MUNICIPAL,
            municipalities=[world.haarlem, world.velsen],
            functions=[world.cpg],
        )
    assert exc.value.message_dict["municipalities"] == [str(errors.MUNICIPAL_POOL_NEEDS_ONE)]


def test_a_pool_cannot_take_members_from_another_region(world):
    stranger = make_person(world.other_region, world.ovd)
    with pytest.raises(ValidationError) as exc:
        services.pool_save(
            actor=world.coordinator,
            region=world.region,
            name="Gemengd",
            kind=PoolKind.REGIONAL,
            municipalities=[],
            functions=[world.ovd],
            members=[stranger],
        )
    assert "members" in exc.value.message_dict


def test_pool_changes_are_audited_old_to_new(world):
    services.pool_save(
        actor=world.coordinator,
        region=world.region,
        pool=world.ovd_pool,
        name="OvD-BZ regio",
        kind=PoolKind.REGIONAL,
        municipalities=[],
        functions=[world.ovd],
        members=world.officers[:2],
    )
    entry = AuditEntry.objects.get(action="pool.update")
    assert entry.changes["name"] == ["OvD-BZ Kennemerland", "OvD-BZ regio"]
    assert len(entry.changes["members"][0]) == 3
    assert len(entry.changes["members"][1]) == 2


def test_a_municipality_belongs_to_one_district_only(world):
    services.district_save(
        actor=world.coordinator, region=world.region, name="Noord", municipalities=[world.velsen]
    )
    with pytest.raises(ValidationError) as exc:
        services.district_save(
            actor=world.coordinator, region=world.region, name="Kust", municipalities=[world.velsen]
        )
    assert "Velsen zit al in district Noord." in exc.value.messages


def test_revoking_the_calendar_address_changes_the_token(world):
    person = world.officers[0]
    old = person.calendar_token
    services.person_renew_calendar_token(actor=world.functionary, person=person)
    assert person.calendar_token != old
    with pytest.raises(PermissionDenied):
        services.person_renew_calendar_token(actor=world.functionary, person=world.officers[1])


def test_make_shift_helper_builds_week_shifts(world, monday):
    shift = make_shift(world.ovd_pool, world.ovd, world.officers[0], monday)
    assert shift.ends_at - shift.starts_at == WEEK
