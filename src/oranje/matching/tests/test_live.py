"""Issue 11: more matches where one candidate stands alone, none where two fit, and nobody
registered left unfound."""

from oranje.matching import Index, Record
from oranje.matching.tests.test_engine import FAMILY

OTHERS = [
    Record(f"o{i}", given, "", surname, f"19{50 + i}-0{1 + i % 9}-1{i % 9}", sex, city="Haarlem")
    for i, (given, surname, sex) in enumerate(
        [
            ("Cornelis", "Oosterhuis", "M"),
            ("Maria", "Timmermans", "V"),
            ("Geertruida", "Willems", "V"),
            ("Theodorus", "Kuipers", "M"),
            ("Anna", "Claassen", "V"),
        ]
    )
]


def decisions(index: Index, record: Record) -> list[tuple[str, str]]:
    return [(c.person_id, c.decision) for c in index.query(record)]


class Threshold(Index):
    """An index whose match threshold is set by hand: the year-only rule works just under it."""

    threshold = 0.0

    @property
    def match_threshold(self) -> float:
        return self.threshold


ASKED = Record("q", "Cornelis", "", "Oosterhuis", "1950", "M", city="Haarlem")


def test_a_year_of_birth_alone_is_a_match_when_no_other_candidate_comes_close():
    index = Threshold([*FAMILY, *OTHERS])
    score = index.query(ASKED)[0].score
    index.threshold = score + 0.3  # short by 0.3: within PARTIAL_DATE_RELIEF
    found = index.query(ASKED)
    assert (found[0].person_id, found[0].decision) == ("o0", "match")
    assert "geen andere kandidaat komt in de buurt" in found[0].reasons[-1]
    index.threshold = score + 0.7  # short by more
    assert index.query(ASKED)[0].decision == "possible"


def test_a_year_of_birth_alone_is_no_match_when_a_namesake_of_that_year_is_registered():
    namesake = Record("o0-bis", "Cornelis", "", "Oosterhuis", "1950-11-30", "M", city="Haarlem")
    index = Threshold([*FAMILY, *OTHERS, namesake])
    index.threshold = index.query(ASKED)[0].score + 0.3
    assert {d for _p, d in decisions(index, ASKED)} == {"possible"}


def test_two_namesakes_born_the_same_day_are_both_only_possible():
    twin_name = Record("o1-bis", "Maria", "", "Timmermans", OTHERS[1].birth_date, "V")
    index = Index([*OTHERS, twin_name])
    asked = Record("q", "Maria", "", "Timmermans", OTHERS[1].birth_date)
    found = index.query(asked)
    assert {c.person_id for c in found[:2]} == {"o1", "o1-bis"}
    assert all(c.decision == "possible" for c in found)
    assert "naamgenoot of dubbel geregistreerd" in found[0].reasons[-1]


def test_a_surname_registered_with_a_typo_is_found_by_year_of_birth():
    index = Index([*FAMILY, *OTHERS])
    assert "o3" in [c.person_id for c in index.query(Record("q", "Theo", "", "Kuiprs", "1953"))]


def test_a_known_name_for_an_official_name_registered_with_a_typo():
    mistyped = Record("g", "Geetrruida", "", "Willems", "1951-03-12", "V", city="Zandvoort")
    index = Index([*FAMILY, mistyped])
    found = index.query(Record("q", "Ger", "", "Willems", "", "", city="Zandvoort"))
    assert found[0].person_id == "g"
    assert "'ger' is een bekende naam voor 'geertruida', hier 'geetrruida'" in found[0].reasons[0]


def test_weak_candidates_fill_the_list_to_five_so_a_registered_person_shows():
    index = Index(FAMILY)
    # Another given name and another sex: little agrees, but it is the only lead.
    found = index.query(Record("q", "Kees", "", "Bakker", "", "V", city="Zandvoort"))
    assert found and found[0].person_id == "other"
    assert found[0].reasons[0].startswith("zwakke kandidaat")
    assert found[0].score < 4.0


def test_glued_prefixes_with_an_apostrophe_are_read_off():
    hof = Record("h", "Julia", "van 't", "Hof", "1987-06-12", "V", city="Haarlem")
    index = Index([*OTHERS, hof])
    assert index.query(Record("q", "Julia", "", "Van'thof", city="Haarlem"))[0].person_id == "h"
