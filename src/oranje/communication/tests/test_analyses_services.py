"""The environment analysis as a service: drafted from the period's signals, edited while a
draft, approved by someone who may communicate, never edited after."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oranje.communication import selectors_analyses as selectors
from oranje.communication.hooks_analyses import analysis_figures
from oranje.communication.models import Analysis, Message
from oranje.communication.services import analyses as services
from oranje.communication.services import qa as qa_services
from oranje.communication.tests.environment_factories import advisor, signal
from oranje.core.models import AuditEntry
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(world: World) -> Incident:
    found = start_incident(world)
    found.started_at = timezone.now() - dt.timedelta(hours=8)
    found.save()
    return found


def _ago(hours: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)


def _period_signals(incident: Incident) -> None:
    """Four hours ago until now: smoke most asked (limiting harm), then the school (informing),
    a rumour about carbon monoxide, one countered rumour; before that a calmer period."""
    signal(
        incident,
        _ago(3),
        "Is de rook giftig?",
        topic="Rook",
        goal="limit_harm",
        count=30,
        sentiment="negative",
    )
    signal(
        incident,
        _ago(2.5),
        "Mag ik naar buiten met de rook?",
        topic="rook",
        goal="limit_harm",
        count=5,
        sentiment="negative",
    )
    signal(incident, _ago(2), "Is de school morgen open?", topic="school", goal="inform", count=8)
    signal(
        incident, _ago(1), "Wie betaalt de schade?", goal="meaning", count=2, sentiment="negative"
    )
    signal(
        incident,
        _ago(1.5),
        "Er komt koolmonoxide vrij in de hele wijk",
        topic="koolmonoxide",
        rumour=True,
        count=12,
        sentiment="negative",
    )
    message = Message.objects.create(
        incident=incident,
        kind="public",
        title="Geen asbest",
        text="Er is geen asbest.",
        status="published",
        approved_at=_ago(1),
        published_at=_ago(1),
    )
    signal(
        incident,
        _ago(1.2),
        "Er zit asbest in de rook",
        topic="asbest",
        rumour=True,
        count=9,
        countered_by=message,
    )
    # The period before (8 to 4 hours ago): mostly positive, and an earlier, open rumour.
    signal(incident, _ago(6), "Goed geregeld", topic="opvang", sentiment="positive", count=10)
    signal(incident, _ago(5), "Het water is vergiftigd", topic="drinkwater", rumour=True, count=3)
    # After the period: not counted.
    signal(incident, timezone.now() + dt.timedelta(minutes=1), "Later", topic="later", count=99)


def test_a_draft_lists_the_most_asked_topics_with_their_counts_by_goal(
    world: World, incident: Incident
) -> None:
    _period_signals(incident)
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(4), period_end=timezone.now(), actor=advisor(world)
    )
    topics = selectors.top_topics(incident, analysis.period_start, analysis.period_end)
    assert [(t.label, t.count, t.goal) for t in topics] == [
        ("Rook", 35, "limit_harm"),
        ("school", 8, "inform"),
        ("Wie betaalt de schade?", 2, "meaning"),
    ]
    sections = {
        goal: lines for goal, _label, lines in selectors.goal_sections(analysis.top_questions)
    }
    assert sections["limit_harm"] == ["Rook (35×): “Is de rook giftig?”"]
    assert sections["inform"] == ["school (8×): “Is de school morgen open?”"]
    assert sections["meaning"] == ["Wie betaalt de schade? (2×)"]
    assert analysis.status == "draft"
    assert AuditEntry.objects.filter(action="analysis.save", object_id=str(analysis.pk)).exists()


def test_a_draft_names_the_rumours_nobody_countered_yet(world: World, incident: Incident) -> None:
    _period_signals(incident)
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(4), period_end=timezone.now(), actor=advisor(world)
    )
    lines = analysis.rumours.splitlines()
    assert lines[0].startswith("- koolmonoxide: 12× in deze periode")
    assert lines[1] == "- drinkwater: niet in deze periode, 3× eerder: “Het water is vergiftigd”"
    assert "asbest" not in analysis.rumours  # countered by a published message
    assert "Weerspreek het gerucht over ‘koolmonoxide’" in analysis.advice
    assert "Geef handelingsperspectief bij ‘Rook’" in analysis.advice


def test_the_mood_says_how_it_moved_since_the_period_before(
    world: World, incident: Incident
) -> None:
    _period_signals(incident)
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(4), period_end=timezone.now(), actor=advisor(world)
    )
    first, second = analysis.mood.splitlines()
    # 49 negative of 66 signals; the period before: 10 positive and 3 neutral.
    assert first == "Overwegend negatief (74% negatief, 26% neutraal, 0% positief van 66 signalen)."
    assert second == "Negatiever dan de periode ervoor (toen 0% negatief)."
    assert "De stemming wordt negatiever" in analysis.advice


def test_a_period_without_signals_says_so(world: World, incident: Incident) -> None:
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(4), period_end=timezone.now(), actor=advisor(world)
    )
    assert analysis.top_questions == "Geen vragen in deze periode."
    assert analysis.mood == "Geen signalen in deze periode."


def test_an_answer_already_in_the_qa_is_not_advised_again(world: World, incident: Incident) -> None:
    _period_signals(incident)
    writer = advisor(world)
    item = qa_services.qa_create(
        incident=incident, actor=writer, question="Is de school morgen open?", answer="Ja."
    )
    qa_services.qa_approve(item=item, actor=writer)
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(4), period_end=timezone.now(), actor=writer
    )
    school = next(line for line in analysis.advice.splitlines() if "‘school’" in line)
    assert "Q&A" not in school
    smoke = next(line for line in analysis.advice.splitlines() if "‘Rook’" in line)
    assert "Neem het op in de Q&A" in smoke


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        (2, 3, "period_end", "na het begin"),
        (40, 1, "period_start", "een dag voor het begin van het incident"),
        (2, -1, "period_end", "toekomst"),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(
    world: World, incident: Incident, start: float, end: float, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.analysis_draft(
            incident=incident, period_start=_ago(start), period_end=_ago(end), actor=advisor(world)
        )
    assert words in " ".join(caught.value.message_dict[field])
    assert not Analysis.objects.exists()


def test_only_those_who_may_communicate_draft_and_approve(world: World, incident: Incident) -> None:
    with pytest.raises(PermissionDenied):
        services.analysis_draft(
            incident=incident, period_start=_ago(2), period_end=_ago(1), actor=world.viewer
        )
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(2), period_end=_ago(1), actor=world.coordinator
    )
    with pytest.raises(PermissionDenied):
        services.analysis_approve(analysis=analysis, actor=world.functionary)
    with pytest.raises(PermissionDenied):
        services.analysis_approve(analysis=analysis, actor=world.outsider)


def test_a_draft_is_edited_and_once_approved_no_longer(world: World, incident: Incident) -> None:
    writer, approver = advisor(world), world.coordinator
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(2), period_end=_ago(1), actor=writer
    )
    texts = services.AnalysisTexts(
        top_questions="Informatievoorziening\n- rook (3×)",
        rumours="",
        mood="Onrustig.",
        advice="- Persconferentie om 18:00.",
    )
    analysis = services.analysis_update(analysis=analysis, actor=writer, texts=texts)
    assert analysis.mood == "Onrustig."
    analysis = services.analysis_approve(analysis=analysis, actor=approver)
    assert analysis.status == "approved"
    assert analysis.approved_by == approver
    assert analysis.approved_at is not None
    assert analysis.approved_by_name == approver.get_username()
    assert AuditEntry.objects.filter(action="analysis.approve", object_id=str(analysis.pk)).exists()
    with pytest.raises(ValidationError) as caught:
        services.analysis_update(
            analysis=analysis,
            actor=writer,
            texts=services.AnalysisTexts("x", "x", "Anders.", "x"),
        )
    assert "status" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.analysis_approve(analysis=analysis, actor=approver)
    analysis.refresh_from_db()
    assert analysis.mood == "Onrustig."


def test_an_empty_analysis_is_not_approved(world: World, incident: Incident) -> None:
    writer = advisor(world)
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(2), period_end=_ago(1), actor=writer
    )
    analysis = services.analysis_update(
        analysis=analysis, actor=writer, texts=services.AnalysisTexts("", "", "", "")
    )
    with pytest.raises(ValidationError) as caught:
        services.analysis_approve(analysis=analysis, actor=writer)
    assert "stemming" in caught.value.message_dict["mood"][0]


def test_too_long_a_text_is_refused_naming_the_field(world: World, incident: Incident) -> None:
    writer = advisor(world)
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(2), period_end=_ago(1), actor=writer
    )
    with pytest.raises(ValidationError) as caught:
        services.analysis_update(
            analysis=analysis, actor=writer, texts=services.AnalysisTexts("", "", "", "x" * 4001)
        )
    assert caught.value.message_dict["advice"][0].startswith(
        "advies aan de crisisstaf: ten hoogste"
    )


def test_the_latest_approved_analysis_is_a_figure_of_the_situation_report(
    world: World, incident: Incident
) -> None:
    writer = advisor(world)
    assert analysis_figures(incident) == []
    first = services.analysis_draft(
        incident=incident, period_start=_ago(4), period_end=_ago(2), actor=writer
    )
    services.analysis_update(
        analysis=first,
        actor=writer,
        texts=services.AnalysisTexts("", "", "Rustig.", "- Niets bijzonders."),
    )
    services.analysis_approve(analysis=first, actor=writer)
    second = services.analysis_draft(
        incident=incident, period_start=_ago(2), period_end=_ago(1), actor=writer
    )
    (figure,) = analysis_figures(incident)  # the second is a draft: the first still counts
    assert figure.label.startswith("Omgevingsanalyse (")
    assert figure.value == "stemming: Rustig.; advies: Niets bijzonders."
    services.analysis_update(
        analysis=second,
        actor=writer,
        texts=services.AnalysisTexts("", "", "Onrustig.\nMeer vragen.", "- Persconferentie."),
    )
    services.analysis_approve(analysis=second, actor=writer)
    (figure,) = analysis_figures(incident)
    assert figure.value == "stemming: Onrustig.; advies: Persconferentie."
    assert selectors.next_period_start(incident) == second.period_end


def test_headings_group_the_top_questions_by_goal_as_the_analyst_wrote_them() -> None:
    text = "- los\nSchadebeperking:\n- ramen dicht\n\nbetekenisgeving\n• rouw\nOverige vragen\n- x"
    sections = selectors.goal_sections(text)
    assert sections == [
        ("inform", "informatievoorziening", []),
        ("limit_harm", "schadebeperking", ["ramen dicht"]),
        ("meaning", "betekenisgeving", ["rouw"]),
        ("", "", ["los", "x"]),
    ]


def test_the_situation_report_carries_the_analysis_in_its_figures_and_pdf(
    world: World, incident: Incident
) -> None:
    from oranje.incidents.reports import report_pdf
    from oranje.incidents.services.reports import report_prefill

    writer = advisor(world)
    analysis = services.analysis_draft(
        incident=incident, period_start=_ago(3), period_end=_ago(1), actor=writer
    )
    long_advice = "- " + "Zeg wat mensen moeten doen bij rook en houd de ramen dicht. " * 3
    services.analysis_update(
        analysis=analysis,
        actor=writer,
        texts=services.AnalysisTexts("", "", "Overwegend negatief.", long_advice),
    )
    services.analysis_approve(analysis=analysis, actor=writer)
    _summary, _sections, figures = report_prefill(incident)
    (label,) = [k for k in figures if k.startswith("Omgevingsanalyse (")]
    assert figures[label].startswith("stemming: Overwegend negatief.; advies: Zeg wat mensen")
    assert figures[label].endswith("…")  # the first line, cut at 160 characters
    report = incident.reports.create(version=1, summary="", sections={}, figures=figures)
    assert report_pdf(report).startswith(b"%PDF")
