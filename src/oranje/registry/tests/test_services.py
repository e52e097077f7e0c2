"""The registry's writes: history, duplicates, inquiries and four eyes on deceased."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from oranje.organisation.tests.factories import World
from oranje.registry import access, services
from oranje.registry.constants import (
    CandidateState,
    InquiryStatus,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.models import PossibleDuplicate
from oranje.registry.services.inquiries import inquiry_create
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def test_status_changes_are_history_and_the_newest_source_time_wins(rw: RegistryWorld) -> None:
    import datetime as dt

    from django.utils import timezone

    person = register(rw)
    later = timezone.now()
    services.person_status_change(
        person=person,
        actor=rw.officer,
        status=services.StatusData(
            status=Status.HOSPITALISED,
            whereabouts=Whereabouts.HOSPITAL,
            place="Spaarne Gasthuis",
            source=Source.HOSPITAL,
            source_at=later,
        ),
    )
    # An older police list arriving late does not overwrite the newer state.
    services.person_status_change(
        person=person,
        actor=rw.officer,
        status=services.StatusData(
            status=Status.MISSING,
            whereabouts=Whereabouts.UNKNOWN,
            source=Source.POLICE,
            source_at=later - dt.timedelta(hours=2),
        ),
    )
    person.refresh_from_db()
    assert person.history.count() == 3
    assert person.current_status == Status.HOSPITALISED
    assert person.current_place == "Spaarne Gasthuis"


def test_a_second_registration_of_one_person_is_a_possible_duplicate(rw: RegistryWorld) -> None:
    first = register(rw)
    second = register(rw, given="Hans", source=Source.FIELD)
    register(rw, given="Pieter", surname="Bakker", prefix="", birth=(1980, 1, 1))
    pairs = list(PossibleDuplicate.objects.all())
    assert [(p.person_id, p.other_id) for p in pairs] == [(first.pk, second.pk)]
    assert pairs[0].reasons


def test_an_inquiry_ranks_the_registered_person_first(rw: RegistryWorld) -> None:
    wanted = register(rw)
    register(rw, given="Pieter", surname="Bakker", prefix="", birth=(1980, 1, 1))
    inquiry = inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    first = inquiry.candidates.order_by("-score").first()
    assert first is not None and first.person_id == wanted.pk
    assert inquiry.number == 1
    assert inquiry.best_score == first.score


def test_an_open_inquiry_is_rematched_when_the_person_arrives(rw: RegistryWorld) -> None:
    inquiry = inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    assert inquiry.candidates.count() == 0
    person = register(rw)
    inquiry.refresh_from_db()
    assert [c.person_id for c in inquiry.candidates.all()] == [person.pk]
    assert inquiry.best_score is not None


def test_confirming_a_deceased_person_takes_a_second_officer(rw: RegistryWorld) -> None:
    register(rw, status=Status.DECEASED, where=Whereabouts.ELSEWHERE, source=Source.POLICE)
    inquiry = inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    candidate = inquiry.candidates.get()
    services.candidate_confirm(candidate=candidate, actor=rw.officer)
    candidate.refresh_from_db()
    assert candidate.state == CandidateState.AWAITING_SECOND
    with pytest.raises(ValidationError):
        services.candidate_confirm(candidate=candidate, actor=rw.officer)
    services.candidate_confirm(candidate=candidate, actor=rw.second_officer)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.POLICE


def test_a_retried_inquiry_is_written_once(rw: RegistryWorld) -> None:
    a = inquiry_create(
        incident=rw.incident, actor=rw.officer, data=inquiry_data(), client_key="abcdefgh12"
    )
    b = inquiry_create(
        incident=rw.incident, actor=rw.officer, data=inquiry_data(), client_key="abcdefgh12"
    )
    assert a.pk == b.pk


def test_only_registry_roles_of_the_region_see_persons(rw: RegistryWorld) -> None:
    person = register(rw)
    assert access.person_for_user(rw.officer, person.pk) == person
    for user in (rw.world.coordinator, rw.world.admin, rw.outsider, rw.world.viewer):
        with pytest.raises(Http404):
            access.person_for_user(user, person.pk)
    with pytest.raises(Http404):
        access.registry_incident_for_user(rw.officer, rw.incident.pk, coordinate=True)
    assert access.registry_incident_for_user(rw.coordinator, rw.incident.pk, coordinate=True)
    with pytest.raises(ValidationError):
        register(rw.__class__(**{**rw.__dict__, "officer": rw.world.coordinator}))


def test_a_married_person_is_found_by_the_partners_name(rw: RegistryWorld) -> None:
    """Registered under her own name with her husband's known: relatives may ask by his."""
    wanted = register(
        rw,
        given="Maria",
        prefix="de",
        surname="Boer",
        birth=(1961, 5, 2),
        name_use="V",
        partner_surname="Jansen",
    )
    register(rw, given="Maria", prefix="", surname="Bakker", birth=(1961, 5, 2))
    inquiry = inquiry_create(
        incident=rw.incident,
        actor=rw.officer,
        data=inquiry_data(
            given_names="Maria",
            prefix="",
            surname="Jansen",
            birth_day=2,
            birth_month=5,
            birth_year=1961,
        ),
    )
    first = inquiry.candidates.order_by("-score").first()
    assert first is not None and first.person_id == wanted.pk
    assert any("jansen" in r and "dubbele" in r for r in first.reasons)


def test_warm_builds_the_indexes_before_any_request(rw: RegistryWorld) -> None:
    from oranje.registry import matching

    register(rw)
    inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data(surname="Anders"))
    matching._persons.clear()
    matching._inquiries.clear()
    assert matching.warm() == 1
    assert len(matching._persons[rw.incident.pk].index) == 1
    assert len(matching._inquiries[rw.incident.pk].index) == 1
