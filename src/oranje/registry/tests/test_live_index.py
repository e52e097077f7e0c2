"""The live indexes catch up in place: a changed person is found by its new name and never by
its old one, a merged person is no candidate, nothing is rebuilt, and a catch-up skips the
rows it already applied."""

from __future__ import annotations

import pytest
from django.utils import timezone

from oranje.matching import Index, Record
from oranje.organisation.tests.factories import World
from oranje.registry import matching
from oranje.registry.models import Person
from oranje.registry.tests.factories import build_registry, register

pytestmark = pytest.mark.django_db


def _ids(index: Index, given: str, surname: str) -> list[str]:
    record = Record(id="q", given_names=given, surname=surname, birth_date="1950-03-04")
    return [c.person_id for c in index.query(record, limit=5) if c.decision == "match"]


def test_the_person_index_follows_changes_and_merges_in_place(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    rw = build_registry(world)
    first = register(rw, given="Johannes", prefix="de", surname="Vries")
    other = register(rw, given="Pieter", prefix="", surname="Bakker", birth=(1971, 6, 1))
    index = matching.person_index(rw.incident.pk)
    assert _ids(index, "Johannes", "de Vries") == [str(first.pk)]

    Person.objects.filter(pk=first.pk).update(surname="Visser", updated_at=timezone.now())
    assert matching.person_index(rw.incident.pk) is index  # updated in place, not rebuilt
    assert _ids(index, "Johannes", "Visser") == [str(first.pk)]
    assert _ids(index, "Johannes", "de Vries") == []

    Person.objects.filter(pk=first.pk).update(merged_into=other, updated_at=timezone.now())
    matching.person_index(rw.incident.pk)
    assert _ids(index, "Johannes", "Visser") == []

    applied: list[int] = []
    catch_up = matching._catch_up
    monkeypatch.setattr(
        matching, "_catch_up", lambda live, rows: (applied.append(len(rows)), catch_up(live, rows))
    )
    matching.person_index(rw.incident.pk)  # both rows still in the slack window, unchanged
    assert applied == []
    Person.objects.filter(pk=other.pk).update(city="Haarlem", updated_at=timezone.now())
    matching.person_index(rw.incident.pk)
    assert applied == [1]


def test_a_double_registration_is_a_match_and_weak_candidates_are_no_duplicates(
    world: World,
) -> None:
    from oranje.registry.models import PossibleDuplicate

    rw = build_registry(world)
    first = register(rw, given="Cornelia", prefix="van", surname="Dam", birth=(1969, 8, 24))
    register(rw, given="Bram", prefix="", surname="Kok", birth=(2001, 2, 3))  # a weak one
    again = register(rw, given="Cornelia", prefix="van", surname="Dam", birth=(1969, 8, 24))
    # Its own registration is no rival of its double: the pair is judged on its own.
    found = matching.duplicates_of(again.pk, rw.incident.pk)
    assert [(c.person_id, c.decision) for c in found] == [(str(first.pk), "match")]
    pairs = PossibleDuplicate.objects.filter(incident=rw.incident)
    assert [(p.person_id, p.other_id, p.decision) for p in pairs] == [(first.pk, again.pk, "match")]


def test_an_arrival_becomes_a_candidate_only_where_the_inquiry_itself_would_rank_it(
    world: World,
) -> None:
    from oranje.registry import services
    from oranje.registry.tests.factories import inquiry_data

    rw = build_registry(world)
    asked = services.inquiry_create(incident=rw.incident, actor=rw.officer, data=inquiry_data())
    assert not asked.candidates.exists()
    # A relative arrives: at most a weak fill-up for the inquiry's own list, no candidate.
    stranger = register(rw, given="Pieter", prefix="de", surname="Vries", birth=(1982, 7, 1))
    assert services.rematch_for_person(stranger) == []
    person = register(rw)  # Johannes de Vries, asked after as Hans
    asked.refresh_from_db()
    [candidate] = asked.candidates.all()
    own = matching.candidates_for(matching.record_of(asked), rw.incident.pk)[0]
    assert (candidate.person_id, candidate.score, candidate.decision) == (
        person.pk,
        own.score,
        own.decision,
    )
    assert (asked.best_score, asked.best_decision) == (own.score, own.decision)
