"""Re-matching the open inquiries when a person arrives: the registry's second index."""

from dataclasses import replace

from oranje.matching import Index, Record, rematch
from oranje.matching.tests.test_engine import FAMILY

INQUIRIES = [
    Record("q-hans", "Hans", "", "Berg, van der", "1961-03-04", "M"),
    Record("q-willy", "Willy", "", "de Vries", "1963"),
    Record("q-swapped", "Bakker", "", "Pieter", "1975-01-01"),
    Record("q-kees", "Kees", "", "Smit", "1950-02-02"),
]


def test_a_person_arriving_is_found_by_the_inquiries_about_them():
    registry = Index([r for r in FAMILY if r.id not in ("father", "other")])
    inquiries = Index(INQUIRIES)
    assert rematch(registry, inquiries, "father") == []  # not registered yet
    registry.add(FAMILY[0])
    found = rematch(registry, inquiries, "father")
    assert [(m.inquiry_id, m.rank, m.candidate.decision) for m in found] == [("q-hans", 1, "match")]
    registry.add(FAMILY[-1])
    assert [m.inquiry_id for m in rematch(registry, inquiries, "other")] == ["q-swapped"]


def test_what_rematch_says_is_what_the_inquiry_s_own_query_says():
    registry = Index(FAMILY)
    inquiries = Index(INQUIRIES)
    for person in FAMILY:
        for found in rematch(registry, inquiries, person.id):
            own = registry.query(inquiries.get(found.inquiry_id))
            assert own[found.rank - 1] == found.candidate


def test_a_closed_inquiry_is_not_rematched_and_a_changed_person_is_rematched_anew():
    registry = Index(FAMILY)
    inquiries = Index(INQUIRIES)
    assert [m.inquiry_id for m in rematch(registry, inquiries, "mother")] == ["q-willy"]
    inquiries.remove("q-willy")
    assert rematch(registry, inquiries, "mother") == []
    registry.update(
        replace(FAMILY[-1], given_names="Kees", surname="Smit", birth_date="1950-02-02")
    )
    assert [m.inquiry_id for m in rematch(registry, inquiries, "other")] == ["q-kees"]
    assert rematch(registry, inquiries, "nobody") == []


MANY_WAYS = [
    Record("w1", "Jan", "", "vd Berg", "1961-04-03"),  # day and month swapped
    Record("w2", "Johannes", "", "Vanderberg", "1961"),  # prefix glued, year only
    Record("w3", "Johannes", "van der", "Brg", "1961"),  # surname typo, year only
    Record("w4", "Berg", "", "Johannes", "", "", "", "", "1234 AB"),  # names swapped
    Record("w5", "Mien", "", "Berg", "1963-11-20"),  # half of a double name
    Record("w6", "Emma", "", "van der Berg", "", "V", "Dorpsstraat", "12a"),  # a twin
    Record("w7", "Piet", "", "Bakker", "", "M", "", "", "", "Zandvoort"),
    Record("w8", "Pieter", "", "Bakkr", "1975"),
    Record("w9", "Sophie", "", "Berg", "2004"),
    Record("w10", "Johannes", "", "van der Berg", "1990-07-15", "M"),
]


def test_rematch_finds_every_inquiry_whose_own_query_ranks_the_person_high():
    """Blocking read the other way round (the person against the inquiries) misses none of
    the pairs the inquiries' own queries find (bench.matching registry checks it at scale)."""
    registry, inquiries = Index(FAMILY), Index(MANY_WAYS)
    expected = {
        (inquiry.id, c.person_id)
        for inquiry in MANY_WAYS
        for c in registry.query(inquiry, limit=5)
        if c.score >= 4.0
    }
    found = {
        (m.inquiry_id, person.id)
        for person in FAMILY
        for m in rematch(registry, inquiries, person.id)
    }
    assert len(expected) >= 12
    assert found == expected
