"""The linkage profile: weights estimated from the data without labels, no household rules."""

import csv
import random
import string

import pytest

from oranje.matching import Index, Record, find_duplicates
from oranje.matching.cli import main as match_eval
from oranje.matching.engine import DEFAULT_WEIGHTS, LINKAGE, REGISTRY, prepare
from oranje.matching.tests.test_engine import FAMILY, write_csv

GIVEN = [
    "Anna",
    "Bram",
    "Cor",
    "Daan",
    "Emma",
    "Fenna",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joris",
    "Koen",
    "Lotte",
    "Mila",
    "Noor",
    "Olaf",
    "Pim",
    "Roos",
    "Sanne",
    "Teun",
    "Vera",
    "Wout",
    "Yara",
    "Zoë",
    "Luuk",
]
TOWNS = ["Haarlem", "Velsen", "Bloemendaal", "Heemstede", "Zandvoort", "Beverwijk", "Uitgeest"]


def _person(rng: random.Random, rec_id: str) -> Record:
    surname = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 9)))
    year = rng.randint(1930, 2015)
    return Record(
        rec_id,
        given_names=rng.choice(GIVEN),
        surname=surname.capitalize(),
        birth_date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        city=rng.choice(TOWNS),
    )


def _corrupt(rng: random.Random, record: Record, rec_id: str) -> Record:
    """Like FEBRL's duplicates: a field replaced outright now and then, typos often."""
    given, surname, birth = record.given_names, record.surname, record.birth_date
    if rng.random() < 0.2:
        given = rng.choice([g for g in GIVEN if g != given])
    if rng.random() < 0.3:
        i = rng.randrange(1, len(surname) - 1)
        surname = surname[:i] + surname[i + 1] + surname[i] + surname[i + 2 :]
    if rng.random() < 0.1:
        birth = ""
    return Record(rec_id, given, "", surname, birth, city=record.city)


@pytest.fixture(scope="module")
def lists() -> tuple[list[Record], list[Record], set[tuple[str, str]]]:
    rng = random.Random(11)
    registry = [_person(rng, f"r{i}") for i in range(800)]
    inquiries, truth = [], set()
    for i, record in enumerate(registry[:500]):
        inquiries.append(_corrupt(rng, record, f"q{i}"))
        truth.add((record.id, f"q{i}"))
    inquiries += [_person(rng, f"x{i}") for i in range(150)]  # nobody in the registry
    return registry, inquiries, truth


def _linked(index: Index, inquiries: list[Record]) -> set[tuple[str, str]]:
    found = set()
    for inquiry in inquiries:
        best = index.query(inquiry, limit=1)
        if best and best[0].decision == "match":
            found.add((best[0].person_id, inquiry.id))
    return found


def test_calibration_learns_from_the_data_without_labels(lists):
    registry, inquiries, truth = lists
    fixed = Index(registry, families=False)
    before = _linked(fixed, inquiries)
    calibrated = Index(registry, families=False)
    model = calibrated.calibrate(inquiries)
    after = _linked(calibrated, inquiries)
    # One in five given names was replaced: disagreeing on it is far weaker evidence here
    # than the default assumes for registrations made in haste.
    assert model.weights[("given", "different")] > DEFAULT_WEIGHTS[("given", "different")] + 2
    assert model.prior is not None and "pairs" in model.estimated_from
    recall_before, recall_after = len(before & truth) / len(truth), len(after & truth) / len(truth)
    assert recall_after > recall_before
    assert recall_after >= 0.95
    assert len(after & truth) / len(after) >= 0.99  # and it does not buy recall with errors


def test_calibration_of_a_registry_against_itself_estimates_how_many_are_twice_in_it(lists):
    registry, inquiries, _truth = lists
    index = Index(
        [*registry, *(r for r in inquiries if r.id.startswith("q"))][:1000], families=False
    )
    index.calibrate()
    assert index.model.prior is not None
    pairs = {(a, b) for a, b, _c in index.duplicates()}
    wanted = {(f"r{i}", f"q{i}") for i in range(200)}
    assert len(pairs & wanted) >= 0.95 * len(wanted)


def test_the_linkage_profile_has_no_household_rules():
    """For lists of unrelated people a twin is just another corrupted record; the registry
    profile, which is the default, refuses it. This is the price of the household rules."""
    without_twin = [r for r in FAMILY if r.id != "twin2"]
    asked = Record("q", "Sophie", "van der", "Berg", "2004-05-06", "V", "Dorpsstraat", "12a")
    assert Index(without_twin).model is REGISTRY
    assert all(c.decision != "match" for c in Index(without_twin).query(asked))
    linkage = Index(without_twin, families=False)
    assert linkage.model is LINKAGE
    assert linkage.query(asked)[0].person_id == "twin1"
    assert linkage.query(asked)[0].decision == "match"


def test_without_date_or_address_the_place_still_finds_candidates():
    index = Index([Record("a", "Bianca", "", "Cobbett", city="Woodend")])
    assert index.candidates(prepare(Record("q", "Biana", "", "Cbobett", city="Woodend"))) == {0}


def test_an_identity_number_one_digit_off_still_finds_candidates():
    index = Index([Record("a", "Jan", "", "Smit", id_number="123456789")])
    asked = prepare(Record("q", "Kees", "", "Jansen", id_number="123457789"))
    assert index.candidates(asked) == {0}


def test_duplicate_detection_can_be_shared_out_in_slices(lists):
    registry, inquiries, _truth = lists
    index = Index([*registry[:300], *inquiries[:300]])
    whole = {(a, b) for a, b, _c in index.duplicates(min_decision="possible")}
    parts = set()
    for start in range(0, len(index), 170):
        parts |= {
            (a, b)
            for a, b, _c in index.duplicates(min_decision="possible", start=start, stop=start + 170)
        }
    assert parts == whole and whole


def test_match_eval_links_unrelated_lists_with_the_linkage_profile(lists, tmp_path, capsys):
    registry, inquiries, truth = lists
    paths = [
        str(write_csv(tmp_path / "registry.csv", registry)),
        str(write_csv(tmp_path / "inquiries.csv", inquiries)),
    ]
    out = tmp_path / "out.csv"
    assert match_eval([*paths, "--out", str(out), "--profile", "linkage"]) == 0
    assert "weights estimated in" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    linked = {
        (r["person_id"], r["inquiry_id"])
        for r in rows
        if r["rank"] == "1" and r["decision"] == "match"
    }
    assert len(linked & truth) >= 0.95 * len(truth)


def test_duplicate_detection_shared_out_over_processes_finds_the_same_pairs(lists):
    registry, inquiries, _truth = lists
    index = Index([*registry, *inquiries])
    alone = sorted((a, b) for a, b, _c in index.duplicates(min_decision="possible"))
    shared = sorted(
        (a, b)
        for a, b, _c in find_duplicates(index, processes=2, min_decision="possible", chunk=200)
    )
    assert shared == alone and alone
