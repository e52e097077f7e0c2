"""Results: the response rate (code responses per letter; the open link counted apart), the
answers per question (chart with a table), the breakdown by postcode area and by shelter,
the free-text answers with a word overview, the filters, the CSV export (audited, formulas
made text) and "use as evidence" for a finding of an evaluation of the same incident."""

from __future__ import annotations

import pytest
from django.utils import timezone

from oranje.core.models import AuditEntry
from oranje.learning import selectors_surveys as selectors
from oranje.learning.models import Evidence, Invitation, Survey
from oranje.learning.services import evaluations
from oranje.learning.tests.surveys_helpers import client_for, make_survey, respond
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


def _fill(survey: Survey) -> None:
    now = timezone.now()
    for n in range(10):
        Invitation.objects.create(
            survey=survey,
            code_hash=f"h{n}",
            postcode_area="1951" if n < 6 else "1952",
            letter_made_at=now,
            used_at=now if n < 4 else None,
        )
    for _n in range(3):
        respond(
            survey,
            {
                "informed_in_time": "in_time",
                "sources": ["nl_alert", "radio_tv"],
                "felt_helped": "4",
                "shelter": "yes",
                "comments": "De informatie via NL-Alert kwam snel, de opvang was goed geregeld.",
            },
            channel="code",
            area="1951",
            shelter="yes",
        )
    respond(
        survey,
        {
            "informed_in_time": "late",
            "sources": ["people"],
            "felt_helped": "2",
            "comments": '=HYPERLINK("http://x") informatie kwam te laat',
        },
        channel="code",
        area="1952",
        shelter="no",
    )
    respond(
        survey,
        {"informed_in_time": "no", "felt_helped": "1", "comments": "Geen informatie gekregen."},
        channel="open",
        area="1951",
    )


def test_counts_rate_and_answers_per_question(world: World) -> None:
    survey = make_survey(world)
    _fill(survey)
    total = selectors.counts(survey)
    assert (total.letters, total.code_responses, total.open_responses) == (10, 4, 1)
    assert total.rate == pytest.approx(40.0)
    results = {
        r.question.code: r
        for r in selectors.question_results(survey, selectors.filtered_responses(survey))
    }
    informed = results["informed_in_time"]
    assert informed.answered == 5
    assert [(b.value, b.count) for b in informed.bars] == [("in_time", 3), ("late", 1), ("no", 1)]
    assert informed.summary == "60% Ja, op tijd (n=5)"
    sources = results["sources"]
    assert sources.answered == 4
    nl_alert = next(b for b in sources.bars if b.value == "nl_alert")
    assert nl_alert.count == 3 and nl_alert.share == pytest.approx(75.0)
    helped = results["felt_helped"]
    assert helped.mean == pytest.approx((4 * 3 + 2 + 1) / 5)
    assert helped.summary == "gemiddeld 3,0 van 5 (n=5)"
    comments = results["comments"]
    assert comments.text_count == 5
    assert dict(comments.top_words)["informatie"] == 5
    assert "snel" not in dict(comments.top_words)  # a filler word, not a topic

    assert "postcode" not in results
    areas = {a.area: a for a in selectors.by_area(survey, selectors.filtered_responses(survey))}
    assert (areas["1951"].invitations, areas["1951"].responses, areas["1951"].code_responses) == (
        6,
        4,
        3,
    )
    assert areas["1951"].rate == pytest.approx(50.0) and areas["1951"].open_responses == 1
    # The shelter question's answers read as residents read them.
    assert [b.label for b in results["shelter"].bars] == ["Ja", "Nee"]
    shelters = {v: n for v, _label, n in selectors.by_shelter(selectors.filtered_responses(survey))}
    assert shelters == {"yes": 3, "no": 1, "": 1}


