"""Improvement actions and flexible scalings, the pages: the list with its filters and the
overdue ones marked in words, a new action prefilled from a red cell, the action's page with
its history (status, note, closing and reopening), a municipality's own people adding a
note, and the flexible scalings with the review form after the incident."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from oranje.core.models import User
from oranje.incidents.services import incident_end_acute
from oranje.incidents.tests.factories import scale, start_incident
from oranje.organisation.tests.factories import World
from oranje.quality.models import ImprovementAction, ScalingReview
from oranje.quality.tests.actions_helpers import (
    Norms,
    flexible_incident,
    make_action,
    monitor,
    norm_sets,
    red_coverage,
)

pytestmark = pytest.mark.django_db

LIST = "/kwaliteit/verbeteracties/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def norms(world: World) -> Norms:
    return norm_sets(world)


@pytest.fixture
def qm(world: World) -> User:
    return monitor(world.region)


def test_the_list_marks_overdue_in_words_and_filters(world: World, norms: Norms, qm: User) -> None:
    make_action(qm, world, norms, title="Tweede CPG werven")
    late = make_action(qm, world, norms, title="Piketrooster Velsen", municipality=world.velsen)
    ImprovementAction.objects.filter(pk=late.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=3)
    )
    client = _client(qm)
    page = client.get(LIST).content.decode()
    assert "Tweede CPG werven" in page and "Piketrooster Velsen" in page
    assert "over de deadline" in page and "Acties over de deadline: 1." in page
    only_late = client.get(LIST, {"verlopen": "on"}).content.decode()
    assert "Piketrooster Velsen" in only_late and "Tweede CPG werven" not in only_late
    haarlem = client.get(LIST, {"gemeente": world.haarlem.pk}).content.decode()
    assert "Tweede CPG werven" in haarlem and "Piketrooster Velsen" not in haarlem
    closed = client.get(LIST, {"status": "closed"}).content.decode()
    assert "Geen verbeteracties (met dit filter)." in closed
    by_norm = client.get(LIST, {"norm": norms.national.pk}).content.decode()
    assert "Tweede CPG werven" not in by_norm
    # A bad filter value is ignored, never a 500.
    assert client.get(LIST, {"gemeente": "x", "norm": "9" * 30, "status": "?"}).status_code == 200


def test_a_new_action_is_prefilled_from_a_red_cell(world: World, norms: Norms, qm: User) -> None:
    client = _client(qm)
    url = f"{LIST}nieuw/?norm={norms.regional.pk}&gemeente={world.haarlem.pk}&periode=2026-Q3"
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{norms.regional.pk}" selected>' in page
    assert f'<option value="{world.haarlem.pk}" selected>' in page
    assert 'value="2026-Q3"' in page and "Voor het tekort" in page
    # Another region's norm or municipality is not prefilled; a bad id is a 400.
    foreign = client.get(f"{LIST}nieuw/?norm={norms.foreign.pk}").content.decode()
    assert f'value="{norms.foreign.pk}"' not in foreign
    assert client.get(f"{LIST}nieuw/?norm=abc").status_code == 400


def test_saving_a_new_action_shows_it_in_the_list(world: World, norms: Norms, qm: User) -> None:
    client = _client(qm)
    deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        f"{LIST}nieuw/",
        {
            "norm": norms.regional.pk,
            "municipality": world.haarlem.pk,
            "period": "2026-Q3",
            "title": "Tweede CPG werven",
            "owner": world.haarlem_coordinator.pk,
            "owner_name": "",
            "deadline": deadline,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == LIST
    page = response.content.decode()
    assert "Verbeteractie “Tweede CPG werven” opgeslagen." in page
    action = ImprovementAction.objects.get()
    assert (action.year, action.quarter, action.owner) == (2026, 3, world.haarlem_coordinator)


def test_a_bad_new_action_names_the_fields(world: World, norms: Norms, qm: User) -> None:
    response = _client(qm).post(
        f"{LIST}nieuw/",
        {"norm": norms.foreign.pk, "period": "2026-Q5", "title": "", "deadline": "2001-01-01"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Norm: kies er een uit de lijst." in page
    assert "Periode: gebruik een kwartaal" in page
    assert not ImprovementAction.objects.exists()
    response = _client(qm).post(
        f"{LIST}nieuw/",
        {"title": "Iets", "deadline": "2020-01-01", "owner_name": ""},
    )
    page = response.content.decode()
    assert "deadline: kies een dag van" in page and "eigenaar: geef aan wie" in page


def test_the_action_page_changes_status_notes_closes_and_reopens(
    world: World, norms: Norms, qm: User
) -> None:
    action = make_action(qm, world, norms)
    client = _client(qm)
    url = f"{LIST}{action.pk}/"
    assert "Geschiedenis" in client.get(url).content.decode()
    client.post(url, {"status": "in_progress", "note": "Vacature uitgezet", "result": ""})
    refused = client.post(url, {"status": "closed", "note": "", "result": ""})
    assert refused.status_code == 400
    assert "resultaat: geef aan wat de actie heeft opgeleverd" in refused.content.decode()
    client.post(url, {"status": "closed", "note": "", "result": "CPG aangesteld"})
    action.refresh_from_db()
    assert action.status == "closed" and action.closed_at is not None
    page = client.get(url).content.decode()
    assert "Vacature uitgezet" in page and "CPG aangesteld" in page
    client.post(url, {"status": "open", "note": "Weer vertrokken", "result": "CPG aangesteld"})
    action.refresh_from_db()
    assert action.status == "open" and action.closed_at is None


def test_the_edit_page_changes_the_fields(world: World, norms: Norms, qm: User) -> None:
    action = make_action(qm, world, norms)
    client = _client(qm)
    url = f"{LIST}{action.pk}/bewerken/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "norm": norms.regional.pk,
            "municipality": world.velsen.pk,
            "period": "2026",
            "title": "Anders",
            "owner_name": "Burgemeester",
            "deadline": action.deadline.isoformat(),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.municipality, action.year, action.quarter) == (
        "Anders",
        world.velsen,
        2026,
        None,
    )


def test_a_municipalitys_own_people_read_and_add_a_note(
    world: World, norms: Norms, qm: User
) -> None:
    own = make_action(qm, world, norms)
    other = make_action(qm, world, norms, municipality=world.velsen)
    client = _client(world.haarlem_coordinator)
    # Their municipal view lists the action and links to its page.
    municipal = client.get(f"/kwaliteit/gemeente/{world.haarlem.pk}/").content.decode()
    assert f'href="{LIST}{own.pk}/"' in municipal and f'href="{LIST}{other.pk}/"' not in municipal
    page = client.get(f"{LIST}{own.pk}/").content.decode()
    assert f'href="/kwaliteit/gemeente/{world.haarlem.pk}/"' in page
    assert "Notitie toevoegen" in page and 'name="status"' not in page
    assert client.post(f"{LIST}{own.pk}/", {"note": "Kandidaat gevonden"}).status_code == 302
    # A status sent along is not theirs to change: the form has no such field.
    client.post(f"{LIST}{own.pk}/", {"note": "Klaar", "status": "closed", "result": "x"})
    own.refresh_from_db()
    assert own.status == "open" and own.updates.count() == 3
    assert client.get(f"{LIST}{other.pk}/").status_code == 403
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{own.pk}/bewerken/").status_code == 403


# ---------------------------------------------------------------- flexible scalings


def test_the_scalings_page_shows_real_and_exercise_apart_with_their_history(
    world: World, qm: User
) -> None:
    real = flexible_incident(world, title="Dijkdoorbraak")
    exercise = flexible_incident(world, exercise=True, title="Oefening Zandvoort")
    grip = start_incident(world, title="Brand zonder flex")
    scale(world, grip, 1)
    incident_end_acute(actor=world.coordinator, incident=real)
    page = _client(qm).get("/kwaliteit/opschalingen/").content.decode()
    assert "Dijkdoorbraak" in page and "Oefening Zandvoort" in page
    assert "Brand zonder flex" not in page
    assert page.index("Dijkdoorbraak") < page.index("Oefeningen (OEFENING)")
    assert page.index("Oefeningen (OEFENING)") < page.index("Oefening Zandvoort")
    assert "OEFENING</span>" in page
    assert "Burgemeester Velsen" in page and "Alleen een CoPI nodig" in page
    # The review form for the incident whose acute phase ended only.
    assert f"/kwaliteit/opschalingen/{real.pk}/beoordeling/" in page
    assert f"/kwaliteit/opschalingen/{exercise.pk}/beoordeling/" not in page
    assert "De beoordeling volgt zodra de acute fase is beëindigd." in page


def test_a_review_is_saved_and_shown(world: World, qm: User) -> None:
    incident = flexible_incident(world)
    incident_end_acute(actor=world.coordinator, incident=incident)
    client = _client(qm)
    url = f"/kwaliteit/opschalingen/{incident.pk}/beoordeling/"
    bad = client.post(url, {"wise": "yes", "legitimate": "no", "reasoning": ""})
    assert bad.status_code == 400 and "Dit veld is vereist." in bad.content.decode()
    response = client.post(
        url,
        {
            "wise": "yes",
            "legitimate": "partly",
            "reasoning": "Passend, mandaat niet vastgelegd.",
            "board_meeting_on": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Passend, mandaat niet vastgelegd." in page and "Beoordeling wijzigen" in page
    assert ScalingReview.objects.get().legitimate == "partly"


def test_an_incident_that_never_scaled_flexibly_is_refused_in_words(world: World, qm: User) -> None:
    grip = start_incident(world, title="Brand")
    scale(world, grip, 1)
    incident_end_acute(actor=world.coordinator, incident=grip)
    response = _client(qm).post(
        f"/kwaliteit/opschalingen/{grip.pk}/beoordeling/",
        {"wise": "yes", "legitimate": "yes", "reasoning": "x"},
    )
    assert response.status_code == 400
    assert "nooit flexibel opgeschaald" in response.content.decode()
    assert not ScalingReview.objects.exists()


def test_a_red_cell_of_the_monitoring_links_to_a_prefilled_action(world: World, qm: User) -> None:
    """The world of the browser test, without the browser: the region view shows Haarlem's
    CPG coverage below the bandbreedte with a link to this part's form, prefilled."""
    red = red_coverage(world)
    page = _client(qm).get("/kwaliteit/").content.decode()
    link = (
        f"/kwaliteit/verbeteracties/nieuw/?norm={red.norm.pk}&amp;gemeente={world.haarlem.pk}"
        f"&amp;periode={red.period.slug}"
    )
    assert link in page, page
    form = _client(qm).get(link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{red.norm.pk}" selected>' in form
