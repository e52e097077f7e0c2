"""The evaluation report, as PDF and as print page: the title page, method and participants,
findings per process with their evidence and the pattern each belongs to ("seen in 3
incidents in 2 regions" / "seen once"), the improvement actions with owner, deadline and
status; OEFENING for an exercise; reading it audited; and who may have it."""

from __future__ import annotations

import datetime as dt
import re
import zlib

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.models import AuditEntry, User
from oranje.learning.models import Evidence, Participant
from oranje.learning.services.patterns import patterns_compute
from oranje.learning.tests.patterns_world import Recurring, monitor, recurring
from oranje.organisation.tests.factories import World
from oranje.quality.models import ImprovementAction

pytestmark = pytest.mark.django_db


def pdf_text(document: bytes) -> str:
    """The text drawn on the pages (fpdf2 compresses each page's content stream)."""
    assert document.startswith(b"%PDF-")
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", document, re.S):
        try:
            out.append(zlib.decompress(raw).decode("cp1252"))
        except zlib.error:
            continue
    return "\n".join(out).replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def r(world: World) -> Recurring:
    found = recurring(world)
    here = found.here
    here.methods = ["debrief", "conversations"]
    here.held_on = dt.date(2026, 3, 12)
    here.save()
    Participant.objects.create(
        evaluation=here, name="Mira Jansen", role="CPG", organisation="Velsen"
    )
    Evidence.objects.create(
        finding=found.late[0],
        kind="time",
        milestone="first_message",
        summary="Eerste publieksbericht: 50 min, norm 30 min",
        note="volgens het logboek",
    )
    action = ImprovementAction.objects.create(
        region=world.region,
        title="Voorbereide berichten klaarzetten",
        owner_name="Communicatieadviseur Velsen",
        deadline=timezone.localdate() - dt.timedelta(days=2),
    )
    found.late[0].actions.add(action)
    patterns_compute()
    return found


def test_the_pdf_holds_method_participants_findings_evidence_patterns_and_actions(
    world: World, r: Recurring
) -> None:
    qm = monitor(world.region, "kim")
    response = _client(qm).get(f"/leren/evaluaties/{r.here.pk}/rapport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Evaluatie Gasstoring Velsen-Noord" in text
    assert "Gasstoring Velsen-Noord" in text and "evaluatierapport" in text
    assert "teamnabespreking, gesprekken" in text
    assert "Mira Jansen" in text and "Velsen" in text
    assert "Het eerste publieksbericht kwam pas na vijftig minuten." in text
    assert "Eerste publieksbericht: 50 min, norm 30 min" in text
    assert "Gezien bij 2 incidenten in 2 regio's" in text or "Gezien bij 3 incidenten" in text
    assert "Eenmalig gezien" in text
    assert "Voorbereide" in text and "klaarzetten" in text and "Communicatieadviseur" in text
    assert "(over de" in text and "deadline)" in text
    entry = AuditEntry.objects.get(action="evaluation.report")
    assert entry.actor == qm and entry.note == "pdf" and entry.object_id == str(r.here.pk)


def test_the_print_page_shows_the_same_and_is_audited(world: World, r: Recurring) -> None:
    response = _client(world.coordinator).get(f"/leren/evaluaties/{r.here.pk}/afdrukken/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mira Jansen" in page and "Eerste publieksbericht: 50 min, norm 30 min" in page
    assert "Eenmalig gezien" in page and "Voorbereide berichten klaarzetten" in page
    assert "learning/reports" in page  # the print style sheet
    assert AuditEntry.objects.filter(action="evaluation.report", note="print").count() == 1


def test_an_exercise_says_oefening_and_a_new_finding_is_not_grouped_yet(
    world: World, r: Recurring
) -> None:
    from oranje.learning.tests.patterns_world import finding

    finding(r.again, "De CoPI-ruimte was te klein voor alle partners.", process="advice")
    client = _client(world.coordinator)
    page = client.get(f"/leren/evaluaties/{r.again.pk}/afdrukken/").content.decode()
    assert "OEFENING" in page and "Nog niet gegroepeerd" in page
    text = pdf_text(client.get(f"/leren/evaluaties/{r.again.pk}/rapport.pdf").content)
    assert "OEFENING Brand Haarlem" in text


def test_outside_the_region_404_and_inside_without_the_right_403(
    world: World, r: Recurring
) -> None:
    assert (
        _client(world.outsider).get(f"/leren/evaluaties/{r.here.pk}/rapport.pdf").status_code == 404
    )
    assert _client(world.viewer).get(f"/leren/evaluaties/{r.here.pk}/afdrukken/").status_code == 403
    assert not AuditEntry.objects.filter(action="evaluation.report").exists()


def _word_spacing(document: bytes) -> list[float]:
    """The word spacings (`Tw`) the PDF sets: justified lines stretch their spaces."""
    return [float(w) for w in re.findall(r"(-?\d+(?:\.\d+)?) Tw", pdf_text(document))]


def test_table_cells_are_left_aligned_never_justified() -> None:
    from oranje.learning.reports.evaluation import _Doc

    doc = _Doc("Tabel")
    doc.add_page()
    long = "Bewonersbrief binnen twee uur na de eerste melding bij alle adressen bezorgd"
    doc.grid(["Actie", "Eigenaar"], [[long, long]], (30, 30))
    assert not [w for w in _word_spacing(bytes(doc.output())) if w != 0]