def test_the_page_shows_charts_with_tables_and_filters(world: World) -> None:
    survey = make_survey(world)
    _fill(survey)
    client = client_for(world.coordinator)
    page = client.get(f"/leren/enquetes/{survey.pk}/resultaten/").content.decode()
    assert 'role="img"' in page and "<caption" in page
    # No inline style (blocked by the CSP): the charts' size limit comes from a stylesheet.
    assert "style=" not in page[page.index("<main") :]
    assert "learning/survey_results.css" in page
    assert "respons 40%" in page
    assert "Meest gebruikte woorden" in page and "informatie" in page
    assert "Beantwoord via de open link" in page
    # Per area: the rate over answers by code only; open-link answers in their own column.
    table = page.split('id="by-area"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">Antwoorden via open link</th>' in table
    row = table.split('<th scope="row">1951</th>', 1)[1].split("</tr>", 1)[0]
    assert row == "<td>6</td><td>3</td><td>50%</td><td>1</td>"
    only = client.get(
        f"/leren/enquetes/{survey.pk}/resultaten/", {"area": "1952", "shelter": "no"}
    ).content.decode()
    assert "Gefilterd: 1 antwoorden." in only
    # One household's answers are not shown by a narrow filter.
    assert "Minder dan 5 antwoorden passen bij dit filter" in only
    assert "Geen informatie gekregen" not in only and "te laat" not in only
    bad = client.get(f"/leren/enquetes/{survey.pk}/resultaten/", {"area": "9999x"})
    assert bad.status_code == 400
    assert "Postcodegebied: kies er een uit de lijst." in bad.content.decode()


def test_the_export_is_one_row_per_response_audited_and_safe(world: World) -> None:
    survey = make_survey(world)
    _fill(survey)
    response = client_for(world.coordinator).get(f"/leren/enquetes/{survey.pk}/antwoorden.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = [line for line in text.split("\r\n") if line]
    assert len(lines) == 1 + 5
    header = lines[0].split(";")
    # One header row in Dutch: the questions' text, no English codes, no duplicate columns.
    assert header[:5] == ["antwoord", "kanaal", "dag", "postcodegebied", "Opvang"]
    assert "informed_in_time" not in lines[0] and "shelter" not in lines[0]
    assert len(header) == len(set(header))
    assert "Kreeg u op tijd informatie over wat er aan de hand was?" in lines[0]
    # Dutch answer labels, not codes.
    assert "in_time" not in text and "nl_alert" not in text
    assert "Ja, op tijd" in text and "in een opvanglocatie" in text
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    entry = AuditEntry.objects.get(action="survey.export")
    assert entry.changes == {"responses": 5}


def test_the_export_follows_the_page_filter_and_names_an_exercise(world: World) -> None:
    survey = make_survey(world)
    _fill(survey)
    client = client_for(world.coordinator)
    page = client.get(
        f"/leren/enquetes/{survey.pk}/resultaten/", {"area": "1952", "shelter": "no"}
    ).content.decode()
    assert f"/leren/enquetes/{survey.pk}/antwoorden.csv?area=1952&amp;shelter=no" in page
    only = client.get(
        f"/leren/enquetes/{survey.pk}/antwoorden.csv", {"area": "1952", "shelter": "no"}
    )
    lines = [line for line in only.content.decode("utf-8-sig").split("\r\n") if line]
    assert len(lines) == 1  # one response in 1952: too few to export apart, only the header
    # Unfiltered, an area with fewer than five responses is left empty in every row.
    everything = client.get(f"/leren/enquetes/{survey.pk}/antwoorden.csv").content.decode(
        "utf-8-sig"
    )
    assert "1951" not in everything and "1952" not in everything
    respond(
        survey, {"informed_in_time": "in_time", "felt_helped": "5"}, channel="open", area="1951"
    )
    everything = client.get(f"/leren/enquetes/{survey.pk}/antwoorden.csv").content.decode(
        "utf-8-sig"
    )
    assert everything.count(";1951;") == 5 and "1952" not in everything
    wide = client.get(f"/leren/enquetes/{survey.pk}/resultaten/", {"area": "1951"}).content.decode()
    assert "Minder dan 5 antwoorden" not in wide and "Geen informatie gekregen" in wide
    survey.incident.is_exercise = True
    survey.incident.save(update_fields=["is_exercise"])
    exercise = client.get(f"/leren/enquetes/{survey.pk}/antwoorden.csv")
    assert 'filename="OEFENING-enquete-' in exercise["Content-Disposition"]
    first = exercise.content.decode("utf-8-sig").split("\r\n")[0]
    assert first.startswith("antwoord;")  # the header, not an OEFENING line


def test_a_result_becomes_evidence_for_a_finding_of_the_same_incident(world: World) -> None:
    survey = make_survey(world)
    _fill(survey)
    evaluation = evaluations.evaluation_create(
        actor=world.coordinator,
        region=world.region,
        incident=survey.incident,
        title="Evaluatie brand Velsen-Noord",
    )
    finding = evaluations.finding_create(
        actor=world.coordinator,
        evaluation=evaluation,
        process="communication",
        kind="improve",
        text="Niet iedereen kreeg op tijd informatie.",
    )
    question = survey.questions.get(code="informed_in_time")
    client = client_for(world.coordinator)
    url = f"/leren/enquetes/{survey.pk}/vragen/{question.pk}/bewijs/"
    page = client.get(url).content.decode()
    assert "60% Ja, op tijd (n=5)" in page
    refused = client.post(url, {"summary": "60%"})
    assert refused.status_code == 400
    assert "Bevinding: kies de bevinding" in refused.content.decode()
    done = client.post(url, {"finding": finding.pk, "summary": "60% op tijd geïnformeerd (n=5)"})
    assert done.status_code == 302
    evidence = Evidence.objects.get(finding=finding)
    assert evidence.kind == "survey" and evidence.survey_question == question
    assert evidence.summary == "60% op tijd geïnformeerd (n=5)"
    # A finding of another incident's evaluation is not offered.
    other = make_survey(world)
    other_q = other.questions.get(code="informed_in_time")
    refused = client.post(
        f"/leren/enquetes/{other.pk}/vragen/{other_q.pk}/bewijs/",
        {"finding": finding.pk, "summary": "x"},
    )
    assert refused.status_code == 400
    assert "Er is nog geen bevinding in een evaluatie van dit incident" in refused.content.decode()
    assert Evidence.objects.count() == 1


def test_the_word_overview_leaves_out_filler_words() -> None:
    texts = [
        "Het duurde lang, pas na uren kwam de bus. Ik wist niet waarheen.",
        "Ik had graag eerder geweten waar de opvang was; het ging heel snel.",
        "Echt veel mensen wisten niets van de opvang, goed dat de bus kwam.",
    ]
    shown = dict(selectors.overview_words(texts))
    assert shown["opvang"] == 2 and shown["bus"] == 2
    for filler in ("lang", "pas", "graag", "wist", "wisten", "ging", "heel", "echt", "veel"):
        assert filler not in shown


def test_a_narrow_filter_withholds_the_area_and_shelter_breakdowns(world: World) -> None:
    """Fewer than five under a filter: only how many — no area or shelter table (with area
    1952's one household, the shelter table would tell its answer). A wider filter shows the
    tables but withholds the cells below five (with 'shelter: yes', area 1952 showing 1 would
    say that its one respondent was in a shelter). Page and API alike; unfiltered, the counts
    stay."""
    survey = make_survey(world)
    _fill(survey)
    for _n in range(3):  # 'yes' in 1951 reaches six: wide enough to show
        respond(survey, {"shelter": "yes"}, channel="open", area="1951", shelter="yes")
    respond(survey, {"shelter": "yes"}, channel="open", area="1952", shelter="yes")
    client = client_for(world.coordinator)
    url = f"/leren/enquetes/{survey.pk}/resultaten/"

    page = client.get(url, {"area": "1952"}).content.decode()
    assert 'id="by-shelter"' not in page and 'id="by-area"' not in page
    api = client.get(f"/api/v1/learning/surveys/{survey.pk}/results/", {"area": "1952"}).json()
    assert api["areas"] == [] and api["shelters"] == {} and api["questions"] == []
    assert api["filtered"]["responses"] == 2

    page = client.get(url, {"shelter": "yes"}).content.decode()
    area_table = page.split('id="by-area"', 1)[1].split("</table>", 1)[0]
    row_1952 = area_table.split(">1952<", 1)[1].split("</tr>", 1)[0]
    assert "niet getoond" in row_1952 and "<td>1</td>" not in row_1952
    row_1951 = area_table.split(">1951<", 1)[1].split("</tr>", 1)[0]
    assert "<td>3</td>" in row_1951  # 3 by code and 3 open: six, shown
    api = client.get(f"/api/v1/learning/surveys/{survey.pk}/results/", {"shelter": "yes"}).json()
    by_area = {a["area"]: a for a in api["areas"]}
    assert by_area["1952"]["responses"] is None and by_area["1952"]["letters"] == 4
    assert by_area["1951"]["responses"] == 6

    whole = client.get(f"/api/v1/learning/surveys/{survey.pk}/results/").json()
    assert {a["area"]: a["responses"] for a in whole["areas"]}["1952"] == 2
    assert whole["shelters"]["no"] == 1
