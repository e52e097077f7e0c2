import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oranje.matching import Index, Record
from oranje.matching.cli import COLUMNS
from oranje.matching.cli import main as match_eval

FAMILY = [
    Record(
        "father",
        "Johannes Petrus",
        "van der",
        "Berg",
        "1961-03-04",
        "M",
        "Dorpsstraat",
        "12a",
        "1234 AB",
        "Haarlem",
        "0612345678",
    ),
    Record(
        "mother",
        "Wilhelmina",
        "",
        "Berg-de Vries",
        "1963-11-20",
        "V",
        "Dorpsstraat",
        "12a",
        "1234 AB",
        "Haarlem",
    ),
    Record(
        "junior",
        "Johannes",
        "van der",
        "Berg",
        "1990-07-15",
        "M",
        "Dorpsstraat",
        "12a",
        "1234 AB",
        "Haarlem",
    ),
    Record(
        "twin1",
        "Emma",
        "van der",
        "Berg",
        "2004-05-06",
        "V",
        "Dorpsstraat",
        "12a",
        "1234 AB",
        "Haarlem",
    ),
    Record(
        "twin2",
        "Sophie",
        "van der",
        "Berg",
        "2004-05-06",
        "V",
        "Dorpsstraat",
        "12a",
        "1234 AB",
        "Haarlem",
    ),
    Record(
        "other",
        "Pieter",
        "",
        "Bakker",
        "1975-01-01",
        "M",
        "Kerkstraat",
        "1",
        "2000 AA",
        "Zandvoort",
    ),
]


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(FAMILY)


