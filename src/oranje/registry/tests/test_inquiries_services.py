"""Inquiries and informing, the services: four eyes on deceased both ways, the police and
never a call, re-matching that moves an inquiry up the queue (also after a corrected name or
a merge), consent asked once across linked inquiries, calls and closing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.organisation.tests.factories import World
from oranje.registry import selectors_inquiries as queue
from oranje.registry import services
from oranje.registry.constants import (
    CallOutcome,
    CandidateState,
    InquiryStatus,
    Phrase,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.models import Inquiry, Person, RegistrySettings
from oranje.registry.services.persons import after_person_write
from oranje.registry.tests.factories import RegistryWorld, build_registry, inquiry_data, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> RegistryWorld:
    return build_registry(world)


def _ask(rw: RegistryWorld, **values: object) -> Inquiry:
    return services.inquiry_create(
        incident=rw.incident, actor=rw.officer, data=inquiry_data(**values)
    )


def _deceased(rw: RegistryWorld) -> Person:
    return register(rw, status=Status.DECEASED, where=Whereabouts.ELSEWHERE, source=Source.POLICE)


def _found(rw: RegistryWorld, inquiry: Inquiry) -> Inquiry:
    services.candidate_confirm(candidate=inquiry.candidates.get(), actor=rw.officer)
    inquiry.refresh_from_db()
    return inquiry


@pytest.mark.parametrize("order", ["anna_then_bram", "bram_then_anna"])
def test_four_eyes_on_deceased_both_ways(rw: RegistryWorld, order: str) -> None:
    _deceased(rw)
    inquiry = _ask(rw)
    first, second = (rw.officer, rw.second_officer)
    if order == "bram_then_anna":
        first, second = second, first
    candidate = inquiry.candidates.get()
    services.candidate_confirm(candidate=candidate, actor=first)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.OPEN  # not yet: one pair of eyes
    with pytest.raises(ValidationError):
        services.candidate_confirm(candidate=candidate, actor=first)
    # The second officer sees it waiting in the queue.
    row = next(r for r in queue.queue_rows(rw.incident)[0] if r.inquiry.pk == inquiry.pk)
    assert row.inquiry.awaiting_second  # type: ignore[attr-defined]
    services.candidate_confirm(candidate=candidate, actor=second)
    candidate.refresh_from_db()
    inquiry.refresh_from_db()
    assert candidate.state == CandidateState.CONFIRMED
    assert (candidate.first_by, candidate.second_by) == (first, second)
    assert inquiry.status == InquiryStatus.POLICE


def test_the_police_inform_the_deceased_never_a_call(rw: RegistryWorld) -> None:
    person = _deceased(rw)
    inquiry = _ask(rw)
    candidate = inquiry.candidates.get()
    services.candidate_confirm(candidate=candidate, actor=rw.officer)
    services.candidate_confirm(candidate=candidate, actor=rw.second_officer)
    inquiry.refresh_from_db()
    for outcome in CallOutcome.values:
        with pytest.raises(ValidationError):
            services.inquiry_call(inquiry=inquiry, actor=rw.officer, outcome=outcome)
    assert not inquiry.calls.exists()
    with pytest.raises(ValidationError):  # confirmed before asked
        services.police_confirmed(inquiry=inquiry, actor=rw.officer)
    notice = services.police_asked(inquiry=inquiry, actor=rw.officer)
    assert notice.person == person and notice.asked_at
    assert services.police_asked(inquiry=inquiry, actor=rw.second_officer).pk == notice.pk
    services.police_confirmed(inquiry=inquiry, actor=rw.second_officer)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.INFORMED
    actions = list(
        AuditEntry.objects.filter(object_type="inquiry", object_id=str(inquiry.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions.count(AuditAction.POLICE_ASKED.value) == 1
    assert AuditAction.POLICE_CONFIRMED.value in actions
    with pytest.raises(ValidationError):  # still no call after the police informed
        services.inquiry_call(inquiry=inquiry, actor=rw.officer, outcome=CallOutcome.REACHED)


def test_a_person_who_dies_after_being_found_gets_no_call(rw: RegistryWorld) -> None:
    person = register(rw)
    inquiry = _found(rw, _ask(rw))
    assert inquiry.status == InquiryStatus.FOUND
    services.person_status_change(
        person=person,
        actor=rw.officer,
        status=services.StatusData(
            status=Status.DECEASED, whereabouts=Whereabouts.ELSEWHERE, source=Source.POLICE
        ),
    )
    inquiry.refresh_from_db()
    with pytest.raises(ValidationError):
        services.inquiry_call(inquiry=inquiry, actor=rw.officer, outcome=CallOutcome.REACHED)
    # The police are asked instead: the inquiry goes to them.
    services.police_asked(inquiry=inquiry, actor=rw.officer)
    assert inquiry.status == InquiryStatus.POLICE
    services.police_confirmed(inquiry=inquiry, actor=rw.officer)
    assert inquiry.status == InquiryStatus.INFORMED


def test_police_are_not_asked_about_the_living(rw: RegistryWorld) -> None:
    register(rw)
    inquiry = _found(rw, _ask(rw))
    with pytest.raises(ValidationError):
        services.police_asked(inquiry=inquiry, actor=rw.officer)
    with pytest.raises(ValidationError):
        services.police_asked(inquiry=_ask(rw), actor=rw.officer)  # nobody confirmed yet


def _order(rw: RegistryWorld) -> list[int]:
    return [r.inquiry.pk for r in queue.queue_rows(rw.incident)[0]]


def test_a_strong_new_candidate_moves_an_inquiry_up(rw: RegistryWorld) -> None:
    older = _ask(rw, given_names="Pieter", prefix="", surname="Bakker", birth_year=1980)
    child = _ask(
        rw, given_names="Sanne", prefix="", surname="Visser", birth_year=2018, is_child=True
    )
    newer = _ask(rw)
    # No candidates yet: the flagged child first, then the oldest.
    assert _order(rw) == [child.pk, older.pk, newer.pk]
    register(rw)  # Johannes de Vries, 4-3-1950: the newest inquiry's person arrives
    newer.refresh_from_db()
    assert newer.best_decision == "match"
    assert _order(rw)[0] == newer.pk


def test_a_corrected_name_reaches_the_open_inquiries(rw: RegistryWorld) -> None:
    person = register(rw)
    inquiry = _ask(rw)
    assert list(inquiry.candidates.values_list("person_id", flat=True)) == [person.pk]
    services.person_change(
        person=person,
        actor=rw.officer,
        data=services.PersonData(
            given_names="Fatima", surname="El Amrani", birth_year=1990, birth_month=7
        ),
    )
    inquiry.refresh_from_db()
    assert not inquiry.candidates.exists()
    assert inquiry.best_score is None


def test_a_merge_and_its_undo_reach_the_open_inquiries(rw: RegistryWorld) -> None:
    kept = register(rw, given="Jan", surname="Vries", birth=(1950, None, None))
    merged = register(rw)
    inquiry = _ask(rw)
    assert merged.pk in set(inquiry.candidates.values_list("person_id", flat=True))
    merge = services.person_merge(kept=kept, merged=merged, actor=rw.officer)
    people = set(inquiry.candidates.values_list("person_id", flat=True))
    assert kept.pk in people and merged.pk not in people
    inquiry.refresh_from_db()
    assert inquiry.best_score is not None
    services.merge_undo(merge=merge, actor=rw.officer)
    assert merged.pk in set(inquiry.candidates.values_list("person_id", flat=True))


def test_a_merged_registration_alone_lives_on_in_the_kept_one(rw: RegistryWorld) -> None:
    kept = register(rw, given="Bep", prefix="", surname="Smit", birth=(1960, 1, 1))
    merged = register(rw)
    inquiry = _ask(rw)
    assert set(inquiry.candidates.values_list("person_id", flat=True)) == {merged.pk}
    # What a merge does, then the check after the write of the merged registration.
    Person.objects.filter(pk=merged.pk).update(merged_into=kept, updated_at=timezone.now())
    merged.refresh_from_db()
    after_person_write(merged)
    moved = inquiry.candidates.get()
    assert moved.person_id == kept.pk
    assert any("samengevoegd" in r or "merged" in r for r in moved.reasons)


def test_consent_is_asked_once_for_linked_inquiries(rw: RegistryWorld) -> None:
    person = register(rw)
    daughter = _found(rw, _ask(rw))
    son = _found(rw, _ask(rw, caller_name="Kees de Vries", caller_relation="zoon"))
    assert [i.pk for i in queue.linked(daughter)] == [son.pk]
    neighbour = _ask(rw, caller_name="Buurvrouw", caller_relation="buurvrouw")
    assert [i.pk for i in queue.maybe_linked(daughter)] == [neighbour.pk]  # still to confirm
    assert daughter.person == son.person == person
    # Not asked yet: no place told, only that the person is safe.
    with pytest.raises(ValidationError):
        services.inquiry_call(
            inquiry=daughter,
            actor=rw.officer,
            outcome=CallOutcome.REACHED,
            phrases=[Phrase.IN_SHELTER],
        )
    services.consent_record(person=person, actor=rw.officer, share=False)
    with pytest.raises(ValidationError):
        services.inquiry_call(
            inquiry=daughter,
            actor=rw.officer,
            outcome=CallOutcome.REACHED,
            phrases=[Phrase.IN_SHELTER],
        )
    services.inquiry_call(
        inquiry=daughter, actor=rw.officer, outcome=CallOutcome.REACHED, phrases=[Phrase.NO_CONSENT]
    )
    daughter.refresh_from_db()
    assert daughter.status == InquiryStatus.INFORMED
    # The person changes their mind once; the son's call may tell where.
    services.consent_record(person=person, actor=rw.officer, share=True)
    services.consent_record(person=person, actor=rw.second_officer, share=True)  # no change
    call = services.inquiry_call(
        inquiry=son,
        actor=rw.second_officer,
        outcome=CallOutcome.REACHED,
        phrases=[Phrase.IN_SHELTER, Phrase.REGISTERED_SAFE],
    )
    assert call.phrases == [Phrase.REGISTERED_SAFE, Phrase.IN_SHELTER]
    consents = AuditEntry.objects.filter(action=AuditAction.PERSON_CONSENT.value)
    assert consents.count() == 2


def test_calls_on_an_open_inquiry_and_closing(rw: RegistryWorld) -> None:
    inquiry = _ask(rw)
    with pytest.raises(ValidationError):  # nothing found yet
        services.inquiry_call(
            inquiry=inquiry,
            actor=rw.officer,
            outcome=CallOutcome.REACHED,
            phrases=[Phrase.REGISTERED_SAFE],
        )
    with pytest.raises(ValidationError):  # nobody reached, nothing said
        services.inquiry_call(
            inquiry=inquiry,
            actor=rw.officer,
            outcome=CallOutcome.NOT_REACHED,
            phrases=[Phrase.NOT_YET_FOUND],
        )
    services.inquiry_call(
        inquiry=inquiry,
        actor=rw.officer,
        outcome=CallOutcome.MESSAGE_LEFT,
        phrases=[Phrase.NOT_YET_FOUND],
    )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.OPEN
    with pytest.raises(ValidationError):
        services.inquiry_close(inquiry=inquiry, actor=rw.officer, reason=" ")
    services.inquiry_close(inquiry=inquiry, actor=rw.officer, reason="Beller trekt vraag in")
    assert inquiry.status == InquiryStatus.CLOSED
    assert inquiry.close_reason == "Beller trekt vraag in" and inquiry.closed_at
    entry = AuditEntry.objects.get(action=AuditAction.INQUIRY_CLOSE.value)
    assert "Beller" not in str(entry.changes) + entry.note  # may name people: not in the log
    with pytest.raises(ValidationError):
        services.inquiry_call(inquiry=inquiry, actor=rw.officer, outcome=CallOutcome.REACHED)
    with pytest.raises(ValidationError):
        services.inquiry_close(inquiry=inquiry, actor=rw.outsider, reason="x")


def test_the_queue_marks_inquiries_past_the_regions_norm(rw: RegistryWorld) -> None:
    late = _ask(rw)
    Inquiry.objects.filter(pk=late.pk).update(created_at=timezone.now() - dt.timedelta(minutes=121))
    fresh = _ask(rw, given_names="Pieter", prefix="", surname="Bakker")
    rows, norm = queue.queue_rows(rw.incident)
    assert norm == 120
    assert {r.inquiry.pk: r.overdue for r in rows} == {late.pk: True, fresh.pk: False}
    RegistrySettings.objects.filter(region=rw.incident.region).update(callback_minutes=240)
    rows, norm = queue.queue_rows(rw.incident)
    assert norm == 240 and not any(r.overdue for r in rows)
    services.inquiry_call(inquiry=late, actor=rw.officer, outcome=CallOutcome.NOT_REACHED)
    RegistrySettings.objects.filter(region=rw.incident.region).update(callback_minutes=60)
    rows, _norm = queue.queue_rows(rw.incident)
    assert not any(r.overdue for r in rows)  # called back (not reached): the norm is met
