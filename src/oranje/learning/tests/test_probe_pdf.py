"""Probe: the room's PDFs (evaluation report, letters, impression report) and SVG charts
with hostile text at the longest length allowed: words without spaces, emoji, right-to-left
text, control characters, markup. Every document is made (no exception), and a chart
label's markup comes out escaped."""

from __future__ import annotations

import datetime as dt

import pytest

from oranje.core.models import User
from oranje.learning.constants import NAME_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX
from oranje.learning.models import Invitation
from oranje.learning.selectors_surveys import Bar
from oranje.learning.services import dossier as dossier_services
from oranje.learning.services import evaluations as services
from oranje.learning.services import reports as report_services
from oranje.learning.services import sessions as session_services
from oranje.learning.sessions_report import impression_report
from oranje.learning.surveys_charts import bars_svg
from oranje.learning.surveys_letters import letters_pdf
from oranje.learning.tests import evaluations_helpers as h
from oranje.learning.tests.public_world import make_survey
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db

NASTY = "<script>alert(1)</script> \U0001f525 \u202eעברית\u202c \x07\x1b[31m ĳ Ω € ‘’ \r\n\t"


def _long(limit: int) -> str:
    """The longest text allowed: a hostile head, then one word without spaces."""
    return (NASTY + "W" * limit)[:limit]


def _words(limit: int) -> str:
    return (NASTY + " ".join(["Zeerlangwoordzonderspatie" * 8] * 200))[:limit]


def test_evaluation_report_with_hostile_text(world: World) -> None:
    s = h.scene(world)
    e = h.evaluation(world, s, title=_long(TITLE_MAX), summary=_words(TEXT_MAX))
    services.participant_add(
        actor=world.coordinator,
        evaluation=e,
        name=_long(NAME_MAX),
        role=_long(NAME_MAX),
        organisation=_long(NAME_MAX),
    )
    for text in (_long(TEXT_MAX), _words(TEXT_MAX)):
        f = h.finding(world, e, text=text)
        services.evidence_add(
            actor=world.coordinator,
            finding=f,
            kind="log",
            log_entry=s.line,
            summary=_long(TITLE_MAX),
            note=_long(NOTE_MAX),
        )
    pdf = report_services.evaluation_report_pdf(actor=world.coordinator, evaluation=e)
    assert pdf.startswith(b"%PDF")


def test_impression_report_with_hostile_text(world: World) -> None:
    session = session_services.work_session_create(
        actor=world.coordinator,
        title=_long(TITLE_MAX),
        held_on=dt.date(2015, 11, 12),
        host_region=world.region,
        regions=[world.other_region],
        place=_long(100),
        description=_words(TEXT_MAX),
    )
    for kind, text in (("question", _long(TEXT_MAX)), ("practice", _words(TEXT_MAX))):
        dossier_services.entry_create(
            actor=world.coordinator,
            region=world.region,
            theme="on_call",
            kind=kind,
            title=_long(TITLE_MAX),
            text=text,
            work_session=session,
        )
    assert impression_report(session).startswith(b"%PDF")


def test_letters_with_hostile_addresses(world: World, django_user_model: type[User]) -> None:
    made = make_survey(invitations=2, title=_long(TITLE_MAX))
    invitations = list(Invitation.objects.filter(survey=made.survey))
    for invitation in invitations:
        invitation.street = _long(120)
        invitation.place = _long(120)
    pairs = list(zip(invitations, made.codes, strict=True))
    assert letters_pdf(made.survey, pairs).startswith(b"%PDF")


def test_chart_label_markup_is_escaped() -> None:
    svg = bars_svg(
        [Bar(value="x", label='<script>alert(1)</script>"&', count=1, share=100.0)],
        title="</title><script>alert(2)</script>",
        desc="<desc>\x00\x07",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
