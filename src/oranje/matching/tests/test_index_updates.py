"""The index the registry keeps per incident changes on every write: update, remove, get."""

import datetime as dt
from dataclasses import replace

import pytest

from oranje.matching import Index, Record
from oranje.matching.tests.test_engine import FAMILY

PIETER = Record("q", "Pieter", "", "Bakker", "1975-01-01")


def ids(index: Index, record: Record) -> list[str]:
    return [c.person_id for c in index.query(record)]


def test_get_returns_the_record_as_registered_or_none():
    index = Index(FAMILY)
    assert index.get("other") == FAMILY[-1]
    assert index.get("nobody") is None
    assert "other" in index and "nobody" not in index
    assert len(index) == len(FAMILY)


def test_an_updated_record_is_found_by_its_new_fields_and_never_by_its_old():
    index = Index(FAMILY)
    assert ids(index, PIETER)[0] == "other"
    renamed = replace(FAMILY[-1], given_names="Kees", surname="Smit", birth_date="1950-02-02")
    index.update(renamed)
    assert "other" not in ids(index, PIETER)
    assert ids(index, Record("q", "Kees", "", "Smit", "1950-02-02"))[0] == "other"
    assert index.get("other") == renamed
    assert len(index) == len(FAMILY)


def test_updating_an_unknown_record_is_an_error():
    with pytest.raises(KeyError):
        Index(FAMILY).update(Record("nobody", "Kees"))


def test_adding_a_registered_id_again_replaces_it():
    index = Index(FAMILY)
    index.add(replace(FAMILY[-1], birth_date="1976-01-01"))
    assert len(index) == len(FAMILY)
    assert [c.person_id for c in index.query(PIETER)].count("other") == 1


def test_a_removed_record_never_comes_back_as_a_candidate_or_a_duplicate():
    again = Record("again", "Hans", "", "van der Berg", "1961-03-04", "M")
    index = Index([*FAMILY, again])
    assert {(a, b) for a, b, _c in index.duplicates()} == {("father", "again")}
    assert index.remove("again") is True
    assert index.remove("again") is False
    assert list(index.duplicates()) == []
    assert "again" not in ids(index, again)
    assert index.get("again") is None
    assert len(index) == len(FAMILY)


def test_name_frequencies_follow_removals():
    index = Index(FAMILY)
    before = index.frequency("surname", "bakker")
    index.remove("other")
    assert index.frequency("surname", "bakker") < before


def test_many_updates_compact_the_index_and_keep_answers():
    people = [
        Record(
            f"p{i}",
            "Jan",
            "",
            f"Naam{i:05d}",
            (dt.date(1930, 1, 1) + dt.timedelta(i * 9)).isoformat(),
        )
        for i in range(1500)
    ]
    index = Index(people)
    for person in people[:1200]:
        index.update(replace(person, given_names="Piet"))
    assert len(index.records) < 1500 + 1200  # compacted on the way
    assert len(index) == 1500
    for person in (people[0], people[1100], people[1499]):
        best = index.query(replace(person, id="q", given_names=index.get(person.id).given_names))
        assert best[0].person_id == person.id and best[0].decision == "match"
    index.compact()
    assert len(index.records) == 1500 and not index.dead
    assert index.get("p3").given_names == "Piet"
