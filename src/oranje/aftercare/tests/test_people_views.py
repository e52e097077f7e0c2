"""The page of the people who came: the list for everyone who sees the incident (as the alert
board), the print view (OEFENING for an exercise), the lead's thank-you form and rerun, the
delivery counts, and the count with a link on the aftercare tab."""

from __future__ import annotations

import pytest
from django.test import Client

from oranje.aftercare.models import ThankYou, ThankYouItem
from oranje.aftercare.tests.people_helpers import answered, arrived
from oranje.alerting.constants import Answer
from oranje.incidents import services as incidents
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World
from oranje.readiness.models import Activity

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _incident(world: World, *, exercise: bool = False, end: bool = True) -> Incident:
    incident = start_incident(world, exercise=exercise, title="Gasstoring Velsen-Noord")
    arrived(incident, world.officers[0], world.ovd, hours_ago=2)
    arrived(incident, world.contacts[0], world.cpg, hours_ago=1)
    answered(incident, world.officers[1], world.ovd, Answer.DECLINED)
    if end:
        incident = incidents.incident_end_acute(actor=world.coordinator, incident=incident)
    return incident


def test_everyone_who_sees_the_incident_sees_who_came(world: World) -> None:
    incident = _incident(world)
    url = f"/incidenten/{incident.pk}/nafase/inzet/"
    page = _client(world.viewer).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wie er kwamen" in html
    assert world.officers[0].full_name in html and world.contacts[0].full_name in html
    assert world.officers[1].full_name not in html  # declined
    assert "OVD-BZ" in html and "2.0" in html.replace(",", ".")
    assert html.count(">ja<") == 2  # both recorded in readiness
    assert world.officers[0].email not in html and world.officers[0].phone not in html
    assert "Bedankje versturen" not in html  # the viewer does not lead it
    assert _client(world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_the_print_view_marks_an_exercise(world: World) -> None:
    incident = _incident(world, exercise=True)
    page = _client(world.viewer).get(f"/incidenten/{incident.pk}/nafase/inzet/afdrukken/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "OEFENING" in html and "exercise-mark" in html
    assert world.contacts[0].full_name in html and "data-print" in html


def test_a_lead_sends_the_thank_you_and_sees_the_counts(world: World) -> None:
    incident = _incident(world)
    lead = _client(world.coordinator)
    url = f"/incidenten/{incident.pk}/nafase/inzet/"
    form = lead.get(url).content.decode()
    assert "Dank voor je inzet bij Gasstoring Velsen-Noord" in form  # prefilled
    assert "Per e-mail: 2" in form and "Bedankje versturen (2 ontvangers)" in form
    response = lead.post(url, {"text": "Dank jullie wel!"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    html = response.content.decode()
    assert "Ontvangers van het bedankje: 2; het versturen is begonnen." in html
    assert "Verstuurde bedankjes" in html and "hx-get" in html  # busy: refreshes
    assert ThankYou.objects.get().text == "Dank jullie wel!"
    assert ThankYouItem.objects.count() == 2
    # A second one right away is refused, with the reason instead of the form.
    again = lead.get(url).content.decode()
    assert "al een verstuurd" in again
    status = lead.get(f"{url}stand/")
    assert status.status_code == 200 and "Verstuurde bedankjes" in status.content.decode()


def test_the_form_refuses_bad_input_with_a_dutch_message(world: World) -> None:
    incident = _incident(world)
    url = f"/incidenten/{incident.pk}/nafase/inzet/"
    response = _client(world.coordinator).post(url, {"text": "   "})
    assert response.status_code == 400
    assert "Tekst: schrijf een paar woorden van dank." in response.content.decode()
    response = _client(world.coordinator).post(url, {"text": "x" * 5000})
    assert response.status_code == 400
    assert "ten hoogste 4000" in response.content.decode()
    assert not ThankYou.objects.exists()


def test_only_a_lead_sends_or_records(world: World) -> None:
    incident = _incident(world)
    url = f"/incidenten/{incident.pk}/nafase/inzet/"
    assert _client(world.viewer).post(url, {"text": "Dank"}).status_code == 403
    assert _client(world.viewer).post(f"{url}vastleggen/").status_code == 403
    assert _client(world.outsider).post(url, {"text": "Dank"}).status_code == 404
    assert not ThankYou.objects.exists()


def test_while_acute_the_page_says_so_and_a_lead_reruns_afterwards(world: World) -> None:
    incident = _incident(world, end=False)
    lead = _client(world.coordinator)
    url = f"/incidenten/{incident.pk}/nafase/inzet/"
    html = lead.get(url).content.decode()
    assert "De acute fase loopt nog" in html
    assert "Bedankje: de acute fase loopt nog" in html  # no form yet
    assert html.count(">nog niet<") == 2
    incident = incidents.incident_end_acute(actor=world.coordinator, incident=incident)
    Activity.objects.filter(person=world.contacts[0]).delete()  # removed by mistake
    html = lead.get(url).content.decode()
    assert "Ontbrekende inzet vastleggen (1)" in html
    done = lead.post(f"{url}vastleggen/", follow=True).content.decode()
    assert "Inzet vastgelegd: 1." in done
    assert Activity.objects.count() == 2


def test_the_aftercare_tab_counts_and_links(world: World) -> None:
    incident = _incident(world)
    html = _client(world.viewer).get(f"/incidenten/{incident.pk}/nafase/").content.decode()
    assert "Aangekomen op het alarmeringsbord: 2" in html
    assert "inzet vastgelegd: 2" in html
    assert f"/incidenten/{incident.pk}/nafase/inzet/" in html
