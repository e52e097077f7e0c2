"""The analyses' and the Q&A's pages: drafting from signals with the period preset, the goals
as structure, editing, approval, the print views; the Q&A list for the information line,
writing, approving, public, order, search; the tab's parts and the registry's link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.communication.models import Analysis, QAItem
from oranje.communication.services import analyses as analysis_services
from oranje.communication.services import qa as qa_services
from oranje.communication.tests.environment_factories import advisor, registry_officer, signal
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(world: World) -> Incident:
    found = start_incident(world, exercise=True)
    found.started_at = timezone.now() - dt.timedelta(hours=6)
    found.save()
    return found


@pytest.fixture
def writer(world: World) -> User:
    return advisor(world)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_new_analysis_is_preset_from_the_last_one_until_now_and_drafted_from_signals(
    incident: Incident, writer: User
) -> None:
    client = _client(writer)
    base = f"/incidenten/{incident.pk}/communicatie/analyses/"
    page = client.get(base + "nieuw/").content.decode()
    assert f'value="{_local(incident.started_at)}"' in page
    signal(
        incident,
        timezone.now() - dt.timedelta(hours=2),
        "Is de rook giftig?",
        topic="rook",
        goal="limit_harm",
        count=4,
    )
    response = client.post(
        base + "nieuw/",
        {
            "period_start": _local(timezone.now() - dt.timedelta(hours=3)),
            "period_end": _local(timezone.now()),
        },
    )
    analysis = Analysis.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{base}{analysis.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "Schadebeperking" in detail and "Informatievoorziening" in detail
    assert "rook (4×): “Is de rook giftig?”" in detail
    again = client.get(base + "nieuw/").content.decode()
    assert f'value="{_local(analysis.period_end)}"' in again


def test_a_bad_period_gets_a_400_naming_the_field(incident: Incident, writer: User) -> None:
    response = _client(writer).post(
        f"/incidenten/{incident.pk}/communicatie/analyses/nieuw/",
        {"period_start": _local(timezone.now()), "period_end": "gisteren"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["period_end"]
    response = _client(writer).post(
        f"/incidenten/{incident.pk}/communicatie/analyses/nieuw/",
        {
            "period_start": _local(timezone.now() - dt.timedelta(hours=1)),
            "period_end": _local(timezone.now() - dt.timedelta(hours=2)),
        },
    )
    assert response.status_code == 400
    assert "tot: het einde van de periode moet na het begin liggen." in response.content.decode()


def test_the_analyst_edits_then_approves_and_the_edit_page_closes(
    world: World, incident: Incident, writer: User
) -> None:
    analysis = analysis_services.analysis_draft(
        incident=incident,
        period_start=timezone.now() - dt.timedelta(hours=2),
        period_end=timezone.now(),
        actor=writer,
    )
    client = _client(writer)
    base = f"/incidenten/{incident.pk}/communicatie/analyses/{analysis.pk}/"
    response = client.post(
        base + "bewerken/",
        {
            "top_questions": "Betekenisgeving\n- rouw",
            "rumours": "",
            "mood": "Onrustig.",
            "advice": "- Burgemeester spreekt om 18:00.",
        },
    )
    assert response.status_code == 302
    assert client.post(base + "vaststellen/").status_code == 302
    analysis.refresh_from_db()
    assert analysis.status == "approved" and analysis.approved_by == writer
    detail = client.get(base).content.decode()
    assert "Vastgesteld: dit is wat is gerapporteerd" in detail
    assert "bewerken/" not in detail
    edit = client.get(base + "bewerken/")
    assert edit.status_code == 302
    client.post(base + "bewerken/", {"mood": "Anders."})
    analysis.refresh_from_db()
    assert analysis.mood == "Onrustig."
    printed = client.get(base + "afdrukken/").content.decode()
    assert "OEFENING" in printed and "Burgemeester spreekt om 18:00." in printed
    tab = _client(world.viewer).get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert "Laatste vastgestelde analyse" in tab
    assert "Onrustig." in tab


def test_a_viewer_reads_analyses_but_cannot_draft_or_approve(
    world: World, incident: Incident, writer: User
) -> None:
    analysis = analysis_services.analysis_draft(
        incident=incident,
        period_start=timezone.now() - dt.timedelta(hours=2),
        period_end=timezone.now(),
        actor=writer,
    )
    viewer = _client(world.viewer)
    base = f"/incidenten/{incident.pk}/communicatie/analyses/"
    assert viewer.get(base).status_code == 200
    assert viewer.get(f"{base}{analysis.pk}/").status_code == 200
    assert viewer.get(base + "nieuw/").status_code == 403
    assert viewer.post(f"{base}{analysis.pk}/vaststellen/").status_code == 403
    assert _client(world.outsider).get(f"{base}{analysis.pk}/").status_code == 404


def _item(incident: Incident, writer: User, question: str = "Is de rook giftig?") -> QAItem:
    return qa_services.qa_create(
        incident=incident, actor=writer, question=question, answer="Nee, wel hinderlijk."
    )


def test_the_qa_is_written_approved_made_public_and_ordered_through_the_pages(
    incident: Incident, writer: User
) -> None:
    client = _client(writer)
    base = f"/incidenten/{incident.pk}/communicatie/vragen/"
    bad = client.post(base + "nieuw/", {"question": "", "answer": "Ja."})
    assert bad.status_code == 400
    assert "Vraag" in bad.content.decode()
    assert (
        client.post(
            base + "nieuw/", {"question": "Waar is de opvang?", "answer": "In het dorpshuis."}
        ).status_code
        == 302
    )
    first = QAItem.objects.get()
    second = _item(incident, writer)
    refused = client.post(f"{base}{first.pk}/publiek/", {"value": "1"}, follow=True)
    assert "alleen een vastgestelde vraag" in refused.content.decode()
    client.post(f"{base}{first.pk}/vaststellen/")
    client.post(f"{base}{first.pk}/publiek/", {"value": "1"})
    first.refresh_from_db()
    assert (first.status, first.public) == ("approved", True)
    client.post(f"{base}{second.pk}/volgorde/", {"position": "1"})
    page = client.get(base).content.decode()
    assert page.index("Is de rook giftig?") < page.index("Waar is de opvang?")
    client.post(f"{base}{first.pk}/", {"question": first.question, "answer": "In de sporthal."})
    first.refresh_from_db()
    assert first.answer == "In het dorpshuis."
    detail = client.get(f"{base}{first.pk}/").content.decode()
    assert "Wijziging wacht op vaststelling (versie 2)" in detail
    assert "In de sporthal." in detail


def test_the_information_line_reads_only_approved_answers_and_searches_them(
    world: World, incident: Incident, writer: User
) -> None:
    approved = _item(incident, writer, "Is het drinkwater veilig?")
    qa_services.qa_approve(item=approved, actor=writer)
    _item(incident, writer, "Concept: mag ik naar huis?")
    officer = _client(registry_officer(world))
    base = f"/incidenten/{incident.pk}/communicatie/vragen/"
    page = officer.get(base).content.decode()
    assert "Is het drinkwater veilig?" in page
    assert "mag ik naar huis" not in page
    assert "Nieuwe vraag" not in page
    assert "drinkwater" in officer.get(base + "?zoek=DRINKWATER").content.decode()
    assert "Niets gevonden" in officer.get(base + "?zoek=asbest").content.decode()
    printed = officer.get(base + "afdrukken/").content.decode()
    assert "Is het drinkwater veilig?" in printed and "mag ik naar huis" not in printed
    assert "OEFENING" in printed
    assert officer.post(base + "nieuw/", {"question": "x", "answer": "y"}).status_code == 403
    assert officer.post(f"{base}{approved.pk}/publiek/", {"value": "1"}).status_code == 403
    home = officer.get(f"/incidenten/{incident.pk}/registratie/").content.decode()
    assert "Vragen en antwoorden (Q&A)" in home
    assert base in home


def test_the_tab_counts_the_qa(world: World, incident: Incident, writer: User) -> None:
    item = _item(incident, writer)
    qa_services.qa_approve(item=item, actor=writer)
    qa_services.qa_set_public(item=item, actor=writer, public=True)
    _item(incident, writer, "Nog een?")
    qa_services.qa_update(item=item, actor=writer, question=item.question, answer="Ja.")
    page = _client(writer).get(f"/incidenten/{incident.pk}/communicatie/").content.decode()
    assert "1 vastgesteld, waarvan 1 op de publiekspagina." in page
    assert "1 concept." in page
    assert "1 wijziging van een vastgesteld antwoord wacht op vaststelling." in page


def test_a_closed_incident_takes_no_more_analyses_or_answers(
    incident: Incident, writer: User
) -> None:
    item = _item(incident, writer)
    analysis = analysis_services.analysis_draft(
        incident=incident,
        period_start=timezone.now() - dt.timedelta(hours=2),
        period_end=timezone.now(),
        actor=writer,
    )
    incident.closed_at = timezone.now()
    incident.save()
    client = _client(writer)
    base = f"/incidenten/{incident.pk}/communicatie/"
    refused = client.post(f"{base}analyses/{analysis.pk}/vaststellen/", follow=True)
    assert "is afgesloten op" in refused.content.decode()
    refused = client.post(f"{base}vragen/{item.pk}/vaststellen/", follow=True)
    assert "is afgesloten op" in refused.content.decode()
    response = client.post(f"{base}vragen/nieuw/", {"question": "Nog een?", "answer": "Ja."})
    assert response.status_code == 400
    analysis.refresh_from_db()
    item.refresh_from_db()
    assert (analysis.status, item.status) == ("draft", "draft")
    page = client.get(f"{base}vragen/").content.decode()
    assert "Nieuwe vraag" not in page