def write_csv(path: Path, records: list[Record]) -> Path:
    """Records in match-eval's input format."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([getattr(r, column) for column in COLUMNS] for r in records)
    return path


def top(index: Index, **fields) -> tuple[str, str, list[str]]:  # type: ignore[no-untyped-def]
    candidates = index.query(Record("q", **fields))
    assert candidates, fields
    return candidates[0].person_id, candidates[0].decision, candidates[0].reasons


def test_a_nickname_and_the_prefix_in_another_spelling_still_match(index):
    person, decision, reasons = top(
        index, given_names="Hans", surname="Berg, van der", birth_date="1961-03-04"
    )
    assert (person, decision) == ("father", "match")
    assert "'hans' is een bekende naam voor 'johannes'" in reasons


def test_day_and_month_swapped(index):
    assert top(index, given_names="Jan", surname="vd Berg", birth_date="1961-04-03")[:2] == (
        "father",
        "match",
    )


def test_a_married_woman_found_by_either_half_of_her_name(index):
    assert top(index, given_names="Willy", surname="de Vries", birth_date="1963-11-20")[:2] == (
        "mother",
        "match",
    )
    assert top(index, given_names="Mien", surname="Berg", birth_date="1963-11-20")[:2] == (
        "mother",
        "match",
    )


def test_given_name_and_surname_swapped(index):
    person, decision, reasons = top(
        index, given_names="Bakker", surname="Pieter", birth_date="1975-01-01"
    )
    assert (person, decision) == ("other", "match")
    assert reasons[0] == "voornaam en achternaam verwisseld"


def test_an_inquiry_for_a_twin_is_never_a_match_to_the_other_twin():
    index = Index([r for r in FAMILY if r.id != "twin2"])
    candidates = index.query(
        Record("q", "Sophie", "van der", "Berg", "2004-05-06", "V", "Dorpsstraat", "12a", "1234AB")
    )
    assert all(c.decision != "match" for c in candidates)
    assert any("gezinslid" in reason for c in candidates for reason in c.reasons)


def test_a_junior_named_after_his_father_is_not_the_father():
    index = Index([r for r in FAMILY if r.id != "father"])
    candidates = index.query(Record("q", "Johannes", "van der", "Berg", "1961-03-04"))
    assert all(c.decision != "match" for c in candidates)
    candidates = index.query(
        Record("q", "Jan", "van der", "Berg", "", "", "Dorpsstraat", "12a", "1234 AB")
    )
    assert all(c.decision != "match" for c in candidates)


def test_an_unknown_person_gets_no_match(index):
    assert all(
        c.decision != "match" for c in index.query(Record("q", "Kees", "", "Smit", "1950-02-02"))
    )


def test_the_index_can_be_updated_incrementally():
    index = Index(FAMILY[:1])
    assert index.query(Record("q", "Pieter", "", "Bakker", "1975-01-01")) == []
    index.add(FAMILY[-1])
    assert index.query(Record("q", "Pieter", "", "Bakker", "1975-01-01"))[0].person_id == "other"


def test_duplicate_registrations_are_found_once():
    index = Index([*FAMILY, Record("again", "Hans", "", "van der Berg", "1961-03-04", "M")])
    pairs = {(a, b) for a, b, _c in index.duplicates()}
    assert pairs == {("father", "again")}


record_strategy = st.builds(
    Record,
    id=st.just("r"),
    given_names=st.sampled_from(["Johannes", "Maria", "Fatima", "Pieter Jan", "Sophie", "Daan"]),
    prefix=st.sampled_from(["", "van", "de", "van der"]),
    surname=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12),
    birth_date=st.dates().map(lambda d: d.isoformat()),
    postcode=st.from_regex(r"[1-9][0-9]{3} [A-Z]{2}", fullmatch=True),
    house_number=st.integers(1, 300).map(str),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(record_strategy, min_size=1, max_size=15))
def test_every_record_matches_itself_first(records):
    records = [Record(**{**r.__dict__, "id": f"r{i}"}) for i, r in enumerate(records)]
    index = Index(records)
    for record in records:
        best = index.query(record)[0]
        twin = next(r for r in records if r.id == best.person_id)
        assert best.person_id == record.id or {**twin.__dict__, "id": ""} == {
            **record.__dict__,
            "id": "",
        }


def test_match_eval_writes_ranked_candidates(tmp_path, capsys):
    registry = write_csv(tmp_path / "registry.csv", FAMILY)
    inquiries = write_csv(
        tmp_path / "inquiries.csv",
        [
            Record("q1", "Hans", "", "Berg", "1961-03-04", "M"),
            Record("q2", "Kees", "", "Smit", "1950"),
        ],
    )
    out = tmp_path / "results.csv"
    assert match_eval([str(registry), str(inquiries), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0] == {
        "inquiry_id": "q1",
        "rank": "1",
        "person_id": "father",
        "score": rows[0]["score"],
        "decision": "match",
    }
    assert [r["rank"] for r in rows if r["inquiry_id"] == "q1"] == [
        str(i) for i in range(1, len([r for r in rows if r["inquiry_id"] == "q1"]) + 1)
    ]
    printed = capsys.readouterr().out
    assert "index: 6 records built in" in printed and "p99" in printed


def test_match_eval_output_runs_no_formula_in_a_spreadsheet(tmp_path):
    registry = write_csv(
        tmp_path / "registry.csv",
        [Record('=HYPERLINK("http://x")', "Jan", "", "Smit", "1950-01-01", "M")],
    )
    inquiries = write_csv(
        tmp_path / "inquiries.csv",
        [Record("@SUM(A1)", "Jan", "", "Smit", "1950-01-01", "M")],
    )
    out = tmp_path / "results.csv"
    assert match_eval([str(registry), str(inquiries), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["inquiry_id"] == "'@SUM(A1)"
    assert rows[0]["person_id"] == '\'=HYPERLINK("http://x")'
    assert not any(v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values())


def test_match_eval_refuses_a_file_without_an_id_column(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("naam,achternaam\nJan,Smit\n", encoding="utf-8")
    assert match_eval([str(bad), str(bad), "--out", str(tmp_path / "o.csv")]) == 2
    assert "no 'id' column" in capsys.readouterr().err
